// `sallyport device-token set` and `directory-password set` against the real keyring of the test
// session: the secret arrives on stdin and lands in the keychain, nothing of it is printed.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeychain } from '../keychain/keychain';
import { runCli } from './run-cli';
import { captureContext } from './testing/cli-harness';

const keychain = createKeychain({ service: `Sallyport-test-${randomBytes(6).toString('hex')}` });
afterEach(async () => {
  await keychain.deleteDeviceToken();
});

describe('storing secrets for IT', () => {
  it('stores the device token from stdin, trimmed, without echoing it', async () => {
    const { context, out, err } = captureContext({ keychain: () => keychain, stdin: '  tok-123456789\n' });
    expect(await runCli(['device-token', 'set'], context)).toBe(0);
    expect(await keychain.getDeviceToken()).toBe('tok-123456789');
    expect([...out, ...err].join('\n')).not.toContain('tok-123456789');
  });

  it('stores the directory password exactly as given, but for the final line ending', async () => {
    const { context, out } = captureContext({ keychain: () => keychain, stdin: ' pass with spaces \n' });
    expect(await runCli(['directory-password', 'set'], context)).toBe(0);
    expect(await keychain.getDirectoryBindPassword()).toBe(' pass with spaces ');
    expect(out.join('\n')).toMatch(/ok {3}directory service password stored/);
    expect(out.join('\n')).not.toContain('pass with spaces');
  });

  it('refuses empty input with a sentence that says how to pipe the secret in', async () => {
    const { context, err } = captureContext({ keychain: () => keychain, stdin: '\n' });
    expect(await runCli(['directory-password', 'set'], context)).toBe(1);
    expect(err.join('\n')).toContain('sallyport directory-password set < file');
  });
});
