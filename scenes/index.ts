/**
 * The scene catalog, for the CLI, the browser sandbox and the tests. Each scene is a folder with
 * a README, `shared.ts`, and one file per variant.
 */
import type { SceneDefinition } from '../src/engine/Scene.ts';

/** Every scene, in the order the CLI and the sandbox list them. */
export const scenes: readonly SceneDefinition[] = [];

/** The scene named `name`, or undefined. */
export function findScene(name: string): SceneDefinition | undefined {
  return scenes.find((scene) => scene.name === name);
}

/** The names of all scenes. */
export function sceneNames(): string[] {
  return scenes.map((scene) => scene.name);
}
