// The keys listed under '?'. Each screen adds its own to the ones that work everywhere.
export interface ShortcutHelp {
  readonly keys: readonly string[];
  readonly action: string;
}

export const windowShortcuts: readonly ShortcutHelp[] = [
  { keys: ['?'], action: 'Show the keyboard shortcuts' },
  { keys: ['Esc'], action: 'Close a dialog' },
  { keys: ['Tab'], action: 'Move to the next field or button (Shift+Tab: the previous one)' },
];

export const signInShortcuts: readonly ShortcutHelp[] = [
  { keys: ['Enter'], action: 'Sign in, from any field of the form' },
];

export const lockShortcuts: readonly ShortcutHelp[] = [
  { keys: ['Ctrl+L'], action: 'Lock the workstation (from anywhere, even while typing)' },
];

export const unlockShortcuts: readonly ShortcutHelp[] = [
  { keys: ['Enter'], action: 'Unlock, from the password field' },
];

export const inmateShortcuts: readonly ShortcutHelp[] = [
  {
    keys: ['/'],
    action: 'Search inmates, from anywhere (Enter opens the first found; ↓ moves into the list)',
  },
  { keys: ['Esc'], action: 'Back from an inmate record to the search' },
];
