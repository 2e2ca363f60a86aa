// The `sallyport` command line: parses argv with node:util parseArgs and runs one command.
import { parseArgs } from 'node:util';
import { runAuditVerify } from './audit-verify';
import { EXIT_USAGE, oneLine } from './cli-context';
import type { CliContext } from './cli-context';
import { runDeviceTokenSet, runDirectoryPasswordSet } from './device-token';
import { runDoctor } from './doctor';

export const USAGE = [
  'usage: sallyport <command> [options]',
  '  sallyport doctor [--policy FILE] [--cache FILE]   check everything Sallyport needs, one line each',
  '  sallyport audit verify [--cache FILE]             check the audit trail and name the first broken row',
  '  sallyport device-token set                        store the records-service device token (from stdin)',
  '  sallyport directory-password set                  store the directory service account password (from stdin)',
  '  sallyport help                                    show this',
].join('\n');

export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const usage = (problem: string) => {
    context.err(`sallyport: ${oneLine(problem)}`);
    context.err(USAGE);
    return EXIT_USAGE;
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'doctor': {
        const { values } = parseArgs({
          args: rest,
          options: { policy: { type: 'string' }, cache: { type: 'string' } },
          strict: true,
          allowPositionals: false,
        });
        return await runDoctor({ policy: values.policy, cache: values.cache }, context);
      }
      case 'audit': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { cache: { type: 'string' } },
          strict: true,
          allowPositionals: true,
        });
        if (positionals.length !== 1 || positionals[0] !== 'verify')
          return usage('audit takes one subcommand: verify');
        return await runAuditVerify({ cache: values.cache }, context);
      }
      case 'device-token': {
        const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
        if (positionals.length !== 1 || positionals[0] !== 'set')
          return usage('device-token takes one subcommand: set');
        return await runDeviceTokenSet(context);
      }
      case 'directory-password': {
        const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
        if (positionals.length !== 1 || positionals[0] !== 'set')
          return usage('directory-password takes one subcommand: set');
        return await runDirectoryPasswordSet(context);
      }
      case 'help':
      case '--help':
      case '-h':
        context.out(USAGE);
        return 0;
      case undefined:
        return usage('no command given');
      default:
        return usage(`unknown command "${command}"`);
    }
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown or malformed options.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      return usage((error as Error).message);
    throw error;
  }
}
