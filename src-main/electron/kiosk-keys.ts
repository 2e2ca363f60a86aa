// Kiosk mode (policy kiosk.enabled): the window has no menu, and the keys that would close,
// reload, print or leave full screen are refused before the page or any accelerator sees them.
//
// What Electron can catch: keys that reach the window (`before-input-event`). What it cannot:
// keys the operating system keeps for itself — Ctrl+Alt+Del, the Windows/Super key, Alt+Tab,
// Cmd+Tab, Cmd+Option+Esc, Ctrl+Alt+F1…F7 on Linux, and Alt+F4 wherever the window manager takes
// it first (most Linux desktops). Those need the OS's own kiosk setup (Windows Assigned Access or
// Shell Launcher, a macOS managed profile, a kiosk session on Linux); see docs/architecture.md.
import type { Input, WebContents } from 'electron';

type Keys = Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'meta' | 'shift'>;

/** Ctrl on Windows and Linux, Cmd on macOS: both are refused on every platform. */
const command = (input: Keys) => input.control || input.meta;

/** Each refused key, with why it is refused (listed in the unit test). */
const refused: readonly { why: string; matches: (input: Keys, key: string) => boolean }[] = [
  {
    why: 'close the window',
    matches: (i, k) => ((i.alt || i.control) && k === 'f4') || (command(i) && k === 'w'),
  },
  { why: 'quit', matches: (i, k) => command(i) && k === 'q' },
  { why: 'reload', matches: (i, k) => k === 'f5' || (command(i) && k === 'r') },
  { why: 'leave full screen', matches: (i, k) => k === 'f11' || (i.control && i.meta && k === 'f') },
  { why: 'open developer tools', matches: (i, k) => k === 'f12' || (command(i) && i.shift && k === 'i') },
  { why: 'print', matches: (i, k) => command(i) && k === 'p' },
  { why: 'save or open a page', matches: (i, k) => command(i) && (k === 's' || k === 'o') },
  { why: 'open a window', matches: (i, k) => command(i) && (k === 'n' || k === 't') },
  { why: 'hide or minimise', matches: (i, k) => i.meta && (k === 'h' || k === 'm') },
];

/** Why a key is refused in kiosk mode, or null when the page may have it. */
export function kioskRefusal(input: Keys): string | null {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return null;
  const key = input.key.toLowerCase();
  return refused.find((rule) => rule.matches(input, key))?.why ?? null;
}

export interface KioskWindow {
  removeMenu(): void;
  webContents: Pick<WebContents, 'on'>;
}

/** Applies kiosk mode's key guard and removes the menu (and with it its accelerators). */
export function guardKioskKeys(window: KioskWindow): void {
  window.removeMenu();
  window.webContents.on('before-input-event', (event, input) => {
    if (kioskRefusal(input) !== null) event.preventDefault();
  });
}
