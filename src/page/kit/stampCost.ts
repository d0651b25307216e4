import type { Profiler } from '../../profiler/Profiler.ts';
import { ProfilerMarker } from '../../profiler/ProfilerMarker.ts';
import { mostFrequent } from '../../profiler/stats.ts';
import type { LabClock } from './LabClock.ts';
import type { BrowserHeapMeter } from '../BrowserHeapMeter.ts';

const probeMarker = new ProfilerMarker('alloclab:stamp-probe');
const PROBE_FRAMES = 64;

/**
 * Measures what a clock stamp taken by the profiler allocates now that its code is warm, and sets
 * the clock's cost to it. Call after warm-up, outside measured frames.
 *
 * Why: the start-up self-test measures stamps from cold code. The lab clock is built to cost the
 * same at every tier, and this checks it through the profiler's own marker path: probe frames
 * holding one empty marker, whose two stamps are the only thing inside the frame besides the
 * reads. Returns the cost found, or the current one when no probe frame had two fractional stamps.
 */
export function measureStampCost(profiler: Profiler, meter: BrowserHeapMeter, clock: LabClock): number {
  const before = clock.stampCost;
  clock.setStampCost(0);
  const rec = profiler.recorder;
  const costs: number[] = [];
  for (let i = 0; i < PROBE_FRAMES; i++) {
    profiler.beginFrame(0);
    profiler.beginMarker(probeMarker.id);
    profiler.endMarker(probeMarker.id);
    profiler.endFrame();
    const seq = rec.latestSeq;
    const row = seq % rec.frameCapacity;
    if (rec.rowEventCount[row] !== 2) continue;
    const first = rec.rowEventSeq[row]!;
    let fractional = 0;
    for (let k = 0; k < 2; k++) {
      const stamp = rec.stampStore[rec.eventStampAt((first + k) % rec.eventCapacity)]!;
      if (Math.floor(stamp) !== stamp) fractional++;
    }
    const bytes = rec.frameBytes(seq, meter);
    if (fractional === 2 && bytes >= 0 && bytes % 2 === 0) costs.push(bytes / 2);
  }
  const cost = costs.length > 0 ? mostFrequent(costs) : before;
  clock.setStampCost(cost);
  return cost;
}
