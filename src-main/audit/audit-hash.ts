// The link of the chain: hash = SHA-256(prev_hash + canonical JSON of the row's content), hex.
// The content includes seq, so a row moved to another place no longer matches its hash.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, as stored. */
export interface AuditContent {
  readonly seq: number;
  readonly at: string;
  readonly workstation: string;
  readonly source: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: string;
  /** The stored canonical JSON text of the details. */
  readonly details: string;
}

export function auditRowHash(prevHash: string, content: AuditContent): string {
  const { seq, at, workstation, source, actor, action, target, outcome, details } = content;
  const canonical = canonicalJson({ seq, at, workstation, source, actor, action, target, outcome, details });
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}
