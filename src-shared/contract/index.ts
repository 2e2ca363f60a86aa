export * from './channels';
export * from './envelope';
export * from './errors';
export * from './bridge';
export * from './records';
