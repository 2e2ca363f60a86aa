import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPolicyInput } from '../test-support/test-policy';
import { loadPolicyFile, platformPolicyPath, PolicyError, resolvePolicyPath } from './policy-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(content: string): string {
  const file = path.join(dir, 'policy.json');
  writeFileSync(file, content);
  return file;
}

function problemsOf(file: string): PolicyError {
  try {
    loadPolicyFile(file);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

describe('policy file', () => {
  it('loads a minimal policy and fills the CJIS / NIST defaults', () => {
    const policy = loadPolicyFile(write(JSON.stringify(testPolicyInput())));
    expect(policy.session).toEqual({
      idleLockMinutes: 5,
      warningSeconds: 30,
      lifetimeHours: 12,
      unlockRequiresTotp: false,
    });
    expect(policy.lockout).toEqual({ maxAttempts: 5, windowMinutes: 15, release: { mode: 'administrator' } });
    expect(policy.mfa).toMatchObject({ digits: 6, driftSteps: 1 });
    expect(policy.directory.tls).toBe('ldaps');
    expect(policy.offline.allowed).toBe(false);
    expect(policy.banner.text).toMatch(/monitored/);
  });

  it('names the file when it is missing, and says who writes it', () => {
    const error = problemsOf(path.join(dir, 'absent.json'));
    expect(error.message).toContain(path.join(dir, 'absent.json'));
    expect(error.message).toMatch(/does not exist.*IT writes it/);
  });

  it('says when the file is not JSON', () => {
    expect(problemsOf(write('{ "facility": ')).message).toMatch(/is not valid JSON/);
  });

  it.each([
    ['an idle lock looser than CJIS allows', { session: { idleLockMinutes: 45 } }, 'session.idleLockMinutes'],
    ['a session longer than 12 hours', { session: { lifetimeHours: 24 } }, 'session.lifetimeHours'],
    ['more than 5 attempts before lockout', { lockout: { maxAttempts: 10 } }, 'lockout.maxAttempts'],
    [
      'a timed release under 10 minutes',
      { lockout: { release: { mode: 'timed', minutes: 2 } } },
      'lockout.release.minutes',
    ],
    ['TOTP drift of two steps', { mfa: { driftSteps: 2 } }, 'mfa.driftSteps'],
    ['an unknown top-level field', { sesion: {} }, '(the whole value)'],
    [
      'a time zone that does not exist',
      { facility: { id: 'rcdc', name: 'Riverside', timeZone: 'America/Riverside' } },
      'facility.timeZone',
    ],
  ])('refuses %s, naming the field', (_name, change, field) => {
    const error = problemsOf(write(JSON.stringify({ ...testPolicyInput(), ...change })));
    expect(error.problems.join('\n')).toContain(field);
  });

  it('refuses plain LDAP and http records unless allowPlaintext says so explicitly', () => {
    const input = testPolicyInput();
    const plain = {
      ...input,
      directory: { ...input.directory, urls: ['ldap://127.0.0.1:389'], tls: 'plain' },
    };
    expect(problemsOf(write(JSON.stringify(plain))).problems.join()).toContain('directory.allowPlaintext');
    const http = { ...input, records: { url: 'http://127.0.0.1:8080' } };
    expect(problemsOf(write(JSON.stringify(http))).problems.join()).toContain('records.allowPlaintext');
    const accepted = {
      ...plain,
      directory: { ...plain.directory, allowPlaintext: true },
      records: { url: 'http://127.0.0.1:8080', allowPlaintext: true },
    };
    expect(loadPolicyFile(write(JSON.stringify(accepted))).directory.tls).toBe('plain');
  });

  it('says when the path cannot be read as a file', () => {
    const error = problemsOf(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('knows the platform locations, and an explicit path wins', () => {
    expect(platformPolicyPath('linux')).toBe('/etc/sallyport/policy.json');
    expect(platformPolicyPath('darwin')).toBe('/Library/Application Support/Sallyport/policy.json');
    expect(platformPolicyPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Sallyport\\policy.json');
    expect(resolvePolicyPath('/tmp/x.json', {})).toBe('/tmp/x.json');
    expect(resolvePolicyPath(undefined, { SALLYPORT_POLICY: '/tmp/y.json' })).toBe('/tmp/y.json');
  });
});
