// Runs CLI commands for tests: in-process with captured lines, or as the real `sallyport` child
// process (node + tsx + src-main/cli/main.ts), inside the test's keyring session.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKeychain } from '../../keychain/keychain';
import type { Keychain } from '../../keychain/keychain';
import type { CliContext } from '../cli-context';

export const CLI_MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

export interface Captured {
  readonly context: CliContext;
  readonly out: string[];
  readonly err: string[];
}

export function captureContext(options: {
  keychain?: () => Keychain;
  env?: Record<string, string | undefined>;
  stdin?: string;
  clock?: () => Date;
}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: options.env ?? {},
    keychain:
      options.keychain ??
      (() => {
        throw new Error('this command was not expected to use the keychain');
      }),
    clock: options.clock ?? (() => new Date()),
    readStdin: async () => options.stdin ?? '',
    workstation: 'TEST-WS-01',
    osUser: 'it-tester',
  };
  return { context, out, err };
}

export interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `sallyport <args>` as a child process; SALLYPORT_KEYCHAIN_SERVICE keeps it off real entries. */
export function runSallyport(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI_MAIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function testKeychain(service: string): Keychain {
  return createKeychain({ service, timeoutMs: 10_000 });
}
