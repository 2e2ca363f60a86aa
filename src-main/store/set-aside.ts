// Sets a damaged or unreadable cache aside so a new one can be built from the records service:
// the file and its -wal/-shm/-journal companions are renamed, never deleted, and keep their
// pairing (`cache.sqlite.damaged-<time>` and `cache.sqlite.damaged-<time>-wal`) so IT can still
// examine them. Call it with the cache closed.
import { existsSync, renameSync } from 'node:fs';

const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

export interface SetAside {
  /** The new name of the cache file. */
  readonly file: string;
  /** Every rename made, from -> to. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
}

export function setAsideCache(file: string, clock: () => Date = () => new Date()): SetAside {
  const stamp = clock().toISOString().replace(/[-:]/g, '').replace('.', '');
  let target = `${file}.damaged-${stamp}`;
  for (
    let n = 2;
    [target, ...COMPANIONS.map((suffix) => target + suffix)].some((name) => existsSync(name));
    n += 1
  ) {
    target = `${file}.damaged-${stamp}-${n}`;
  }
  const renamed: { from: string; to: string }[] = [];
  // Companions first: a -wal left beside a new cache of the same name would be replayed into it.
  for (const suffix of COMPANIONS) {
    if (existsSync(file + suffix)) {
      renameSync(file + suffix, target + suffix);
      renamed.push({ from: file + suffix, to: target + suffix });
    }
  }
  if (existsSync(file)) {
    renameSync(file, target);
    renamed.push({ from: file, to: target });
  }
  return { file: target, renamed };
}
