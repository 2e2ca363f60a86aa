// A trail of known rows for tests, and raw-file tampering with the guarding triggers dropped.
import { openCache } from '../../store/open-cache';
import { openRawCache } from '../../store/testing/raw-cache';
import { createAuditTrail } from '../audit-trail';

export async function writeTrail(cacheFile: string, cacheKey: Buffer, rows: number): Promise<void> {
  const cache = await openCache({ file: cacheFile, key: cacheKey });
  let tick = Date.parse('2026-03-01T08:00:00.000Z');
  const trail = createAuditTrail({
    db: cache.db,
    workstation: 'WS-01',
    clock: () => new Date((tick += 1530)),
  });
  for (let i = 1; i <= rows; i += 1) {
    await trail.append({
      action: i % 3 === 0 ? 'inmate.read' : 'auth.sign-in',
      actor: `officer${i % 4}`,
      target: i % 3 === 0 ? `inmate:inm-${i}` : null,
      outcome: i % 5 === 0 ? 'failure' : 'success',
      details: { n: i },
    });
  }
  await cache.close();
}

/** Edits the raw file with the triggers out of the way, as a raw-file edit would. */
export function tamper(cacheFile: string, cacheKey: Buffer, edit: string): void {
  const raw = openRawCache(cacheFile, cacheKey);
  raw.exec('drop trigger audit_refuse_update; drop trigger audit_refuse_delete;');
  raw.exec(edit);
  raw.close();
}
