import { fileURLToPath } from 'node:url';
import type { PageAgentConfig } from '../../lab/page/pageProtocol.ts';

const AGENT_ENTRY = fileURLToPath(new URL('../../lab/page/pageAgent.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let bundled: Promise<string> | null = null;

/**
 * The page agent as one self-contained classic script (an IIFE, no imports at run time), built
 * from its TypeScript sources with Vite's build API the first time it is needed in this process.
 * Why a build: `addInitScript` runs a script before the page's own, where no module loader exists.
 * No config file and no plugins: nothing is instrumented.
 */
export function pageAgentBundle(): Promise<string> {
  bundled ??= build();
  return bundled;
}

async function build(): Promise<string> {
  const { build: viteBuild } = await import('vite');
  const output = await viteBuild({
    configFile: false,
    // The package's own root: a vite config or .env where the user runs the command plays no part.
    root: PACKAGE_ROOT,
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
