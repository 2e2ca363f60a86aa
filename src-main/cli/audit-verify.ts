// `sallyport audit verify`: checks the audit trail's hash chain and names the first broken row.
// Reading the trail is itself audited (CJIS AU-2: any access to the audit trail).
import { createAuditTrail } from '../audit/audit-trail';
import { verifyAuditChain } from '../audit/verify-chain';
import type { AuditChainReport } from '../audit/verify-chain';
import { resolveCachePath } from '../store/cache-path';
import type { Cache } from '../store/open-cache';
import { openCacheWithKeychain } from '../store/open-with-keychain';
import { EXIT_FAILED, EXIT_OK, oneLine } from './cli-context';
import type { CliContext } from './cli-context';

export interface AuditVerifyOptions {
  readonly cache?: string;
}

export async function runAuditVerify(options: AuditVerifyOptions, context: CliContext): Promise<number> {
  const file = resolveCachePath(options.cache, context.env as NodeJS.ProcessEnv);
  let cache: Cache;
  try {
    cache = await openCacheWithKeychain({
      file,
      keychain: context.keychain(),
      clock: context.clock,
      mustExist: true,
    });
  } catch (error) {
    context.err(`FAIL audit trail: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT_FAILED;
  }
  try {
    const report = await verifyAuditChain(cache.db);
    if (report.ok) {
      context.out(`ok   audit trail in ${file}: ${report.rows} rows, chain intact`);
    } else {
      context.out(
        `FAIL audit trail in ${file}: first broken row ${report.firstBrokenSeq}: ${report.reason} ` +
          `(${report.rows} rows before it are intact)`,
      );
    }
    await recordVerification(cache.db, context, report);
    return report.ok ? EXIT_OK : EXIT_FAILED;
  } finally {
    await cache.close();
  }
}

async function recordVerification(
  db: Cache['db'],
  context: CliContext,
  report: AuditChainReport,
): Promise<void> {
  try {
    await createAuditTrail({
      db,
      workstation: context.workstation,
      source: 'cli',
      clock: context.clock,
    }).append({
      action: 'audit.verify',
      actor: context.osUser,
      outcome: report.ok ? 'success' : 'failure',
      details: report.ok
        ? { rows: report.rows }
        : { firstBrokenSeq: report.firstBrokenSeq, rows: report.rows },
    });
  } catch (error) {
    context.err(
      `warning: the verification itself could not be written to the audit trail (${oneLine(String(error))})`,
    );
  }
}
