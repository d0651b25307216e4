/**
 * The package build (`npm run build`; `npm pack` runs it first through `prepack`). Writes to dist/
 * what an installed AllocLab runs, mirroring the sources file for file: the JavaScript of src/ and
 * scenes/ with declarations and maps (tsc), the lab page that `--browser` serves, the page agent
 * that `alloclab page` injects and the viewer that `alloclab view` serves, bundled once here so that an installed CLI needs no build for it.
 * A checkout runs its sources and never needs this.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_AGENT_FILE, pageAgentBundle } from '../src/chromium/pageAgentScript.ts';
import { VIEWER_FILE, viewerBundle } from '../src/cli/viewCommand.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

const labPage = readFileSync(join(root, 'lab.html'), 'utf8');
const entry = '/src/page/lab/labPage.ts';
if (!labPage.includes(entry)) throw new Error(`lab.html no longer loads ${entry}: update the package build`);
writeFileSync(join(dist, 'lab.html'), labPage.replace(entry, entry.replace(/\.ts$/, '.js')));

writeFileSync(join(dist, PAGE_AGENT_FILE), await pageAgentBundle());
writeFileSync(join(dist, VIEWER_FILE), await viewerBundle());
console.log(`alloclab: package built in ${dist}`);
