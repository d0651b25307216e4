import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageAgentConfig } from '../page/agent/pageProtocol.ts';
import { CODE_ROOT, ownModule } from '../node/packageLayout.ts';

const AGENT_ENTRY = ownModule('src/page/agent/pageAgent.ts');

/** Where the package build puts the bundle (`npm pack` runs it), so an installed CLI needs no Vite for `page`. */
export const PAGE_AGENT_FILE = 'page-agent.js';

let bundled: Promise<string> | null = null;

/**
 * The page agent as one self-contained classic script (an IIFE, no imports at run time): the
 * installed package's prebuilt file, or, in a checkout, built from the TypeScript sources with
 * Vite's build API the first time it is needed in this process. Why a bundle: `addInitScript` runs
 * a script before the page's own, where no module loader exists. No config file and no plugins:
 * nothing is instrumented.
 */
export function pageAgentBundle(): Promise<string> {
  const prebuilt = join(CODE_ROOT, PAGE_AGENT_FILE);
  bundled ??= existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : build();
  return bundled;
}

async function build(): Promise<string> {
  const { build: viteBuild } = await import('vite');
  const output = await viteBuild({
    configFile: false,
    // The package's own root: a vite config or .env where the user runs the command plays no part.
    root: CODE_ROOT,
    envFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      emptyOutDir: false,
      lib: { entry: AGENT_ENTRY, formats: ['iife'], name: 'alloclabPageAgent', fileName: () => 'page-agent.js' },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  if (result === undefined || !('output' in result)) throw new Error('the page agent build returned no output');
  const chunk = result.output.find((item) => item.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error('the page agent build returned no script');
  return chunk.code;
}

/** The script `alloclab page` adds to every document of the page, before the page's scripts. */
export async function pageAgentScript(config: PageAgentConfig): Promise<string> {
  return `window.alloclabPageConfig = ${JSON.stringify(config)};\n${await pageAgentBundle()}`;
}
