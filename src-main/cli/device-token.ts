// `sallyport device-token set`: IT stores the records-service device token in this user's keychain.
// The token is read from standard input, never from argv (argv shows in every process listing).
import { EXIT_FAILED, EXIT_OK, oneLine } from './cli-context';
import type { CliContext } from './cli-context';

export async function runDeviceTokenSet(context: CliContext): Promise<number> {
  const token = (await context.readStdin()).trim();
  if (token === '') {
    context.err(
      'FAIL device token: nothing on standard input. Pipe the token in: sallyport device-token set < token.txt',
    );
    return EXIT_FAILED;
  }
  try {
    await context.keychain().setDeviceToken(token);
  } catch (error) {
    context.err(`FAIL device token: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT_FAILED;
  }
  context.out('ok   device token stored in the keychain');
  return EXIT_OK;
}
