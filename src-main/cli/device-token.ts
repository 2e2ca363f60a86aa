// `sallyport device-token set` and `sallyport directory-password set`: IT stores the records-service
// device token, or the directory service account's password, in this user's keychain. Both are
// read from standard input, never from argv (argv shows in every process listing).
import type { Keychain } from '../keychain/keychain';
import { EXIT_FAILED, EXIT_OK, oneLine } from './cli-context';
import type { CliContext } from './cli-context';

interface Secret {
  name: string;
  command: string;
  /** What was piped in, as it is to be stored. */
  read(input: string): string;
  store(keychain: Keychain, value: string): Promise<void>;
}

async function runSecretSet(context: CliContext, secret: Secret): Promise<number> {
  const value = secret.read(await context.readStdin());
  if (value === '') {
    context.err(`FAIL ${secret.name}: nothing on standard input. Pipe it in: ${secret.command} < file`);
    return EXIT_FAILED;
  }
  try {
    await secret.store(context.keychain(), value);
  } catch (error) {
    context.err(`FAIL ${secret.name}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT_FAILED;
  }
  context.out(`ok   ${secret.name} stored in the keychain`);
  return EXIT_OK;
}

export function runDeviceTokenSet(context: CliContext): Promise<number> {
  return runSecretSet(context, {
    name: 'device token',
    command: 'sallyport device-token set',
    read: (input) => input.trim(),
    store: (keychain, value) => keychain.setDeviceToken(value),
  });
}

export function runDirectoryPasswordSet(context: CliContext): Promise<number> {
  return runSecretSet(context, {
    name: 'directory service password',
    command: 'sallyport directory-password set',
    // A password is stored exactly as given, but for the line ending a pipe or a file adds.
    read: (input) => input.replace(/\r?\n$/, ''),
    store: (keychain, value) => keychain.setDirectoryBindPassword(value),
  });
}
