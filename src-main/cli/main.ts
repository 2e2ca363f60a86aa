#!/usr/bin/env node
// Entry point of the `sallyport` command (package.json "bin"). Wires the real world into runCli.
import os from 'node:os';
import { createKeychain } from '../keychain/keychain';
import type { Keychain } from '../keychain/keychain';
import { EXIT_FAILED } from './cli-context';
import { runCli } from './run-cli';

let keychain: Keychain | undefined;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  // SALLYPORT_KEYCHAIN_SERVICE lets tests and side-by-side installs use their own entries.
  keychain: () =>
    (keychain ??= createKeychain({ service: process.env.SALLYPORT_KEYCHAIN_SERVICE || undefined })),
  clock: () => new Date(),
  readStdin,
  workstation: os.hostname(),
  osUser: osUser(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sallyport: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
