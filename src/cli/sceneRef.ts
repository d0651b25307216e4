import { existsSync, statSync } from 'node:fs';
import { resolve, extname, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SceneDefinition } from '../engine/Scene.ts';
import { UsageError } from './UsageError.ts';
import { expandGlobArgs } from './globArgs.ts';
import type { SceneInfo } from './worker/protocol.ts';

/** Where a scene comes from: the catalog by name, or a user's file by path. */
export type SceneRef = { kind: 'catalog'; name: string } | { kind: 'file'; path: string };

const SCENE_FILE = /\.(ts|mts|js|mjs)$/;

/** Reads the `<scene | path>` argument. Unknown names and missing files are usage errors. */
export async function parseSceneRef(arg: string): Promise<SceneRef> {
  if (arg.includes('/') || arg.includes('\\') || SCENE_FILE.test(arg)) {
    const path = resolve(arg);
    if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`no scene file at ${arg}`);
    if (!SCENE_FILE.test(extname(path))) throw new UsageError(`${arg}: a scene file must be .ts, .mts, .js or .mjs`);
    return { kind: 'file', path };
  }
  const { findScene, sceneNames } = await import('../../scenes/index.ts');
  if (findScene(arg) === undefined) {
    throw new UsageError(`unknown scene "${arg}"`, `known scenes: ${sceneNames().join(', ')}; or give a path to a scene file`);
  }
  return { kind: 'catalog', name: arg };
}

/**
 * The scene arguments of a run as a list: names and paths as given, globs of scene files expanded
 * here (a quoted glob, or a shell that does not expand them), or every catalog scene with `all`.
 * A glob that matches nothing, a scene named twice, and `all` beside names are usage errors.
 */
export async function expandSceneArgs(args: readonly string[], all: boolean): Promise<string[]> {
  if (all) {
    if (args.length > 0) throw new UsageError(`--all measures the whole catalog: drop ${args.join(' ')}, or drop --all`);
    const { sceneNames } = await import('../../scenes/index.ts');
    return sceneNames();
  }
  if (args.length === 0) throw new UsageError('name a scene (or several, or a glob of scene files), or give --all for the catalog');
  const expanded = expandGlobArgs(args, 'scene file', (file) => SCENE_FILE.test(file));
  const seen = new Set<string>();
  for (const arg of expanded) {
    const id = arg.includes('/') || arg.includes('\\') || SCENE_FILE.test(arg) ? resolve(arg) : arg;
    if (seen.has(id)) throw new UsageError(`${arg} is named twice: each scene is measured once per run`);
    seen.add(id);
  }
  return expanded;
}

/** Loads the scene a reference names (in the measuring process: a scene file's top level runs there). */
export async function loadScene(ref: SceneRef): Promise<SceneDefinition> {
  if (ref.kind === 'catalog') {
    const { findScene } = await import('../../scenes/index.ts');
    const scene = findScene(ref.name);
    if (scene === undefined) throw new UsageError(`unknown scene "${ref.name}"`);
    return scene;
  }
  const module = (await import(pathToFileURL(ref.path).href).catch((error: unknown) => {
    // Node loads a .ts or .js file as CommonJS in a package whose "type" is not "module".
    if (error instanceof SyntaxError && error.message.includes('outside a module')) {
      throw new UsageError(
        'the file was loaded as CommonJS, where import statements are not allowed',
        'name it .mts, or set "type": "module" in the package.json of its project',
      );
    }
    // An ES module that uses module.exports or require: CommonJS written in a file loaded as ESM.
    if (error instanceof ReferenceError && /^(module|require|exports) is not defined in ES module scope/.test(error.message)) {
      const location = errorLocation(error);
      throw new UsageError(
        `${error.name}: ${firstLine(error.message)}${location ? ` (${location})` : ''}: a scene file is an ES module, this one is CommonJS`,
        'export default defineScene({ ... }) with import statements',
      );
    }
    throw error;
  })) as { default?: unknown };
  const scene = module.default as SceneDefinition | undefined;
  if (typeof scene !== 'object' || scene === null || typeof scene.variants !== 'object' || typeof scene.name !== 'string') {
    throw new UsageError(
      'the file does not export a scene',
      'default-export defineScene({ name, description, size, variants }) from alloclab',
    );
  }
  const size = scene.size as Partial<SceneDefinition['size']> | undefined;
  if (typeof size !== 'object' || size === null || !['default', 'min', 'max'].every((k) => typeof size[k as 'min'] === 'number')) {
    throw new UsageError(
      `scene "${scene.name}" has no size: a scene needs size: { default, min, max, unit }`,
      "e.g. size: { default: 1, min: 1, max: 1, unit: 'objects' }",
    );
  }
  return scene;
}

/** What the CLI needs of a scene to choose variants and check `--size`. */
export function sceneInfo(scene: SceneDefinition): SceneInfo {
  const { default: defaultSize, min, max, unit } = scene.size;
  return { name: scene.name, variants: Object.keys(scene.variants), size: { default: defaultSize, min, max, unit: String(unit) } };
}

/** The first line of a message. */
export function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

/**
 * Where an error was thrown, as path:line (relative to the working directory when under it): the
 * first file location its stack names (a syntax error's stack starts with it).
 */
export function errorLocation(error: unknown): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  // A syntax error in TypeScript starts its stack with the plain path: /path/to/scene.ts:3
  const plain = /^(\/[^\s:]+):(\d+)$/.exec(stack.split('\n', 1)[0]!.trim());
  const match = plain ?? /(file:\/\/[^\s()]+?):(\d+)/.exec(stack);
  if (match === null) return undefined;
  const [, where, line] = match;
  let path: string;
  try {
    path = plain ? where! : fileURLToPath(where!);
  } catch {
    return undefined;
  }
  const rel = relative(process.cwd(), path);
  return `${rel.startsWith('..') || isAbsolute(rel) ? path : rel}:${line}`;
}

/**
 * The variants a `--variant` value selects from a scene; without one, its allocating variant, or
 * its first when it has none (so that a run of several scenes measures each).
 */
export function selectVariants(scene: SceneInfo, variant: string | undefined): string[] {
  const names = scene.variants;
  if (variant === undefined) return [names.includes('allocating') ? 'allocating' : names[0]!];
  if (variant === 'both') {
    if (names.includes('allocating') && names.includes('optimized')) return ['allocating', 'optimized'];
    return names;
  }
  if (variant === 'all') return names;
  if (!names.includes(variant)) {
    throw new UsageError(`scene "${scene.name}" has no variant "${variant}"`, `its variants: ${names.join(', ')} (or both)`);
  }
  return [variant];
}
