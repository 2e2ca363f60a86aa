// A workstation and its browser host, in this process, on a test policy. Nothing listens on the
// directory or records URLs: these tests stop short of sign-in and sync.
import { createWorkstation, type Workstation } from '../../src-main/app/workstation';
import { silentLog } from '../../src-main/app/log';
import { startHost, type HostServer } from '../../src-main/host/host-server';
import type { Officer } from '../../src-shared/contract';
import { Policy, type PolicyInput } from '../../src-shared/policy/policy';
import { rendererDir } from './paths';

export const testBanner = {
  title: 'Authorized use only',
  text:
    'This workstation is part of the Riverside County criminal justice information system. ' +
    'Activity on it is monitored, recorded and audited.\n\n' +
    'Unauthorized use or misuse is prohibited and may result in criminal and civil penalties. ' +
    'Using this system means you consent to this monitoring.',
};

export function testPolicy(overrides: Partial<PolicyInput> = {}): Policy {
  return Policy.parse({
    facility: { id: 'rcdc', name: 'Riverside County Detention Center' },
    workstation: { name: 'INTAKE-03' },
    banner: testBanner,
    directory: {
      urls: ['ldaps://127.0.0.1:1'],
      bindDn: 'cn=sallyport,ou=services,dc=rcdc,dc=example',
      userBase: 'ou=staff,dc=rcdc,dc=example',
      groupRoles: {},
    },
    records: { url: 'https://127.0.0.1:1' },
    ...overrides,
  });
}

export const administrator: Officer = {
  username: 'mreyes',
  displayName: 'Maria Reyes',
  role: 'administrator',
};

export const officer: Officer = {
  username: 'dokafor',
  displayName: 'Daniel Okafor',
  role: 'officer',
};

export interface TestApp {
  readonly workstation: Workstation;
  readonly host: HostServer;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { policy?: Policy; workstation?: (w: Workstation) => Workstation } = {},
): Promise<TestApp> {
  const real = createWorkstation({
    policy: options.policy ?? testPolicy(),
    host: 'browser',
    version: '0.1.0-test',
    log: silentLog(),
  });
  const workstation = options.workstation?.(real) ?? real;
  const host = await startHost({ workstation, rendererDir });
  let closed = false;
  return {
    workstation: real,
    host,
    async close() {
      if (closed) return;
      closed = true;
      await host.close();
      await real.close();
    },
  };
}
