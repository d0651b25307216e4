import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { bundledScript } from '../chromium/bundleScript.ts';
import { findChromium } from '../chromium/findChromium.ts';
import { ownModule } from '../node/packageLayout.ts';
import { readRecording } from '../viewer/recording.ts';
import { trackChild } from './lifetime.ts';
import { UsageError } from './UsageError.ts';

/** Where the package build puts the viewer's bundle, so an installed CLI needs no Vite for `view`. */
export const VIEWER_FILE = 'viewer.js';
const VIEWER_ENTRY = ownModule('src/viewer/viewerPage.ts');

/** The viewer as one classic script (see bundledScript). */
export function viewerBundle(): Promise<string> {
  return bundledScript(VIEWER_ENTRY, 'alloclabViewer', VIEWER_FILE);
}

interface ViewOptions {
  open: boolean;
  port: number;
}

/** Reads and checks the recording, or a one-line UsageError naming the file and what is wrong. */
function readChecked(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `view: ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error))}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`view: ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    readRecording(data, path);
  } catch (error) {
    throw new UsageError(`view: ${error instanceof Error ? error.message : String(error)}`);
  }
  return text;
}

/** The page: the recording's name for its heading, and the viewer's script. */
function pageHtml(name: string): string {
  const escaped = name.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>\n<html lang="en" data-recording="${escaped}">\n<head><meta charset="utf-8"><title>AllocLab \u00b7 ${escaped}</title></head>\n<body><div id="app"></div><script src="${VIEWER_FILE}"></script></body>\n</html>\n`;
}

/** Serves the page, the viewer and the recording on 127.0.0.1 (`port` 0: a free one); resolves to the server and its URL. */
async function serve(recording: string, name: string, port: number): Promise<{ server: Server; url: string }> {
  const script = await viewerBundle();
  const page = pageHtml(name);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (path === '/' || path === '/index.html') send('text/html', page);
    else if (path === `/${VIEWER_FILE}`) send('text/javascript', script);
    else if (path === '/recording.json') send('application/json', recording);
    else if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the viewer server has no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Opens `url` in the system's Chromium as an app window; says why not when it cannot. */
function openInChromium(url: string): string | null {
  const binary = findChromium();
  if (binary === null) return 'no Chromium or Chrome found (set ALLOCLAB_CHROMIUM): open the URL in a browser';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display to open a window on: open the URL in a browser';
  }
  const profile = mkdtempSync(join(tmpdir(), 'alloclab-view-'));
  const child = spawn(binary, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check'], {
    stdio: 'ignore',
  });
  trackChild(child);
  child.once('error', () => {});
  return null;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

/** `alloclab view <file.json>`: the panel, read-only, on a recording. */
export function addViewCommand(program: Command): void {
  program
    .command('view')
    .description('open a recording (the JSON of run, compare, page, the sandbox or the test reporter) in the GC Alloc viewer')
    .argument('<file>', 'the JSON file to view')
    .option('--no-open', 'only print the URL (do not start a browser window)')
    .option('--port <n>', 'the port to serve on (0: a free one)', port, 0)
    .addHelpText(
      'after',
      '\nServes the viewer on 127.0.0.1 until Ctrl-C: every run of the file is a tab; click or drag on a graph\nto select a frame, ← → to step. Exit codes: 0 when stopped, 2 for a file it cannot read.',
    )
    .action(async (path: string, options: ViewOptions) => {
      const recording = readChecked(path);
      let served: { server: Server; url: string };
      try {
        served = await serve(recording, basename(path), options.port);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(
          `view: cannot serve on port ${options.port}: ${code ?? (error instanceof Error ? error.message : String(error))}`,
        );
      }
      console.log(`Viewing ${path} at ${served.url} (Ctrl-C to stop)`);
      if (options.open) {
        const why = openInChromium(served.url);
        if (why !== null) console.log(why);
      }
      // Until the user stops it: SIGINT and SIGTERM end the CLI, and its window with it.
      await new Promise<void>((resolve) => served.server.once('close', () => resolve()));
    });
}
