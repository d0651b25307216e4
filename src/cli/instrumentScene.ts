import { dirname, resolve } from 'node:path';
import { instrumentNodeImports } from '../instrument/nodeHooks.ts';
import { CODE_ROOT } from '../node/packageLayout.ts';
import type { SceneRef } from './sceneRef.ts';

// A module of its own, imported only by a run that counts sites: the instrumentation parses with
// Vite's parser, and the rest of the CLI must work where Vite is not installed.

/**
 * Counts allocation sites from now on (call before `loadScene`) in the scene's code (its directory
 * in the catalog's scenes/, or the directory of a user's scene file and everything under it) and
 * in the engine it runs on. Only those: the profiler compares every counted slot at each frame's
 * end, so the other catalog scenes, loaded but not run, would only add to that; other files opt in with the `// @alloclab-instrument` pragma. The profiler,
 * the instrumentation and the hosts never count themselves.
 */
export function instrumentScene(ref: SceneRef): void {
  const scenesDir = resolve(CODE_ROOT, 'scenes', ref.kind === 'catalog' ? ref.name : '.') + '/';
  const engineDir = resolve(CODE_ROOT, 'src', 'engine') + '/';
  const ownSources = resolve(CODE_ROOT, 'src') + '/';
  const exclude = [new RegExp(`^${ownSources.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!engine/)`)];
  if (ref.kind === 'catalog') {
    instrumentNodeImports({ root: CODE_ROOT, include: [scenesDir, engineDir], exclude });
  } else {
    instrumentNodeImports({ root: process.cwd(), include: [dirname(ref.path) + '/', engineDir], exclude });
  }
}
