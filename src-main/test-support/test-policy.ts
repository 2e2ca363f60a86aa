// A valid policy for tests, with the defaults filled in; override what a test is about.
import { Policy, type PolicyInput } from '../../src-shared/policy/policy';

export function testPolicyInput(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    facility: { id: 'test-facility', name: 'Test County Detention Center' },
    workstation: { name: 'TEST-WS-01' },
    directory: {
      urls: ['ldaps://127.0.0.1:1636'],
      bindDn: 'cn=sallyport-svc,ou=services,dc=test',
      userBase: 'ou=people,dc=test',
      groupRoles: { 'cn=officers,ou=groups,dc=test': 'officer' },
    },
    records: { url: 'https://127.0.0.1:8443' },
    ...overrides,
  };
}

export function testPolicy(overrides: Partial<PolicyInput> = {}): Policy {
  return Policy.parse(testPolicyInput(overrides));
}
