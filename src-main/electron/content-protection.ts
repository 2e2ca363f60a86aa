// Keeps a locked workstation out of screen captures and recordings (setContentProtection): set in
// main the moment the session locks, before the renderer has dropped what it showed. Windows and
// macOS honour it; on Linux Electron has no such protection and the call does nothing.
import type { BrowserWindow } from 'electron';
import type { SessionView } from '../../src-shared/contract';

export type ProtectableWindow = Pick<BrowserWindow, 'setContentProtection' | 'isDestroyed'>;

export interface SessionEvents {
  view(): SessionView;
  onChange(listener: (view: SessionView) => void): () => void;
}

/** Protects the window while the session is locked; returns the unsubscribe function. */
export function protectWhileLocked(window: ProtectableWindow, session: SessionEvents): () => void {
  let protectedNow: boolean | null = null;
  const apply = (view: SessionView) => {
    const locked = view.state === 'locked';
    if (locked === protectedNow || window.isDestroyed()) return;
    window.setContentProtection(locked);
    protectedNow = locked;
  };
  apply(session.view());
  return session.onChange(apply);
}
