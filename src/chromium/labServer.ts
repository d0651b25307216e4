import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { ViteDevServer } from 'vite';
import { CODE_ROOT } from '../node/packageLayout.ts';

/** The lab page's dev server: serves lab.html, the engine and the scenes as the browser's ES modules. */
export interface LabServer {
  /** Base URL, ending in '/'. */
  readonly url: string;
  readonly vite: ViteDevServer;
  /** The URL path the page imports a scene file from. */
  moduleUrl(absolutePath: string): string;
  close(): Promise<void>;
}

/**
 * Starts Vite's dev server for the lab page on a free port of 127.0.0.1 (scenes are TypeScript:
 * Vite turns them into modules the page can import). Files outside the package (a user's scene)
 * are served from the directories in `allow`. The page is cross-origin isolated, which gives it
 * a 5 us clock instead of a 100 us one. No config file and no plugins: what runs is the scene as
 * written.
 */
export async function startLabServer(options: { allow?: readonly string[] } = {}): Promise<LabServer> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: false,
    root: CODE_ROOT,
    logLevel: 'error',
    clearScreen: false,
    // Its own cache, outside node_modules: the lab never pre-bundles dependencies.
    cacheDir: join(tmpdir(), 'alloclab-lab-vite'),
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      watch: null,
      fs: { allow: [CODE_ROOT, ...(options.allow ?? [])] },
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (address === null || address === undefined || typeof address === 'string') {
    await vite.close();
    throw new Error('the lab server has no TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}/`,
    vite,
    moduleUrl(absolutePath) {
      const inside = relative(CODE_ROOT, absolutePath);
      if (!inside.startsWith('..') && !inside.startsWith(sep)) return '/' + inside.split(sep).join('/');
      return '/@fs' + absolutePath.split(sep).join('/');
    },
    close: () => vite.close(),
  };
}

/** The package root the lab server serves (where lab.html is). */
export const LAB_ROOT = CODE_ROOT;
