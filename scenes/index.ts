/**
 * The scene catalog, for the CLI, the browser sandbox and the tests. Each scene is a folder with
 * a README, `shared.ts`, and one file per variant.
 */
import type { SceneDefinition } from '../src/index.ts';
import bullets from './bullets/index.ts';
import tags from './tags/index.ts';
import coroutines from './coroutines/index.ts';
import containers from './containers/index.ts';
import queries from './queries/index.ts';
import hudtext from './hud-text/index.ts';
import vectors from './vectors/index.ts';
import closures from './closures/index.ts';
import pipelines from './pipelines/index.ts';
import boxing from './boxing/index.ts';
import particles from './particles/index.ts';
import throttle from './throttle/index.ts';
import events from './events/index.ts';
import leaks from './leaks/index.ts';

/** Every scene, in the order the CLI and the sandbox list them. */
export const scenes: readonly SceneDefinition[] = [
  bullets,
  tags,
  coroutines,
  containers,
  queries,
  hudtext,
  vectors,
  closures,
  pipelines,
  boxing,
  particles,
  throttle,
  events,
  leaks,
];

/** The scene named `name`, or undefined. */
export function findScene(name: string): SceneDefinition | undefined {
  return scenes.find((scene) => scene.name === name);
}

/** The names of all scenes. */
export function sceneNames(): string[] {
  return scenes.map((scene) => scene.name);
}
