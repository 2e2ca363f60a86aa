// Runs WAL checkpoints on a worker thread. SQLite3 Multiple Ciphers encrypts in its VFS, so a
// checkpoint decrypts every page it reads from the WAL and encrypts it again for the database
// file: two thirds of the cipher work of a large write (bench/store.bench.ts). On the main thread
// that would stall the app after a large write; here a second connection does it with PASSIVE
// checkpoints, which never block the writer or readers. (An initial sync avoids the second
// encryption altogether: it writes through the rollback journal, open-cache.ts useJournal.)
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CIPHER_PRAGMAS, rawKeyBuffer } from './cipher';

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file. */
  readonly walFrames: number;
  readonly checkpointed: number;
}

export interface Checkpointer {
  /** Checkpoints now (after a bulk write, say); waits for one already running. */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  readonly file: string;
  readonly key: Buffer;
  /** How often to look for frames to copy. */
  readonly intervalMs?: number;
  /** Called once if the worker cannot run: the caller then checkpoints on its own thread. */
  readonly onUnavailable?: (reason: string) => void;
}

// Plain CommonJS, run with `eval`: no bundler entry point is needed for the worker.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  const raw = Buffer.from(workerData.rawKey);
  db.key(raw);
  raw.fill(0);
  workerData.rawKey.fill(0);
  db.prepare('select count(*) from sqlite_master').get();
  db.pragma('busy_timeout = 1000');
  db.pragma('wal_autocheckpoint = 0');
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', code: String(error.code || error.name) });
}
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ type: 'checkpointed', walFrames: row.log, checkpointed: row.checkpointed });
    } catch (error) {
      parentPort.postMessage({ type: 'error', code: String(error.code || error.name) });
    }
  } else if (message === 'stop') {
    db.close();
    parentPort.close();
  }
});
`;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; code: string }
  | { type: 'checkpointed'; walFrames: number; checkpointed: number }
  | { type: 'error'; code: string };

/**
 * Starts the worker and returns at once (opening the cache does not wait for it); checkpoint()
 * waits until the worker is ready, and fails if it never becomes so.
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const raw = rawKeyBuffer(options.key);
  // A fresh, unshared copy for the worker (a Buffer may sit in Node's shared pool); workerData
  // is copied when the worker is made, so this one is wiped straight after.
  const rawKey = new Uint8Array(raw);
  raw.fill(0);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers'),
      file: options.file,
      pragmas: [...CIPHER_PRAGMAS],
      rawKey,
    },
  });
  rawKey.fill(0);
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const ready = new Promise<string | null>((resolve) => {
    worker.once('message', (message: WorkerMessage) =>
      resolve(message.type === 'ready' ? null : 'code' in message ? message.code : 'unknown'),
    );
    worker.once('error', (error) => resolve(error.message));
    void exited.then(() => resolve('the worker stopped'));
  });
  void ready.then((problem) => {
    if (problem !== null) options.onUnavailable?.(problem);
  });

  // The worker keeps the process alive only while it has something to do for it.
  let running: Promise<CheckpointResult> | undefined;
  let stopping = false;
  const ask = (): Promise<CheckpointResult> =>
    new Promise<CheckpointResult>((resolve, reject) => {
      worker.ref();
      worker.once('message', (message: WorkerMessage) => {
        if (!stopping) worker.unref();
        if (message.type === 'checkpointed') {
          resolve({ walFrames: message.walFrames, checkpointed: message.checkpointed });
        } else {
          reject(
            new Error(`The background checkpoint failed (${'code' in message ? message.code : 'unknown'}).`),
          );
        }
      });
      worker.postMessage('checkpoint');
    });
  const checkpoint = (): Promise<CheckpointResult> => {
    running ??= ready
      .then((problem) => {
        if (problem !== null) throw new Error(`The background checkpoint is not running (${problem}).`);
        return ask();
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  // A checkpoint that fails now (the writer busy, the disk full) is simply tried again next time.
  const timer = setInterval(() => void checkpoint().catch(() => undefined), options.intervalMs ?? 2000);
  timer.unref();

  return {
    checkpoint,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      if ((await ready) === null) {
        worker.ref();
        worker.postMessage('stop');
      } else {
        await worker.terminate();
      }
      await exited;
    },
  };
}
