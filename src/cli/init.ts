import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { findChromium, NO_CHROMIUM } from '../chromium/findChromium.ts';
import { writeFileAtomic } from '../node/writeFileAtomic.ts';
import { configTemplate, sceneTemplate, testTemplate, type InitExtension } from './initTemplates.ts';
import { UsageError } from './UsageError.ts';

export const SCRIPT_NAME = 'alloclab:test';
/** What `chromiumTestProject` (alloclab/testing/browser-config) imports: the config cannot load without it. */
const BROWSER_PROVIDER = '@vitest/browser-playwright';

interface InitOptions {
  dir?: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `name` is installed where Node would find it from `dir` (a node_modules of it or a parent). */
function installed(name: string, dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', name, 'package.json'))) return true;
    if (dirname(at) === at) return false;
  }
}

/** Writes a new file, never over an existing one: false when one exists. */
function writeNew(path: string, text: string): boolean {
  try {
    // (Its own EEXIST, for a file where the folder goes, is a failure: only the file's means "exists".)
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new UsageError(`init: cannot write ${path}: ${message(error)}`);
  }
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`init: cannot write ${path}: ${message(error)}`);
  }
}

/**
 * `alloclab init`: sets up allocation tests in the user's project (the working directory, or
 * --dir): a vitest config of their own, an example scene and test, and an `alloclab:test` script.
 */
export function runInit(options: InitOptions): void {
  const dir = resolve(options.dir ?? '.');
  const packagePath = join(dir, 'package.json');
  let text: string;
  try {
    text = readFileSync(packagePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no package.json in ${dir}: run npm init first`);
    throw new UsageError(`init: cannot read ${packagePath}: ${message(error)}`);
  }
  let pkg: { type?: unknown; scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`init: ${packagePath} is not valid JSON: ${message(error)}`);
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) throw new UsageError(`init: ${packagePath} is not a JSON object`);
  if (pkg.scripts !== undefined && (typeof pkg.scripts !== 'object' || pkg.scripts === null || Array.isArray(pkg.scripts))) {
    throw new UsageError(`init: "scripts" in ${packagePath} is not an object`);
  }

  // Node loads the scene (the CLI imports it) and Vite the config: ES modules, so .mts unless the package is one.
  const ext: InitExtension = pkg.type === 'module' ? 'ts' : 'mts';
  const config = `vitest.alloclab.config.${ext}`;
  const chromium = findChromium() !== null;
  const provider = chromium && installed(BROWSER_PROVIDER, dir);
  const files: [string, string][] = [
    [config, configTemplate(provider)],
    [`alloclab/example.scene.${ext}`, sceneTemplate(ext)],
    [`alloclab/example.alloc.${ext}`, testTemplate(ext, 'node')],
    ...(provider ? [[`alloclab/example.browser.alloc.${ext}`, testTemplate(ext, 'chromium')] as [string, string]] : []),
  ];

  const lines: string[] = [];
  for (const [file, content] of files) {
    lines.push(writeNew(join(dir, file), content) ? `wrote ${file}` : `left alone: ${file} (exists)`);
  }
  if (pkg.scripts !== undefined && Object.hasOwn(pkg.scripts, SCRIPT_NAME)) {
    lines.push(`left alone: the script ${SCRIPT_NAME} in package.json (exists)`);
  } else {
    pkg.scripts = { ...pkg.scripts, [SCRIPT_NAME]: `vitest run --config ${config}` };
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    try {
      writeFileAtomic(packagePath, JSON.stringify(pkg, null, indent) + '\n');
    } catch (error) {
      throw new UsageError(`init: cannot write ${packagePath}: ${message(error)}`);
    }
    lines.push(`added the script ${SCRIPT_NAME} to package.json`);
  }

  if (ext === 'mts')
    lines.push('package.json has no "type": "module": the config, scene and tests are .mts files, which Node and Vite load as ES modules.');
  if (!chromium) {
    lines.push(`Node tests only: ${NO_CHROMIUM}; then delete ${config} and run npx alloclab init again to add a Chromium project.`);
  } else if (!provider) {
    lines.push(
      `Node tests only: a Chromium project needs ${BROWSER_PROVIDER}: npm i -D ${BROWSER_PROVIDER} playwright-core, then delete ${config} and run npx alloclab init again.`,
    );
  }
  const where = relative(process.cwd(), dir);
  lines.push('Next:');
  if (where !== '') lines.push(`  cd ${where.startsWith('..') || isAbsolute(where) ? dir : where}`);
  lines.push(`  npm run ${SCRIPT_NAME}`, `  npx alloclab run alloclab/example.scene.${ext} --variant both`);
  console.log(lines.join('\n'));
}

/** Registers `alloclab init`. */
export function addInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      `set up allocation tests in your project: vitest.alloclab.config.ts, an example scene and test in alloclab/, and the script "${SCRIPT_NAME}" in package.json`,
    )
    .option('--dir <path>', 'the project folder, where its package.json is (default: the current folder)')
    .addHelpText(
      'after',
      `\nExisting files and an existing "${SCRIPT_NAME}" script are left alone, never overwritten.\n` +
        'Without "type": "module" in package.json, the files are .mts (ES modules all the same).\n' +
        `A Chromium project (files named *.browser.alloc.ts) is added when a Chromium or Chrome is found and ${BROWSER_PROVIDER} is installed.\n` +
        `Then: npm run ${SCRIPT_NAME}`,
    )
    .action((options: InitOptions) => runInit(options));
}
