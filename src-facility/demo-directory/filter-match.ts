// Evaluates a parsed LDAP search filter against a demo entry. Written here rather than using the
// filters' own matches(), which compares values case-sensitively: every attribute of this
// directory (uid, cn, mail, DNs) matches case-insensitively, as on a real server.
import type { DirectoryEntry } from './directory-tree';

/** The shape of @ldapjs/filter's filter objects that this evaluator reads. */
export interface ParsedFilter {
  readonly type: string;
  readonly attribute?: string;
  readonly value?: unknown;
  readonly clauses?: readonly ParsedFilter[];
  readonly initial?: string;
  readonly any?: readonly string[];
  readonly final?: string;
}

function valuesOf(entry: DirectoryEntry, attribute: string | undefined): readonly string[] {
  if (attribute === undefined) return [];
  const wanted = attribute.toLowerCase();
  for (const [name, values] of Object.entries(entry.attributes)) {
    if (name.toLowerCase() === wanted) return values;
  }
  return [];
}

/** Lower case without the spaces some clients put after commas: enough to compare these DNs. */
export function normaliseDn(dn: string): string {
  return dn
    .toLowerCase()
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*=\s*/g, '=')
    .trim();
}

function normalise(value: string, attribute: string): string {
  const name = attribute.toLowerCase();
  return name === 'member' || name === 'memberof' ? normaliseDn(value) : value.toLowerCase();
}

function substringMatches(value: string, filter: ParsedFilter): boolean {
  const text = value.toLowerCase();
  let position = 0;
  if (filter.initial) {
    if (!text.startsWith(filter.initial.toLowerCase())) return false;
    position = filter.initial.length;
  }
  for (const part of filter.any ?? []) {
    const found = text.indexOf(part.toLowerCase(), position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return !filter.final || text.slice(position).endsWith(filter.final.toLowerCase());
}

export function matchesFilter(filter: ParsedFilter, entry: DirectoryEntry): boolean {
  switch (filter.type) {
    case 'AndFilter':
      return (filter.clauses ?? []).every((clause) => matchesFilter(clause, entry));
    case 'OrFilter':
      return (filter.clauses ?? []).some((clause) => matchesFilter(clause, entry));
    case 'NotFilter': {
      const inner = filter.clauses?.[0];
      return inner !== undefined && !matchesFilter(inner, entry);
    }
    case 'PresenceFilter':
      return valuesOf(entry, filter.attribute).length > 0;
    case 'EqualityFilter': {
      const attribute = filter.attribute ?? '';
      const wanted = normalise(String(filter.value ?? ''), attribute);
      return valuesOf(entry, attribute).some((value) => normalise(value, attribute) === wanted);
    }
    case 'SubstringFilter':
      return valuesOf(entry, filter.attribute).some((value) => substringMatches(value, filter));
    default:
      // Ordering, approximate and extensible matches are not needed by the workstation: no match.
      return false;
  }
}
