import type { SceneDefinition } from '../engine/Scene.ts';

/** The scene `scene` names in the catalog (loaded on first use), or the definition given. */
export async function sceneDefinition(scene: SceneDefinition | string): Promise<SceneDefinition> {
  if (typeof scene !== 'string') return scene;
  const { findScene, sceneNames } = await import('../../scenes/index.ts');
  const found = findScene(scene);
  if (found === undefined) throw new Error(`alloclab: unknown scene "${scene}" (known: ${sceneNames().join(', ')})`);
  return found;
}
