// The main process's structured log. Secrets never reach it: callers log names and codes, and
// the redaction list below is a second line of defence for fields that should never be there.
import pino, { type Logger } from 'pino';

export type { Logger };

const secretFields = ['password', 'totp', 'code', 'recoveryCode', 'token', 'key', 'secret', 'deviceToken'];

export function createLog(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.SALLYPORT_LOG_LEVEL ?? 'info',
      base: { app: 'sallyport' },
      redact: { paths: [...secretFields, ...secretFields.map((f) => `*.${f}`)], censor: '[redacted]' },
    },
    options.destination ?? process.stderr,
  );
}

export function silentLog(): Logger {
  return pino({ level: 'silent' });
}
