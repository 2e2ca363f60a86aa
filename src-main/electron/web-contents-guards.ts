// Refuses everything a page could do to leave the app: navigation elsewhere, new windows,
// webviews, and every permission (camera, microphone, notifications, geolocation...) unless the
// policy enables it.
import type { Session, WebContents } from 'electron';

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    // WHATWG URL gives custom schemes an opaque origin ('null'), so compare scheme and host.
    const parsed = new URL(url);
    return (
      `${parsed.protocol}//${parsed.host}` === appOrigin && parsed.username === '' && parsed.password === ''
    );
  } catch {
    return false;
  }
}

export function guardWebContents(contents: GuardedContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface PermissionPolicy {
  notifications: boolean;
}

/** The permissions the app may be granted; everything else is denied. */
export function allowedPermissions(policy: PermissionPolicy): ReadonlySet<string> {
  return new Set(policy.notifications ? ['notifications'] : []);
}

export function guardSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  appOrigin: string,
  policy: PermissionPolicy,
): void {
  const allowed = allowedPermissions(policy);
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed.has(permission) && isAppUrl(contents.getURL(), appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowed.has(permission) && requestingOrigin === appOrigin;
  });
}
