// The browser host opens the page at `/#token=<64 hex>`. The token authorises the WebSocket; it
// is taken out of the address bar at once so it is not left in history, bookmarks or screenshots.
const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** Returns the launch token, or null when the address carries none; removes it either way. */
export function takeLaunchToken(win: Window): string | null {
  const params = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) return null;
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  return TOKEN_PATTERN.test(token) ? token : null;
}
