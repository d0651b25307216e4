import type { HeapMeter } from '../profiler/HeapMeter.ts';
import { mostFrequent } from '../profiler/stats.ts';
import type { BrowserClock } from './BrowserClock.ts';

/** Chromium's non-standard `performance.memory`. */
interface MemoryInfo {
  readonly usedJSHeapSize: number;
}
interface PerformanceWithMemory {
  readonly memory?: MemoryInfo;
}

/** What the start-up self-test found. */
export interface HeapMeterCalibration {
  /** True when `performance.memory` moves by the bytes allocated (Chromium with --enable-precise-memory-info). */
  precise: boolean;
  /** Bytes one `performance.memory.usedJSHeapSize` read allocates (16 B in Chromium 156). */
  readCost: number;
  /** Bytes one clock stamp with a fractional value allocates (a 12 B heap number). */
  stampCost: number;
  /** Growth seen around a 256 KB allocation (0 without precise memory info). */
  probeBytes: number;
  /** Why the meter is not precise, or '' when it is. */
  reason: string;
}

/** The flag Chromium needs for exact heap readings. */
export const PRECISE_MEMORY_FLAG = '--enable-precise-memory-info';

const SAMPLE_SIZE = 3;
const PROBE_OBJECTS = 8192;

/**
 * The used JS heap of the page, read from `performance.memory.usedJSHeapSize` (Chromium).
 *
 * Exact only when Chromium runs with `--enable-precise-memory-info`; otherwise the value is
 * bucketed and cached, every delta reads 0, and `precise` is false: the UI then says measured
 * bytes are unavailable instead of showing zeros. The start-up self-test (`calibrate`) decides.
 *
 * The read itself allocates (16 B in Chromium 156), and so does a clock stamp with a fractional
 * value. A sample therefore stores three slots: the used size, the number of reads taken so far,
 * and the clock's running stamp cost; `toBytes` subtracts both, so the delta between two samples
 * is the program's bytes alone, however many reads and stamps (markers, merged calls, the panel's
 * own reads) fell between them.
 *
 * @example
 * const clock = new BrowserClock();
 * const meter = new BrowserHeapMeter(clock);
 * const calibration = meter.calibrate();
 * if (!calibration.precise) console.log(calibration.reason);
 */
export class BrowserHeapMeter implements HeapMeter {
  readonly kind = 'chromium-performance-memory';
  readonly sampleSize = SAMPLE_SIZE;
  precise = false;
  /** Bytes one read allocates, subtracted per read (calibrated). */
  readCost = 0;
  /** Reads taken so far. */
  reads = 0;
  private readonly _performance: PerformanceWithMemory;
  private readonly _clock: BrowserClock;
  private readonly _scratch = new Float64Array(SAMPLE_SIZE * 4);

  constructor(clock: BrowserClock, performanceApi: Performance = performance) {
    this._clock = clock;
    this._performance = performanceApi as unknown as PerformanceWithMemory;
  }

  /** True when the page has `performance.memory` at all (Chromium-based browsers). */
  get available(): boolean {
    return this._performance.memory !== undefined;
  }

  sample(out: Float64Array, index: number): void {
    this.reads++;
    // Read `performance.memory` afresh each time: a saved MemoryInfo object does not update.
    out[index] = this._performance.memory!.usedJSHeapSize;
    out[index + 1] = this.reads;
    out[index + 2] = this._clock.allocated;
  }

  toBytes(buf: Float64Array, index: number): number {
    return buf[index]! - buf[index + 1]! * this.readCost - buf[index + 2]!;
  }

  /** Used heap bytes now, corrected like a sample (allocates; outside frames). */
  readNow(): number {
    if (!this.available) return 0;
    this.sample(this._scratch, 0);
    return this.toBytes(this._scratch, 0);
  }

  /**
   * The start-up self-test: measures what a read and a clock stamp allocate, then allocates
   * ~256 KB between two reads. A delta of 0 means the browser lacks --enable-precise-memory-info.
   * Sets `precise`, `readCost` and the clock's `fractionCost`.
   */
  calibrate(): HeapMeterCalibration {
    if (!this.available) {
      this.precise = false;
      return {
        precise: false,
        readCost: 0,
        stampCost: 0,
        probeBytes: 0,
        reason: 'this browser has no performance.memory (use Chromium or Chrome)',
      };
    }
    this.readCost = 0;
    this._clock.fractionCost = 0;
    const s = this._scratch;
    // Warm the path up a little so the costs are those of running code.
    for (let i = 0; i < 200; i++) this.sample(s, 0);
    const readDeltas: number[] = [];
    for (let i = 0; i < 64; i++) {
      this.sample(s, 0);
      this.sample(s, SAMPLE_SIZE);
      readDeltas.push(s[SAMPLE_SIZE]! - s[0]!);
    }
    const readCost = mostFrequent(readDeltas);
    const stampDeltas: number[] = [];
    for (let i = 0; i < 256; i++) {
      this.sample(s, 0);
      this._clock.stamp(s, SAMPLE_SIZE * 3);
      this.sample(s, SAMPLE_SIZE);
      if (Math.floor(s[SAMPLE_SIZE * 3]!) !== s[SAMPLE_SIZE * 3]) stampDeltas.push(s[SAMPLE_SIZE]! - s[0]! - readCost);
    }
    const stampCost = stampDeltas.length > 0 ? Math.max(0, mostFrequent(stampDeltas)) : 0;
    // A GC during the probe can hide its growth (seen on a busy machine): try a few times.
    let probeBytes = 0;
    let precise = false;
    for (let attempt = 0; attempt < 5 && !precise; attempt++) {
      this.sample(s, 0);
      const probe = allocateProbe();
      this.sample(s, SAMPLE_SIZE);
      probeBytes = s[SAMPLE_SIZE]! - s[0]! - readCost;
      if (probe.length !== PROBE_OBJECTS) throw new Error('unreachable');
      precise = probeBytes >= (PROBE_OBJECTS * 16) >> 1;
    }
    this.precise = precise;
    this.readCost = precise ? readCost : 0;
    this._clock.fractionCost = precise ? stampCost : 0;
    return {
      precise,
      readCost: this.readCost,
      stampCost: this._clock.fractionCost,
      probeBytes: Math.max(0, probeBytes),
      reason: precise
        ? ''
        : `performance.memory did not move across a ~256 KB allocation: start Chromium with ${PRECISE_MEMORY_FLAG} (or run npm run sandbox)`,
    };
  }
}

/** About 256 KB of small objects (8,192 x 32 B), kept until the caller drops them. */
function allocateProbe(): Array<{ a: number; b: number }> {
  const out = new Array<{ a: number; b: number }>(PROBE_OBJECTS);
  for (let i = 0; i < PROBE_OBJECTS; i++) out[i] = { a: i, b: i };
  return out;
}
