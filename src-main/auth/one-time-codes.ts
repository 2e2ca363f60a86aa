// One-time codes people read and type: enrolment codes an administrator hands over and the ten
// recovery codes an officer keeps. Random from a CSPRNG in an alphabet without look-alikes
// (no 0/O, 1/I/L), stored only as salted SHA-256; compared in constant time.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // 31 symbols: ~4.95 bits each

/** `groups` groups of `size` symbols joined by dashes, e.g. 7KQM-2XPD-9RTW. */
export function newOneTimeCode(groups = 3, size = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g += 1) {
    let part = '';
    for (let i = 0; i < size; i += 1) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}

/** What a person typed, in the form it was issued: upper case, look-alikes mapped, no separators. */
export function canonicalCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashCode(code: string, salt: Buffer = randomBytes(16)): string {
  const digest = createHash('sha256').update(salt).update(canonicalCode(code)).digest();
  return `sha256$${salt.toString('base64')}$${digest.toString('base64')}`;
}

export function codeMatches(input: string, stored: string): boolean {
  const [scheme, saltText, digestText] = stored.split('$');
  if (scheme !== 'sha256' || saltText === undefined || digestText === undefined) return false;
  const expected = Buffer.from(digestText, 'base64');
  const actual = createHash('sha256')
    .update(Buffer.from(saltText, 'base64'))
    .update(canonicalCode(input))
    .digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
