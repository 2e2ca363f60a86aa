// The offline sign-in verifier: a salted, memory-hard hash of the password (scrypt, N=2^15, r=8,
// p=1: 32 MiB and tens of milliseconds per guess), kept after each online sign-in so the
// password can be checked when the directory cannot be reached. Parameters travel in the record,
// so they can be raised later without breaking existing verifiers.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16; // CJIS IA-5 asks for at least 32 bits of salt

function derive(password: string, salt: Buffer, params: ScryptOptions & { N: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 128 * params.N * (params.r ?? 8) * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function makeVerifier(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifierMatches(password: string, verifier: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = verifier.split('$');
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = await derive(password, Buffer.from(saltText, 'base64'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
