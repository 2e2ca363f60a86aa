// What can be told about a cache file from its bytes alone, before any key is tried: missing,
// empty (new), a plain SQLite file, cut short, or bytes that look like ciphertext.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CIPHER_PAGE_SIZE } from './cipher';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type CacheFileState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'present'; readonly size: number }
  | { readonly kind: 'damaged'; readonly why: string };

export function inspectCacheFile(file: string): CacheFileState {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { kind: 'damaged', why: 'is not a regular file' };
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (size === 0) return { kind: 'empty' };
  const head = readHead(file, Math.min(size, CIPHER_PAGE_SIZE));
  if (head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    return { kind: 'damaged', why: 'is a plain, unencrypted SQLite database, not a Sallyport cache' };
  }
  if (size % CIPHER_PAGE_SIZE !== 0) {
    return { kind: 'damaged', why: `is cut short or padded (${size} bytes is not a whole number of pages)` };
  }
  return { kind: 'present', size };
}

/**
 * True when the first page reads like ciphertext (close to 8 bits of entropy a byte). A wrong key
 * and a file that is not a database both fail the same way inside SQLite; this tells them apart.
 */
export function looksEncrypted(file: string): boolean {
  let head: Buffer;
  try {
    head = readHead(file, CIPHER_PAGE_SIZE);
  } catch {
    return false;
  }
  if (head.length < 1024) return false;
  return byteEntropy(head) > 7.5;
}

export function byteEntropy(bytes: Uint8Array): number {
  const counts = new Array<number>(256).fill(0);
  for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / bytes.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function readHead(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
