/**
 * AllocLab's public API: the Unity-like engine, scene definitions and the frame profiler.
 * Environment-neutral (no Node or DOM APIs); Node's host is `alloclab/node`, the testing API
 * `alloclab/testing`.
 *
 * @example
 * import { World, Behaviour, defineScene } from 'alloclab';
 */
export * from './engine/index.ts';
export { defineScene } from './engine/Scene.ts';
export type { SceneDefinition, SceneInstance, SceneSetup, SceneSize } from './engine/Scene.ts';
export * from './profiler/index.ts';
export { Sprite, STAGE_WIDTH, STAGE_HEIGHT } from './engine/Sprite.ts';
export type { SpriteShape } from './engine/Sprite.ts';
