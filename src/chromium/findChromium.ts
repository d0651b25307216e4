import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Chromium or Chrome usually lives, tried in order after ALLOCLAB_CHROMIUM. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The one-line error when no browser is found, naming how to install one. */
export const NO_CHROMIUM =
  'no Chromium or Chrome found: install one (Debian/Ubuntu: apt-get install -y chromium) or set ALLOCLAB_CHROMIUM to its binary';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium or Chrome binary to drive, or null. ALLOCLAB_CHROMIUM wins when set (and must
 * exist); then the usual install paths; then the PATH. No browser is ever downloaded.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.ALLOCLAB_CHROMIUM;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  for (const path of CANDIDATES) if (isExecutable(path)) return path;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of ON_PATH) if (isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}
