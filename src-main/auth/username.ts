// One spelling of a username for counting and lookups: Unicode NFC, trimmed, lower case. The
// directory decides who a name belongs to; this only keeps "Officer1" and "officer1 " together.
export function usernameKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
