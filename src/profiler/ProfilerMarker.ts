import { activeSink } from './MarkerSink.ts';

const markerNames: string[] = [];
const markerIdsByName = new Map<string, number>();

/**
 * A named section of a frame, as Unity's `ProfilerMarker`: create it once (module scope or a
 * constructor), then bracket the work with `begin()` and `end()` every frame. Markers nest.
 * Two markers created with the same name share one id, so their figures add up.
 *
 * `begin()`/`end()` allocate nothing; with no profiler recording they are a null check.
 *
 * @example
 * const physicsMarker = new ProfilerMarker('Physics');
 * function stepPhysics() {
 *   physicsMarker.begin();
 *   // ... work ...
 *   physicsMarker.end();
 * }
 */
export class ProfilerMarker {
  /** The name shown in tables and traces. */
  readonly name: string;
  /** A small integer, stable for the life of the process. */
  readonly id: number;

  constructor(name: string) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError('ProfilerMarker: a marker needs a non-empty name');
    }
    this.name = name;
    this.id = internMarkerName(name);
  }

  begin(): void {
    const sink = activeSink;
    if (sink !== null) sink.beginMarker(this.id);
  }

  end(): void {
    const sink = activeSink;
    if (sink !== null) sink.endMarker(this.id);
  }

  /**
   * Ends this marker and begins `next` at the same instant: for phases that follow each other
   * with no code between, one clock and heap reading serves both boundaries (half the cost).
   */
  endAndBegin(next: ProfilerMarker): void {
    const sink = activeSink;
    if (sink !== null) sink.switchMarker(this.id, next.id);
  }
}

/** Returns the id for a marker name, creating one the first time a name is seen. */
export function internMarkerName(name: string): number {
  let id = markerIdsByName.get(name);
  if (id === undefined) {
    id = markerNames.length;
    markerNames.push(name);
    markerIdsByName.set(name, id);
  }
  return id;
}

/** The name of a marker id (for reports and exports). */
export function markerName(id: number): string {
  const name = markerNames[id];
  if (name === undefined) throw new RangeError(`ProfilerMarker: unknown marker id ${id}`);
  return name;
}

/** How many distinct marker names exist. */
export function markerCount(): number {
  return markerNames.length;
}
