// What may go into an audit record's details: no password, TOTP or recovery code, key, token or
// secret (ASVS 4.0.3 7.1.1), and no character that could forge a line in a log or a report
// (ASVS 7.3.1). Keys that name a secret are dropped with their values; control, line-separator
// and bidirectional-override characters are written as visible \uXXXX escapes.

/** Words that name a secret wherever they appear in a key ("newPassword", "totp_code", "api-key"). */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'pin',
  'totp',
  'otp',
  'hotp',
  'code',
  'token',
  'secret',
  'key',
  'apikey',
  'credential',
  'credentials',
  'cookie',
  'authorization',
  'bearer',
  'verifier',
  'seed',
  'sessionid',
]);
/** Fragments that name a secret even inside a run-together key ("accesstoken", "userpassword"). */
const SECRET_FRAGMENTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'totp',
  'credential',
  'apikey',
  'sessionid',
];
/** "errorCode", "statusCode", "housingUnitCode": codes that are facts, not secrets. */
const PUBLIC_CODE_QUALIFIERS = new Set([
  'error',
  'status',
  'reason',
  'result',
  'outcome',
  'exit',
  'http',
  'unit',
]);

const MAX_DEPTH = 6;
const MAX_STRING = 1000;
const MAX_ITEMS = 100;

// C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates, BOM: the point
// of this pattern is to match control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** Makes text safe to show on one line: unsafe characters become visible \uXXXX escapes. */
export function neutralise(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a details key names a secret. */
export function isSecretKey(key: string): boolean {
  const parts = words(key);
  const last = parts.at(-1);
  const beforeLast = parts.at(-2);
  if (last === 'code' && beforeLast !== undefined && PUBLIC_CODE_QUALIFIERS.has(beforeLast)) {
    return parts.slice(0, -1).some((part) => SECRET_WORDS.has(part));
  }
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  const fused = parts.join('');
  return SECRET_FRAGMENTS.some((fragment) => fused.includes(fragment));
}

/**
 * A copy of `details` fit for the audit trail: secret-named keys dropped at every depth, strings
 * neutralised and cut to length, and anything that is not plain data left out.
 */
export function redact(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const cleaned = clean(details, 0);
  return cleaned !== null && typeof cleaned === 'object' && !Array.isArray(cleaned)
    ? (cleaned as Record<string, unknown>)
    : {};
}

function clean(value: unknown, depth: number): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return cleanString(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    return value
      .slice(0, MAX_ITEMS)
      .map((item) => clean(item, depth + 1))
      .map((item) => (item === undefined ? null : item));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS)) {
    if (isSecretKey(key)) continue;
    const cleaned = clean(item, depth + 1);
    if (cleaned !== undefined) result[cleanString(key)] = cleaned;
  }
  return result;
}

function cleanString(text: string): string {
  if (/^\s*bearer\s/i.test(text)) return '[redacted]';
  const safe = neutralise(text);
  return safe.length > MAX_STRING ? `${safe.slice(0, MAX_STRING)}…[cut]` : safe;
}
