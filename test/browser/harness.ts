/**
 * Starts the sandbox's Vite dev server and a headless Chromium for end-to-end tests, the
 * screenshot script and the browser benchmark. No browser is ever downloaded: the system's
 * Chromium (or Chrome) is used, found through ALLOCLAB_CHROMIUM, /usr/bin/chromium, or PATH.
 */
import { join } from 'node:path';
import { findChromium } from '../../src/chromium/findChromium.ts';
import { HEADLESS_SWITCHES, SANDBOX_JS_FLAGS, WEBGL_SWITCHES } from '../../src/chromium/chromiumFlags.ts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';

/** Flags that make headless Chromium work here, render WebGL in software and give exact heap readings. */
export const CHROMIUM_FLAGS = [
  ...HEADLESS_SWITCHES,
  ...WEBGL_SWITCHES,
  // One argument: V8 flags are space-separated inside it.
  `--js-flags=${SANDBOX_JS_FLAGS.join(' ')}`,
];

export { findChromium };

/** The message when no browser is found. */
export const NO_CHROMIUM =
  'No Chromium or Chrome found for the browser tests. Install one (Debian/Ubuntu: `apt-get install -y chromium`) ' +
  'or point ALLOCLAB_CHROMIUM at the binary.';

/**
 * Starts Vite's dev server for the sandbox on a free port; returns it and its base URL. `mode`
 * 'sites' serves it with allocation sites counted, as `npm run dev:sites` does.
 */
export async function startDevServer(mode?: string): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    mode,
    configFile: join(import.meta.dirname, '../../vite.config.ts'),
    root: join(import.meta.dirname, '../..'),
    logLevel: 'error',
    server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (address === null || address === undefined || typeof address === 'string') throw new Error('vite: no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/**
 * Builds the sandbox with `vite build` (the project's config) into `outDir` and serves it with
 * `vite preview` on a free port: the static site a user would deploy.
 */
export async function buildAndPreview(outDir: string): Promise<{ server: PreviewServer; url: string }> {
  const configFile = join(import.meta.dirname, '../../vite.config.ts');
  const root = join(import.meta.dirname, '../..');
  await build({ configFile, root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile,
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('vite preview: no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/**
 * A headless Chromium with the sandbox's flags (playwright gives it a fresh temporary profile).
 * `precise: false` leaves out --enable-precise-memory-info, as in a browser started by hand.
 */
export async function launchChromium(options: { headless?: boolean; args?: string[]; precise?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(NO_CHROMIUM);
  const flags = options.precise === false ? CHROMIUM_FLAGS.filter((f) => f !== '--enable-precise-memory-info') : CHROMIUM_FLAGS;
  return chromium.launch({ executablePath, headless: options.headless ?? true, args: [...flags, ...(options.args ?? [])] });
}

/** Opens `url` and waits until the sandbox has installed `window.alloclab` (its first frame ran). */
export async function openSandbox(
  browser: Browser,
  url: string,
  viewport = { width: 1600, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.alloclab === 'ready', null, { timeout: 30_000 });
  return { page, errors };
}

/** Distinct colors in a PNG screenshot, decoded by the page itself. */
export async function distinctColors(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + base64;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    const colors = new Set<number>();
    for (let i = 0; i < data.length && colors.size < 1000; i += 4) colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colors.size;
  }, png.toString('base64'));
}
