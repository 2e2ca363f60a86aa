// Runs testing/durability-writer.ts in a child process until it has acknowledged enough commits,
// then kills it with SIGKILL: what a crash or a pulled plug does to the process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'durability-writer.ts');

/** Runs the writer until it has acknowledged `atLeast` commits, then kills it with SIGKILL. */
export function writeUntilKilled(
  file: string,
  key: Buffer,
  atLeast: number,
  checkpoints: 'auto' | 'background' = 'auto',
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
      env: {
        ...process.env,
        SALLYPORT_TEST_KEY: key.toString('hex'),
        SALLYPORT_TEST_CHECKPOINTS: checkpoints,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) acknowledged.push(Number(match[1]));
      }
      if (!killed && acknowledged.length >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the writer stopped by itself (code ${code}): ${stderr}`));
    });
  });
}
