// The directory's own account states, read from what the directory says: Active Directory's
// sub-codes in a failed bind's diagnostic message (`data 775`), its userAccountControl flags, and
// OpenLDAP ppolicy's pwdAccountLockedTime. Each has a sentence an officer can act on.

export type AccountState =
  'locked' | 'disabled' | 'account-expired' | 'password-expired' | 'must-change-password';

export const accountStateMessages: Record<AccountState, string> = {
  locked: 'Your directory account is locked. Ask a supervisor or IT to unlock it.',
  disabled: 'Your directory account is disabled. Ask IT to enable it.',
  'account-expired': 'Your directory account has expired. Ask IT to renew it.',
  'password-expired':
    'Your directory password has expired. Change it at a facility computer, then sign in again.',
  'must-change-password':
    'You must change your directory password before you can sign in. Change it at a facility computer, then sign in again.',
};

/** Active Directory's bind sub-codes (the `data NNN` of the diagnostic message). */
const adSubCodes: Record<string, AccountState> = {
  '530': 'disabled', // not permitted to log on at this time
  '531': 'disabled', // not permitted to log on at this workstation
  '532': 'password-expired',
  '533': 'disabled',
  '701': 'account-expired',
  '773': 'must-change-password',
  '775': 'locked',
};

export function stateFromBindMessage(message: string): AccountState | null {
  const code = /\bdata ([0-9a-f]{3})\b/i.exec(message)?.[1];
  return code === undefined ? null : (adSubCodes[code.toLowerCase()] ?? null);
}

const UF_ACCOUNTDISABLE = 0x2;

/** States visible on the entry itself, read with the service account. */
export function stateFromEntry(entry: Record<string, unknown>): AccountState | null {
  const first = (name: string): string | undefined => {
    const value = entry[name];
    const item = Array.isArray(value) ? value[0] : value;
    return typeof item === 'string' && item !== '' ? item : undefined;
  };
  const lockedTime = first('pwdAccountLockedTime');
  if (lockedTime !== undefined) return 'locked';
  const control = first('userAccountControl');
  if (control !== undefined && (Number(control) & UF_ACCOUNTDISABLE) !== 0) return 'disabled';
  const lockoutTime = first('lockoutTime');
  if (lockoutTime !== undefined && lockoutTime !== '0') return 'locked';
  return null;
}
