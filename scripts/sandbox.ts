/**
 * `npm run sandbox`: serves the sandbox and opens it in the system's Chromium/Chrome with the
 * flags exact byte figures need (--enable-precise-memory-info, and the V8 flags of SANDBOX_JS_FLAGS:
 * gc(), no pretenuring, natives syntax for the warm-up's tier judge). Without a
 * display (or a browser) it prints the URL and the flags to start a browser with yourself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { findChromium } from '../src/chromium/findChromium.ts';
import { SANDBOX_JS_FLAGS } from '../src/chromium/chromiumFlags.ts';

const FLAGS = ['--enable-precise-memory-info', `--js-flags=${SANDBOX_JS_FLAGS.join(' ')}`];

const server = await createServer({ configFile: join(import.meta.dirname, '../vite.config.ts'), root: join(import.meta.dirname, '..') });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
server.printUrls();

const browser = findChromium();
const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
if (browser === null || !hasDisplay) {
  console.log(
    `\n${browser === null ? 'No Chromium or Chrome found (set ALLOCLAB_CHROMIUM, or apt-get install -y chromium).' : 'No display: cannot open a browser window here.'}\n` +
      `Open ${url} in Chromium or Chrome started with:\n  ${FLAGS.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(' ')}\n` +
      `e.g.  chromium ${FLAGS.join(' ')} --user-data-dir=$(mktemp -d) ${url}\n`,
  );
} else {
  const profile = mkdtempSync(join(tmpdir(), 'alloclab-sandbox-'));
  const child = spawn(browser, [...FLAGS, '--no-first-run', `--user-data-dir=${profile}`, `--app=${url}`], { stdio: 'ignore' });
  console.log(`\nOpened ${browser} with ${FLAGS.join(' ')} (a fresh profile in ${profile}).`);
  child.on('exit', () => {
    console.log('Browser closed; the dev server keeps running (Ctrl+C to stop).');
  });
}
