// Where the cache lives: in the user's application-data folder, the same place Electron's
// app.getPath('userData') points at for the product name 'Sallyport'.
import os from 'node:os';
import path from 'node:path';

export const CACHE_FILE_NAME = 'cache.sqlite';

export function defaultCacheDirectory(
  platform: NodeJS.Platform = process.platform,
  env = process.env,
): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'Sallyport');
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', 'Sallyport');
    default:
      return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), 'Sallyport');
  }
}

/** `--cache` wins, then SALLYPORT_CACHE, then the platform's application-data folder. */
export function resolveCachePath(explicit: string | undefined, env = process.env): string {
  return (
    explicit ??
    env.SALLYPORT_CACHE ??
    path.join(defaultCacheDirectory(process.platform, env), CACHE_FILE_NAME)
  );
}
