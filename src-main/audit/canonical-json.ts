// Canonical JSON: object keys sorted at every depth, no whitespace. The same content always gives
// the same text, and so the same hash, whatever order its keys were written in.

export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
  if (seen.has(value)) throw new TypeError('canonical JSON cannot hold a cycle');
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((item) => write(item, seen)).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${write(item, seen)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
