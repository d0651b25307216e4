import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CODE_ROOT } from '../node/packageLayout.ts';

const bundles = new Map<string, Promise<string>>();

/**
 * One of AllocLab's browser entry points as a self-contained classic script (an IIFE, no imports at
 * run time): the installed package's prebuilt `file` (the package build writes it beside `src/`),
 * or, in a checkout, built from `entry` with Vite's build API the first time this process needs it.
 * No config file and no plugins: nothing is instrumented, and the user's own Vite config plays no part.
 */
export function bundledScript(entry: string, globalName: string, file: string): Promise<string> {
  const prebuilt = join(CODE_ROOT, file);
  let bundle = bundles.get(file);
  if (bundle === undefined) {
    bundle = existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : build(entry, globalName, file);
    bundles.set(file, bundle);
  }
  return bundle;
}

async function build(entry: string, globalName: string, file: string): Promise<string> {
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
      lib: { entry, formats: ['iife'], name: globalName, fileName: () => file },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  if (result === undefined || !('output' in result)) throw new Error(`the build of ${file} returned no output`);
  const chunk = result.output.find((item) => item.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error(`the build of ${file} returned no script`);
  return chunk.code;
}
