// Single-key shortcuts for the whole window. They never fire while someone types in a field
// (a password may contain '?'), with a modifier held (the browser's and the OS's own), or inside
// a dialog, which has its own keys.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Readonly<Record<string, () => void>>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="dialog"]') !== null;
}

/**
 * `first`: a page's own use of a key the shell also uses ('/' on the inmate search), taken before
 * the shell's, which then sees it handled.
 */
export function useKeyShortcuts(shortcuts: ShortcutMap, { first = false }: { first?: boolean } = {}): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  const capture = useRef(first);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const action = latest.current[event.key];
      if (action === undefined) return;
      event.preventDefault();
      action();
    };
    const options = { capture: capture.current };
    document.addEventListener('keydown', onKeyDown, options);
    return () => document.removeEventListener('keydown', onKeyDown, options);
  }, []);
}
