// The Inmates list: a search field that answers as the officer types, and the inmates it found.
// Enter in the field opens the first of them; the down arrow moves into the list, where the arrows
// move from inmate to inmate and Enter opens one. While the first sync is still running the page
// says that the results may be incomplete.
import { useEffect, useRef } from 'react';
import { Input, Label, SearchField, Text } from 'react-aria-components';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { Icon } from '../../components/icon';
import { useKeyShortcuts } from '../../hooks/use-key-shortcuts';
import { useSyncStatusView } from '../../hooks/use-sync-status';
import { initialSyncRunning } from '../../shell/initial-sync-progress';
import { EmptyState, PageFrame } from '../../shell/section-page';
import type { Section } from '../../shell/sections';
import { InmateResultsTable } from './inmate-results-table';
import type { InmateSearchState } from './use-inmate-search';

const count = new Intl.NumberFormat(undefined);

interface InmateSearchViewProps {
  section: Section;
  query: string;
  onQueryChange: (query: string) => void;
  search: InmateSearchState;
  /** The inmate whose record was open last: its row takes focus when the list comes back. */
  returnTo: string | null;
  onOpen: (id: string) => void;
}

/** What the live region says about the list: how many, and whether that is all of them. */
function resultsSentence(hits: number, limit: number): string {
  if (hits === 0) return 'No inmate matches.';
  if (hits >= limit)
    return `The first ${hits} matches are shown: type more of the name or number to narrow them.`;
  return hits === 1 ? '1 inmate matches.' : `${hits} inmates match.`;
}

/** The search answers at most this many inmates (the contract's limit). */
const RESULT_LIMIT = 25;

export function InmateSearchView(props: InmateSearchViewProps) {
  const { section, query, onQueryChange, search, returnTo, onOpen } = props;
  const client = useClient();
  const status = useSyncStatusView();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLTableElement>(null);
  const { answer, pending } = search;
  const text = query.trim();
  const hits = answer?.hits ?? [];

  const focusRow = (id: string | null) => {
    const rows = listRef.current?.querySelectorAll<HTMLElement>('tbody [role="row"][data-key]') ?? [];
    const row = [...rows].find((element) => id === null || element.dataset.key === id);
    row?.focus();
    return row !== undefined;
  };

  // The page opens on the search field; back from a record, on the row of the inmate just read
  // (React Aria renders a table's rows after its first pass, so they are looked for a frame later).
  const returnRef = useRef(returnTo);
  useEffect(() => {
    inputRef.current?.focus();
    const returnId = returnRef.current;
    if (returnId === null) return;
    const frame = requestAnimationFrame(() => focusRow(returnId));
    return () => cancelAnimationFrame(frame);
  }, []);
  useKeyShortcuts({ '/': () => inputRef.current?.focus() }, { first: true });

  /** Enter: the first inmate of the answer to what is typed now, even if the list is not shown yet. */
  const openFirst = async () => {
    if (text === '') return;
    if (answer?.query === text && answer.error === null) {
      const first = answer.hits[0];
      if (first !== undefined) onOpen(first.id);
      return;
    }
    const result = await client.call('inmates.search', { query: text });
    const first = result.ok ? result.value.hits[0] : undefined;
    if (first !== undefined && inputRef.current?.value.trim() === text) onOpen(first.id);
  };

  const running = initialSyncRunning(status);
  const neverSynced = status !== null && status.lastSuccessAt === null && !running;
  const incomplete = running
    ? `Results may be incomplete: the first sync has loaded ${count.format(status.initial.received)}${
        status.initial.expected === null ? '' : ` of ${count.format(status.initial.expected)}`
      } records so far.`
    : null;

  return (
    <PageFrame section={section} focusHeading={false}>
      <div className="inmate-search">
        <SearchField
          className="field search-field"
          value={query}
          onChange={onQueryChange}
          onSubmit={() => void openFirst()}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && focusRow(null)) event.preventDefault();
            else event.continuePropagation();
          }}
          maxLength={100}
        >
          <Label className="field-label">Search inmates</Label>
          <div className="search-input">
            <Icon name="search" />
            <Input
              className="field-input"
              ref={inputRef}
              placeholder="Last name, booking number or housing unit"
              autoComplete="off"
              spellCheck="false"
              aria-keyshortcuts="/"
            />
          </div>
          <Text slot="description" className="field-hint">
            A name, a booking number (2026-004211, or its start) or a housing unit. Enter opens the first
            inmate found; ↓ moves into the list.
          </Text>
        </SearchField>
      </div>
      {incomplete !== null && (
        <p className="page-note">
          <Icon name="clock" />
          {incomplete}
        </p>
      )}
      <FormAlert message={answer?.error ?? null} />
      {/* With no match the empty state below says it on screen; the region still announces it. */}
      <p className={hits.length === 0 ? 'visually-hidden' : 'search-count'} role="status">
        {answer !== null && answer.error === null && !pending
          ? resultsSentence(hits.length, RESULT_LIMIT)
          : ''}
      </p>
      {text === '' && neverSynced && <EmptyState title={section.empty.title} detail={section.empty.detail} />}
      {answer !== null && answer.error === null && hits.length === 0 && !pending && (
        <EmptyState
          title={`No inmate matches “${answer.query}”.`}
          detail={
            running
              ? 'The first sync is still running, so the inmate may not be on this workstation yet. Check the spelling, or try again when it finishes.'
              : neverSynced
                ? section.empty.detail
                : 'Check the spelling, or search by booking number or housing unit code.'
          }
        />
      )}
      {hits.length > 0 && <InmateResultsTable ref={listRef} hits={hits} busy={pending} onOpen={onOpen} />}
    </PageFrame>
  );
}
