import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { alloclabInstrument, RUNTIME_PATH, type AlloclabInstrumentOptions } from '../../src/instrument/plugin.ts';
import type * as Runtime from '../../src/profiler/sites/runtime.ts';

/** Repository root, the Vite root of the test servers. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Directory of the instrumentation fixtures, relative to ROOT. */
export const FIXTURES = 'test/fixtures/instrument/';

/**
 * A Vite dev server in middleware mode that loads modules through its SSR module runner, as
 * `vite dev` and vitest do, with the instrument plugin or without it (the reference).
 */
export async function startServer(instrument: AlloclabInstrumentOptions | false): Promise<ViteDevServer> {
  return createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    appType: 'custom',
    plugins: instrument ? [alloclabInstrument(instrument)] : [],
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}

/** The runtime instance the server's modules count into. */
export async function loadRuntime(server: ViteDevServer): Promise<typeof Runtime> {
  return (await server.ssrLoadModule(RUNTIME_PATH)) as typeof Runtime;
}
