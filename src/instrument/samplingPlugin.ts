import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import type { Plugin } from 'vite';
import { DEFAULT_DEBUGGING_URL, OverlaySampling } from '../chromium/overlaySampling.ts';
import { CODE_ROOT } from '../node/packageLayout.ts';
import { SAMPLING_ENDPOINT, type SamplingReply, type SamplingRequest } from '../overlay/samplingProtocol.ts';

/** Options of `alloclabSampling`. */
export interface AlloclabSamplingOptions {
  /**
   * Where the page's Chromium listens for the DevTools protocol. Default: the environment variable
   * ALLOCLAB_DEBUGGING_URL, else http://127.0.0.1:9222 (Chromium started with --remote-debugging-port=9222).
   */
  debuggingUrl?: string;
}

/** Request bodies past this size are refused: the overlay's are a few dozen bytes. */
const MAX_BODY = 64 * 1024;

/**
 * Vite plugin (dev server only) behind the overlay's "Sample 300 frames": a page cannot start V8's
 * sampling heap profiler on itself, so the dev server attaches to the page's Chromium through its
 * remote debugging port, samples while the overlay counts 300 frames, and answers with bytes per
 * function, file:line in your sources and their heaviest call paths.
 *
 * @example
 * // vite.config.ts
 * import { alloclabSampling } from 'alloclab/vite';
 * export default defineConfig({ plugins: [alloclabSampling()] });
 * // then open the game in Chromium started with --remote-debugging-port=9222 --enable-precise-memory-info
 */
export function alloclabSampling(options: AlloclabSamplingOptions = {}): Plugin {
  const debuggingUrl = options.debuggingUrl ?? process.env.ALLOCLAB_DEBUGGING_URL ?? DEFAULT_DEBUGGING_URL;
  return {
    name: 'alloclab:sampling',
    apply: 'serve',
    configureServer(server) {
      const sampling = new OverlaySampling(debuggingUrl, servedFrom(server.config.root, join(CODE_ROOT, 'src') + sep));
      server.httpServer?.on('close', () => void sampling.close());
      server.middlewares.use(SAMPLING_ENDPOINT, (req, res) => {
        void answer(sampling, req, res);
      });
    },
  };
}

/**
 * Whether a script the dev server at `root` serves is a file under `folder` (AllocLab's code: its
 * overlay redraws and reads frames between the game's frames, which are not the game's bytes).
 */
function servedFrom(root: string, folder: string): (url: string) => boolean {
  return (url) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(url).pathname);
    } catch {
      return false;
    }
    // Vite serves files outside its root as /@fs/<absolute path>.
    const file = path.startsWith('/@fs/') ? path.slice('/@fs'.length) : join(root, path);
    return file.startsWith(folder);
  };
}

async function answer(sampling: OverlaySampling, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let reply: SamplingReply;
  try {
    if (req.method !== 'POST') reply = { ok: false, error: `${SAMPLING_ENDPOINT} takes POST requests` };
    else {
      const request = parseRequest(await readBody(req));
      reply = typeof request === 'string' ? { ok: false, error: request } : await sampling.handle(request);
    }
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(reply));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy(new Error('request body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** The request, or what is wrong with it. */
function parseRequest(body: string): SamplingRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'the request is not JSON';
  }
  const request = value as Partial<Record<string, unknown>> | null;
  if (request?.action === 'start' && typeof request.url === 'string') return { action: 'start', url: request.url };
  if (request?.action === 'stop' && typeof request.frames === 'number') {
    const measured = request.measuredBytesPerFrame;
    return { action: 'stop', frames: request.frames, measuredBytesPerFrame: typeof measured === 'number' ? measured : null };
  }
  return 'expected {"action":"start","url":...} or {"action":"stop","frames":...}';
}
