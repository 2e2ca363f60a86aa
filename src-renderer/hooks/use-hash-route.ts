// The shell's current section lives in the address fragment (`#/visits`), so links are real
// links and Back works. The launch token has already been taken out of the fragment by then.
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

/** The fragment's path without `#/`, e.g. 'visits'. */
export function useHashRoute(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigateTo(path: string): void {
  window.location.hash = `#/${path}`;
}
