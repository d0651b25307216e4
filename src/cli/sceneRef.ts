import { existsSync, statSync } from 'node:fs';
import { resolve, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SceneDefinition } from '../engine/Scene.ts';
import { UsageError } from './UsageError.ts';

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

/** Loads the scene a reference names (in the measuring process). */
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
        `${ref.path} was loaded as CommonJS, where import statements are not allowed`,
        'name it .mts, or set "type": "module" in the package.json of its project',
      );
    }
    throw error;
  })) as { default?: unknown };
  const scene = module.default as SceneDefinition | undefined;
  if (typeof scene !== 'object' || scene === null || typeof scene.variants !== 'object' || typeof scene.name !== 'string') {
    throw new UsageError(
      `${ref.path} does not export a scene`,
      'default-export defineScene({ name, description, size, variants }) from alloclab',
    );
  }
  return scene;
}

/** The variants a `--variant` value selects from a scene. */
export function selectVariants(scene: SceneDefinition, variant: string): string[] {
  const names = Object.keys(scene.variants);
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
