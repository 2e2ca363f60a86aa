// The demo facility's public face: the synthetic data generator, the reference records service
// and the demo directory. The workstation's code never imports this; its tests and `npm start` do.
export { startDemoFacility } from './demo-facility';
export type { DemoFacility, DemoFacilityOptions } from './demo-facility';
export { startDemoDirectory } from './demo-directory/demo-directory';
export type { DemoAccount, DemoDirectory, DemoDirectoryOptions } from './demo-directory/demo-directory';
export { entityOrder, generateFacility } from './generate/generate-facility';
export type { FacilityDataset, GeneratedRecord, GenerateOptions } from './generate/generate-facility';
export { FacilitySize, sizeProfiles } from './generate/sizes';
export type { SizeProfile } from './generate/sizes';
export { startRecordsService } from './records-service/records-service';
export type { RecordsService, RecordsServiceOptions } from './records-service/records-service';
export { RecordStore } from './records-service/record-store';
export type { ChangeRow, CurrentRecord, LiveRecord, Written } from './records-service/record-store';
export { FaultScript } from './records-service/faults';
export type { Fault, FaultHook, FaultRequest, FeedFault, ReplyFault } from './records-service/faults';
export { seedRecordsService } from './records-service/seed-records-service';
export type { SeedResult } from './records-service/seed-records-service';
