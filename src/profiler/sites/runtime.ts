/**
 * The run-time half of allocation-site instrumentation: per-site hit counters in typed arrays.
 *
 * Instrumented modules import `__alloclab_register` and `__alloclab_slots` from here. A hit is
 * one typed-array increment written inline at the site (`__alloclab_slots[(__alloclab_base + k)
 * | 0]++`): not a call, and no running total beside it. Each of those made the instrumented
 * functions larger, so V8 inlined less into them and escape analysis removed fewer objects:
 * measured on the vectors scene (10,000 counted allocations a frame), a call and a total read
 * 784 KB/frame and 2.5x the frame time of the code as written (464 KB/frame); an inline
 * increment and a total, 768 KB and 1.7x; the increment alone, 680 KB and 1.3x. The
 * profiler finds the frame's hits by comparing slot counts at the frame's start and end
 * (`SiteCounter`). Counting allocates nothing at any JIT tier; everything that allocates
 * (registering a module, growing the arrays, listing sites) happens when a module is evaluated,
 * outside frames.
 *
 * Ids: a module's transform numbers its sites 0..n-1 and adds the `base` returned by `register`,
 * giving a *slot*. Slots map to *site ids* through `_slotToSite`, so a module re-registered by HMR
 * gets fresh slots while an unchanged (file, line, column, kind) keeps its site id and its count.
 * Hits are counted per slot and summed per site by `snapshot`. Site id 0 (slot 0) is a sink for
 * hits that arrive before their module registered (a hoisted function
 * called through an import cycle, when `__alloclab_base` is still undefined).
 */
import type { SiteInfo, SiteKind, SiteRecord } from './siteKinds.ts';

const INITIAL_CAPACITY = 256;

// Uint32, not Float64: the interpreter boxes every Float64Array element it loads (measured: a
// heap number per hit), while Uint32 values below 2^30 load as small integers at every tier.
/**
 * Hits per slot, bumped by instrumented code. A live binding: growing replaces the array (at
 * module evaluation only), and importers see the new one. Slot 0 is the sink (site 0).
 */
export let __alloclab_slots = new Uint32Array(INITIAL_CAPACITY);
let _slotToSite = new Uint32Array(INITIAL_CAPACITY);
let _siteCount = 1;
let _slotCount = 1;
/** `__alloclab_slots` cut to the registered slots, for `copySlots`; rebuilt on register. */
let _slotsView = __alloclab_slots.subarray(0, _slotCount);

let _sites: SiteInfo[] = [
  { id: 0, file: '<unregistered>', line: 0, column: 0, kind: 'object', detail: '', count: -1, functionName: '<module>', excerpt: '' },
];

interface FileEntry {
  /** Site id by `line:column:kind:detail`. */
  ids: Map<string, number>;
  /** Keys and base of the latest registration, to reuse its slots when it did not change. */
  lastKeys: string[];
  lastBase: number;
}
const _files = new Map<string, FileEntry>();

/** What a copy of this module that registered sites publishes, for other copies in the realm to adopt. */
interface PublishedSites {
  slots: Uint32Array<ArrayBuffer>;
  slotToSite: Uint32Array<ArrayBuffer>;
  slotCount: number;
  siteCount: number;
  sites: SiteInfo[];
  slotsView: Uint32Array<ArrayBuffer>;
}

/**
 * A page can hold two copies of this module: the one its instrumented modules import, and one
 * inside a profiler bundled apart (the agent `alloclab page` injects, or `alloclab/browser` as a
 * bundler pre-bundles it). The copy that registers sites publishes its arrays here; another copy
 * adopts them (`adoptPublishedSites`) between frames. The counters stay module bindings, not
 * properties of a shared object: the frame's code that reads them is inlined into the profiler's,
 * and a larger body there made V8 inline less of a scene's own code (seen: boxing's optimized
 * variant read 12 B per sensor in the sandbox).
 */
const SHARED = Symbol.for('alloclab.siteRuntime');

function publish(): void {
  (globalThis as { [SHARED]?: PublishedSites })[SHARED] = {
    slots: __alloclab_slots,
    slotToSite: _slotToSite,
    slotCount: _slotCount,
    siteCount: _siteCount,
    sites: _sites,
    slotsView: _slotsView,
  };
}

/**
 * Points this copy at the counters the copy of the module that registered sites published (see
 * `SHARED`; the publisher itself adopts what it already has); true when there were any. Call it between frames (at the start of a measurement, when a
 * panel opens): sites registered later are seen at the next call. Allocation-free.
 */
export function adoptPublishedSites(): boolean {
  const published = (globalThis as { [SHARED]?: PublishedSites })[SHARED];
  // Every field, even when the arrays are the ones already adopted: a registration since may have
  // used more of them without growing them.
  if (published === undefined) return false;
  __alloclab_slots = published.slots;
  _slotToSite = published.slotToSite;
  _slotCount = published.slotCount;
  _siteCount = published.siteCount;
  _sites = published.sites;
  _slotsView = published.slotsView;
  return true;
}

/**
 * Counts one allocation at a slot, as instrumented code does inline (for hand-written callers).
 * Allocates nothing at any tier while a count stays below 2^30 (V8's smallest small-integer
 * range; above it only the interpreter boxes).
 */
export function __alloclab_hit(slot: number): void {
  // `| 0` sends `undefined` (slot NaN from a not-yet-registered module) to the sink at 0.
  __alloclab_slots[slot | 0]++;
}

/** Slots in use (including the sink at 0): the length `copySlots` needs. */
export function slotCount(): number {
  return _slotCount;
}

/** Copies the per-slot counts into `out` (at least `slotCount()` long). Allocation-free. */
export function copySlots(out: Uint32Array): void {
  out.set(_slotsView);
}

/** The live per-slot counts (read-only for callers; replaced when a registration grows it). */
export function slotCounts(): Uint32Array {
  return __alloclab_slots;
}

/** The site id of each slot (read-only for callers; replaced when a registration grows it). */
export function slotSites(): Uint32Array {
  return _slotToSite;
}

/** Hits over all sites since the last `reset`, wrapping at 2^32. Allocation-free. */
export function countHits(): number {
  const slots = __alloclab_slots;
  let total = 0;
  for (let slot = 0; slot < _slotCount; slot++) total = (total + slots[slot]!) >>> 0;
  return total;
}

/**
 * Registers a module's sites and returns the base slot of its block. Re-registering a file (HMR)
 * keeps the site id of every (line, column, kind, detail) that is still there. Allocates: call at
 * module evaluation only.
 */
export function __alloclab_register(file: string, records: readonly SiteRecord[]): number {
  let entry = _files.get(file);
  if (entry === undefined) {
    entry = { ids: new Map(), lastKeys: [], lastBase: -1 };
    _files.set(file, entry);
  }
  const keys = siteKeys(records);
  if (entry.lastBase >= 0 && sameKeys(keys, entry.lastKeys)) return entry.lastBase;
  const base = _slotCount;
  _slotCount += records.length;
  ensureSlotCapacity(_slotCount);
  for (let k = 0; k < records.length; k++) {
    const record = records[k]!;
    let id = entry.ids.get(keys[k]!);
    if (id === undefined) {
      id = _siteCount++;
      entry.ids.set(keys[k]!, id);
    }
    _sites[id] = toSiteInfo(id, file, record);
    _slotToSite[base + k] = id;
  }
  _slotsView = __alloclab_slots.subarray(0, _slotCount);
  entry.lastKeys = keys;
  entry.lastBase = base;
  publish();
  return base;
}

/** Alias of `__alloclab_register` for hand-written callers. */
export const register = __alloclab_register;

/** Every registered site, indexed by id (index 0 is the sink for unregistered hits). Allocates. */
export function sites(): SiteInfo[] {
  return _sites.map((site) => ({ ...site }));
}

/** The number of site ids in use (including the sink at 0): the length `snapshot` needs. */
export function siteCount(): number {
  return _siteCount;
}

/**
 * Writes the per-site counts into `out` (index = site id: the sum of the site's slots, old HMR
 * slots included) and returns how many were written. Allocation-free; when `out` is shorter than
 * `siteCount()` only its length is filled. Counts wrap at 2^32.
 */
export function snapshot(out: Uint32Array): number {
  const n = out.length < _siteCount ? out.length : _siteCount;
  out.fill(0, 0, n);
  const slots = __alloclab_slots;
  const slotToSite = _slotToSite;
  for (let slot = 0; slot < _slotCount; slot++) {
    const hits = slots[slot]!;
    if (hits === 0) continue;
    const site = slotToSite[slot]!;
    if (site < n) out[site] = (out[site]! + hits) >>> 0;
  }
  return n;
}

/** Sets every count to 0; sites and ids stay registered. */
export function reset(): void {
  __alloclab_slots.fill(0);
}

function siteKeys(records: readonly SiteRecord[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const [line, column, kind, detail] of records) {
    let key = `${line}:${column}:${kind}:${detail}`;
    // Two sites that share a position and kind still need distinct ids.
    for (let n = 2; seen.has(key); n++) key = `${line}:${column}:${kind}:${detail}#${n}`;
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toSiteInfo(id: number, file: string, record: SiteRecord): SiteInfo {
  const [line, column, kind, detail, count, functionName, excerpt] = record;
  return { id, file, line, column, kind: kind as SiteKind, detail, count, functionName, excerpt };
}

// Growth doubles, so a project with n sites reallocates log2(n) times, all at module evaluation.
function ensureSlotCapacity(needed: number): void {
  if (needed <= _slotToSite.length) return;
  let capacity = _slotToSite.length * 2;
  while (capacity < needed) capacity *= 2;
  const grown = new Uint32Array(capacity);
  grown.set(_slotToSite);
  _slotToSite = grown;
  const slots = new Uint32Array(capacity);
  slots.set(__alloclab_slots);
  __alloclab_slots = slots;
  _slotsView = slots.subarray(0, _slotCount);
}
