// Why the keychain could not be used, with what to install or unlock. Never carries a secret.

export type KeychainErrorCode =
  /** No keychain answered: not installed, not running, locked, or the prompt was dismissed. */
  | 'KEYCHAIN_UNAVAILABLE'
  /** An entry exists but does not hold what Sallyport stored there. */
  | 'KEYCHAIN_BAD_ENTRY';

export class KeychainError extends Error {
  readonly code: KeychainErrorCode;
  constructor(code: KeychainErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeychainError';
    this.code = code;
  }
}

/** What to do, in the words of each platform's keychain. */
export function unavailableAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return (
        'Sallyport keeps its cache key in Windows Credential Manager. Sign in to Windows as this user ' +
        '(a profile must be loaded; service accounts without one have no Credential Manager), then start Sallyport again.'
      );
    case 'darwin':
      return (
        "Sallyport keeps its cache key in the macOS Keychain. Unlock this user's login keychain " +
        '(Keychain Access) and allow Sallyport when asked, then start Sallyport again.'
      );
    default:
      return (
        'Sallyport keeps its cache key in the Secret Service. Install gnome-keyring (or another Secret ' +
        "Service such as KWallet), make sure it runs in this user's session and that the login keyring " +
        'is unlocked, then start Sallyport again. Sallyport never falls back to keeping the key in a file.'
      );
  }
}
