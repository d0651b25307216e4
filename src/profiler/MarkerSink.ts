/**
 * The receiver of marker events: the recording profiler, when one is active.
 *
 * Markers are module-level objects created once (like Unity's `ProfilerMarker`), so they cannot
 * hold a reference to a profiler. They report to whichever sink is active instead; with none
 * active, `begin()`/`end()` cost one null check.
 */
export interface MarkerSink {
  beginMarker(id: number): void;
  endMarker(id: number): void;
  /** `endMarker(endId)` then `beginMarker(beginId)` at one instant, with nothing between. */
  switchMarker(endId: number, beginId: number): void;
}

/** The sink that markers currently report to, or null. Read through an ES live binding. */
export let activeSink: MarkerSink | null = null;

/** Makes `sink` the receiver of every marker's events (null stops recording markers). */
export function setActiveSink(sink: MarkerSink | null): void {
  activeSink = sink;
}
