// Inmates: search the workstation's records by name, booking number or housing unit, and open one
// inmate's record read-only. The open record is in the address (`#/inmates/<id>`), so a lock and
// unlock come back to it; the search is kept only in memory, so no name is left in the address
// or the history, and the lock drops it with everything else on screen.
import { useState } from 'react';
import { navigateTo } from '../../hooks/use-hash-route';
import type { Section } from '../../shell/sections';
import { InmateRecordView } from './inmate-record-view';
import { InmateSearchView } from './inmate-search-view';
import { useInmateSearch } from './use-inmate-search';

/** The address of an inmate's record, as the rail's links write addresses. */
export function inmatePath(id: string): string {
  return `inmates/${encodeURIComponent(id)}`;
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function InmatesPage({ section, path }: { section: Section; path: string }) {
  const [query, setQuery] = useState('');
  const [lastOpened, setLastOpened] = useState<string | null>(null);
  const openId = path === '' ? null : decoded(path);
  const search = useInmateSearch(query, openId === null);

  if (openId !== null) {
    return (
      <InmateRecordView key={openId} section={section} id={openId} onBack={() => navigateTo('inmates')} />
    );
  }
  return (
    <InmateSearchView
      section={section}
      query={query}
      onQueryChange={setQuery}
      search={search}
      returnTo={lastOpened}
      onOpen={(id) => {
        setLastOpened(id);
        navigateTo(inmatePath(id));
      }}
    />
  );
}
