// What every command gets from outside, so each can be run and tested as a function: where its
// lines go, the environment, the keychain and the clock.
import { neutralise } from '../audit/redact';
import type { Keychain } from '../keychain/keychain';

export interface CliContext {
  /** One line to standard output (no trailing newline). */
  readonly out: (line: string) => void;
  /** One line to standard error. */
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Made on first use: commands that need no keychain never touch it. */
  readonly keychain: () => Keychain;
  readonly clock: () => Date;
  /** Everything on standard input, for secrets that must not appear in argv. */
  readonly readStdin: () => Promise<string>;
  /** This machine's name and the OS account running the command, for the audit trail. */
  readonly workstation: string;
  readonly osUser: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** One line, whatever the message held: a CLI line never spans lines or carries control characters. */
export function oneLine(text: string): string {
  return neutralise(text.replace(/\s*\n\s*/g, '; '));
}
