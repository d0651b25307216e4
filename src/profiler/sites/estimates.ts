/**
 * Estimated bytes per allocation, by site kind, for two V8 configurations:
 * - `node`: V8 without pointer compression (8-byte fields), as in Node's official builds;
 * - `chromium`: V8 with pointer compression (4-byte fields), as in Chrome and Chromium.
 *
 * Every figure is an ESTIMATE. `hot` is the size once the function is optimised (if escape
 * analysis removes the allocation entirely the real figure is 0: that is what the measured lens
 * shows); `cold` is the unoptimised size, which includes V8's 16 B (8 B compressed) allocation
 * memento on literals. Sources: research/measurement.md section 4 (Node 20, Chromium 156) and a
 * re-measurement on Node 24.21 (holder of 10,000 items, `--no-allocation-site-pretenuring`).
 * Node figures are checked by test/instrument/estimates.test.ts to within ESTIMATE_TOLERANCE.
 * Chromium figures marked "derived" were not measured: they halve the pointer-sized fields.
 */
import type { SiteInfo } from './siteKinds.ts';

/** The V8 configurations estimates exist for. */
export type EstimateEngine = 'node' | 'chromium';

/** Estimated bytes of one allocation at a site. */
export interface AllocationEstimate {
  /** Bytes once optimised (before escape analysis, which may remove it: then 0). */
  readonly hot: number;
  /** Bytes in unoptimised code. */
  readonly cold: number;
  /** What the figure assumes. */
  readonly basis: string;
}

/** Relative error the calibration test allows between `hot` and a Node measurement. */
export const ESTIMATE_TOLERANCE = 0.25;

interface Layout {
  /** Bytes per pointer-sized field. */
  field: number;
  /** Extra bytes of an allocation memento in unoptimised code. */
  memento: number;
}
const LAYOUTS: Record<EstimateEngine, Layout> = { node: { field: 8, memento: 16 }, chromium: { field: 4, memento: 8 } };

/** [node, chromium] hot and cold bytes of fixed-size allocations. */
type Table = Record<string, readonly [nodeHot: number, nodeCold: number, chromiumHot: number, chromiumCold: number, basis: string]>;

const NEW: Table = {
  Map: [184, 184, 92, 92, 'empty Map (hash table with initial capacity)'],
  Set: [152, 152, 76, 76, 'empty Set; chromium derived'],
  WeakMap: [184, 184, 92, 92, 'like Map; not measured'],
  Array: [128, 144, 64, 72, 'new Array(10)'],
  Promise: [48, 48, 20, 20, 'a Promise'],
  Float32Array: [232, 232, 136, 136, 'heap part of a small typed array; the data is off-heap'],
  Float64Array: [232, 232, 136, 136, 'heap part of a small typed array; the data is off-heap'],
  Int32Array: [232, 232, 136, 136, 'heap part of a small typed array; the data is off-heap'],
  Uint32Array: [232, 232, 136, 136, 'heap part of a small typed array; the data is off-heap'],
  Uint8Array: [232, 232, 136, 136, 'heap part of a small typed array; the data is off-heap'],
};
const DEFAULT_NEW: Table[string] = [56, 56, 28, 28, 'an instance with up to 4 fields (class not analysed)'];

const ARRAY_RESULT: Table[string] = [128, 184, 64, 92, 'a 10-element result array (cold includes the callback closure)'];
const STRING_RESULT: Table[string] = [40, 40, 24, 24, 'a short string; chromium derived'];
const BUILTINS: Table = {
  bind: [48, 48, 24, 24, 'a bound function'],
  keys: [48, 48, 24, 24, 'an array iterator (Map/Set iterators: 40 B)'],
  values: [48, 48, 24, 24, 'an array iterator (Map/Set iterators: 40 B)'],
  entries: [48, 48, 24, 24, 'an array iterator (Map/Set iterators: 40 B)'],
  'Object.keys': [72, 72, 36, 36, 'an array of 3 keys'],
  'Object.values': [72, 72, 36, 36, 'an array of 3 values'],
  'Object.entries': [200, 200, 100, 100, '3 pairs; derived from Object.keys'],
  'Object.assign': [0, 0, 0, 0, 'into a fresh literal, which carries the cost itself'],
  split: ARRAY_RESULT,
  match: ARRAY_RESULT,
  matchAll: [120, 120, 60, 60, 'an iterator and a RegExp copy; not measured'],
  'JSON.parse': [128, 128, 64, 64, 'depends on the input; a small object'],
};
for (const m of ['map', 'filter', 'slice', 'concat', 'flatMap', 'flat', 'toSorted', 'toReversed', 'Array.from', 'Array.of'])
  BUILTINS[m] = ARRAY_RESULT;
for (const m of [
  'toFixed',
  'toString',
  'join',
  'substring',
  'substr',
  'trim',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'toUpperCase',
  'toLowerCase',
  'String',
  'JSON.stringify',
])
  BUILTINS[m] = STRING_RESULT;

const FIXED: Table = {
  closure: [96, 96, 48, 48, 'a closure with a context of one captured variable'],
  template: [48, 48, 40, 40, 'a short string plus a number converted to a string; chromium derived'],
  concat: [48, 48, 40, 40, 'a short string plus a number converted to a string; chromium derived'],
  regexp: [56, 56, 28, 28, 'a JSRegExp sharing its compiled data; chromium derived'],
  spread: [0, 48, 0, 24, 'fast arrays spread without an iterator; others copy into an argument list'],
  rest: [64, 64, 32, 32, 'an array of 2 elements'],
  'generator-call': [120, 120, 64, 64, 'a generator object'],
  'async-call': [48, 184, 20, 92, 'the promise (cold: with the suspended frame); chromium cold derived'],
};

/**
 * Estimated bytes of one allocation at a site, for an engine. Object and array literals scale
 * with their property or element count; other kinds use the measured figures above.
 *
 * @example
 * estimateSiteBytes({ kind: 'object', detail: '', count: 2 }, 'node'); // { hot: 40, cold: 56, ... }
 */
export function estimateSiteBytes(site: Pick<SiteInfo, 'kind' | 'detail' | 'count'>, engine: EstimateEngine): AllocationEstimate {
  const { field, memento } = LAYOUTS[engine];
  switch (site.kind) {
    case 'object': {
      // Header: map, properties, elements. An empty literal gets 4 in-object slots of slack.
      const n = site.count < 0 ? 2 : site.count;
      const hot = 3 * field + field * (n === 0 ? 4 : n);
      return { hot, cold: n === 0 ? hot : hot + memento, basis: `an object literal with ${n} in-object properties` };
    }
    case 'array': {
      // Header: map, properties, elements, length; then a backing store with a 2-field header.
      const n = site.count < 0 ? 0 : site.count;
      const hot = 4 * field + (n > 0 ? 2 * field + field * n : 0);
      return { hot, cold: hot + memento, basis: `an array literal of ${n} elements` };
    }
    case 'new':
      return fromTable(NEW[site.detail] ?? DEFAULT_NEW, engine);
    case 'builtin':
      return fromTable(BUILTINS[site.detail] ?? STRING_RESULT, engine);
    default:
      return fromTable(FIXED[site.kind]!, engine);
  }
}

function fromTable(row: Table[string], engine: EstimateEngine): AllocationEstimate {
  return engine === 'node' ? { hot: row[0], cold: row[1], basis: row[4] } : { hot: row[2], cold: row[3], basis: row[4] };
}
