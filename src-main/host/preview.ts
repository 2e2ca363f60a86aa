// `npm start`'s demo policy: the app pointed at the embedded demo facility. Development only; never packaged.
import type { DemoFacility } from '../../src-facility/demo-facility';
import type { PolicyInput } from '../../src-shared/policy/policy';

export function demoPolicy(facility: DemoFacility): PolicyInput {
  return {
    facility: { id: 'demo', name: facility.facility.name, timeZone: facility.facility.timeZone },
    workstation: { name: 'DEMO-WS-01' },
    directory: {
      kind: 'openldap',
      urls: [facility.directory.url],
      tls: 'plain',
      allowPlaintext: true,
      bindDn: facility.directory.bindDn,
      userBase: facility.directory.userBase,
      groupRoles: facility.directory.groupRoles,
    },
    records: { url: facility.recordsUrl, allowPlaintext: true, pollSeconds: 5 },
  };
}
