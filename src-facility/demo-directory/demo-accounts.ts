// The demo directory's people, one per Sallyport role. The generator lists them as staff too, so
// the demo's staff screen and decision history name people who can actually sign in.
import type { Role } from '../../src-shared/domain/roles';

export interface DemoAccountSpec {
  readonly username: string;
  readonly givenName: string;
  readonly surname: string;
  readonly role: Role;
}

export const demoAccountSpecs: readonly DemoAccountSpec[] = [
  { username: 'officer.demo', givenName: 'Officer', surname: 'Demo', role: 'officer' },
  { username: 'supervisor.demo', givenName: 'Supervisor', surname: 'Demo', role: 'supervisor' },
  { username: 'admin.demo', givenName: 'Administrator', surname: 'Demo', role: 'administrator' },
];

export function displayNameOf(spec: DemoAccountSpec): string {
  return `${spec.givenName} ${spec.surname}`;
}
