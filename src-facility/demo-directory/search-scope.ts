// Which entries a search reaches from its base: the base alone, its children, or its subtree.

export type SearchScope = 'base' | 'one' | 'sub';

/** `dn` and `base` are normalised DNs (normaliseDn); the demo's values hold no escaped commas. */
export function inScope(dn: string, base: string, scope: SearchScope): boolean {
  switch (scope) {
    case 'base':
      return dn === base;
    case 'one':
      return dn.slice(dn.indexOf(',') + 1) === base && dn !== base;
    case 'sub':
      return dn === base || dn.endsWith(`,${base}`);
  }
}
