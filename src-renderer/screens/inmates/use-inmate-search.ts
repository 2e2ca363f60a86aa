// Search as the officer types: the query goes to main 150 ms after the last key, and only the
// answer to the newest query is kept. The previous answer stays on screen until the next one
// arrives, so the list does not flicker empty between keys.
import { useEffect, useState } from 'react';
import type { InmateSummary } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { errorMessage } from '../../format/error-message';

export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchAnswer {
  /** The query as it was sent (trimmed). */
  readonly query: string;
  readonly hits: readonly InmateSummary[];
  /** Why the search failed, in words; null when it answered. */
  readonly error: string | null;
}

export interface InmateSearchState {
  /** The newest answer; null while nothing is typed. */
  readonly answer: SearchAnswer | null;
  /** Whether the answer is for an older query than the one typed. */
  readonly pending: boolean;
}

/** `active`: false while a record is open, so nothing is searched until the list is back. */
export function useInmateSearch(query: string, active: boolean): InmateSearchState {
  const client = useClient();
  const text = query.trim();
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);

  useEffect(() => {
    if (text === '' || !active) return;
    let current = true;
    const timer = setTimeout(() => {
      void client.call('inmates.search', { query: text }).then((result) => {
        if (!current) return;
        setAnswer(
          result.ok
            ? { query: text, hits: result.value.hits, error: null }
            : { query: text, hits: [], error: errorMessage(result.error) },
        );
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, active]);

  if (text === '') return { answer: null, pending: false };
  return { answer, pending: answer?.query !== text };
}
