// Child process for the "no keychain answers" tests: tries to get or make the cache key under the
// service in argv and prints what happened as one JSON line (never the key itself).
import { createKeychain } from '../keychain';

const service = process.argv[2] ?? 'Sallyport-probe';
try {
  const key = await createKeychain({ service, timeoutMs: 10_000 }).getOrCreateCacheKey();
  process.stdout.write(`${JSON.stringify({ ok: true, bytes: key.length })}\n`);
} catch (error) {
  const { name, message } = error as Error;
  process.stdout.write(
    `${JSON.stringify({ ok: false, name, code: (error as { code?: string }).code, message })}\n`,
  );
}
