import { getHeapSpaceStatistics } from 'node:v8';

/**
 * The young generation's capacity now: how many bytes can be allocated between two minor GCs
 * (V8's new space: used plus available size of the semi-space objects are allocated in). V8
 * grows it while a program keeps objects alive (seen: 1 MB at start, 4 MB after 100,000 kept
 * objects; 64 MB with --min-semi-space-size=64), so read it when the figure is used. Null when
 * V8 reports no new space. Allocates: call outside frames.
 */
export function youngGenerationBytes(): number | null {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space === undefined ? null : space.space_used_size + space.space_available_size;
}
