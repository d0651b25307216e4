import type { World } from './World.ts';

/** What a scene variant's setup returns: a handle on the state it built. */
export interface SceneInstance {
  /**
   * A digest of the simulation state (positions, counters...) as a string. Two variants of one
   * scene that did the same work end in equal digests. Called outside frames; may allocate.
   */
  digest(): string;
}

/** Builds one variant of a scene into a world. Runs once, before any frame. */
export type SceneSetup = (world: World, size: number) => SceneInstance;

/** The size parameter of a scene: what it counts and the range that makes sense. */
export interface SceneSize {
  default: number;
  min: number;
  max: number;
  /** What the size counts, e.g. "bullets per second", "particles". */
  unit: string;
}

/**
 * A scene of the catalog, or a user's own: the same work in named variants, by convention
 * "allocating" and "optimized".
 */
export interface SceneDefinition {
  /** Lower-case id used on the command line and in URLs, e.g. "bullets". */
  name: string;
  /** One line: what the scene shows. */
  description: string;
  /** The article (or other source) the pattern comes from. */
  source?: string;
  size: SceneSize;
  variants: Readonly<Record<string, SceneSetup>>;
  /** World seed used by every variant (default 1). */
  seed?: number;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Declares a scene and checks its shape, so a mistake is reported where the scene is written.
 *
 * @example
 * export default defineScene({
 *   name: 'my-scene',
 *   description: 'Spawns things',
 *   size: { default: 100, min: 1, max: 10_000, unit: 'things' },
 *   variants: { allocating: setupAllocating, optimized: setupOptimized },
 * });
 */
export function defineScene(definition: SceneDefinition): SceneDefinition {
  const where = `scene "${definition?.name}"`;
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineScene: expected a scene object');
  if (typeof definition.name !== 'string' || !NAME.test(definition.name)) {
    throw new TypeError(`defineScene: name must be lower-case letters, digits and dashes, got ${JSON.stringify(definition.name)}`);
  }
  const { size } = definition;
  if (!size || !(size.min <= size.default && size.default <= size.max) || !Number.isInteger(size.default)) {
    throw new RangeError(`${where}: size needs integers min <= default <= max`);
  }
  const variants = Object.keys(definition.variants ?? {});
  if (variants.length === 0) throw new TypeError(`${where}: no variants`);
  for (const name of variants) {
    if (typeof definition.variants[name] !== 'function') throw new TypeError(`${where}: variant "${name}" is not a setup function`);
  }
  return Object.freeze({ ...definition });
}
