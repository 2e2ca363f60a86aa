// The attributes a search returns (RFC 4511 §4.5.1.8): all user attributes for none or '*',
// operational ones (memberOf) only by name or '+', nothing for '1.1'.
import type { DirectoryEntry } from './directory-tree';
import { operationalAttributes } from './directory-tree';

export function selectAttributes(
  entry: DirectoryEntry,
  requested: readonly string[],
): Record<string, readonly string[]> {
  const wanted = new Set(requested.map((name) => name.toLowerCase()));
  const allUser = wanted.size === 0 || wanted.has('*');
  const allOperational = wanted.has('+');
  const selected: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(entry.attributes)) {
    const key = name.toLowerCase();
    const operational = operationalAttributes.has(key);
    if (wanted.has(key) || (operational ? allOperational : allUser)) selected[name] = values;
  }
  return selected;
}
