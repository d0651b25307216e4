/**
 * AllocLab's allocation-site instrumentation: a build-time transform that counts every allocation
 * in scene and user code (object/array literals, `new`, closures, built strings, spread/rest,
 * RegExp literals, allocating built-ins, generator and async calls), with file, line and function.
 *
 * Counts are deterministic and independent of the JIT; V8 may still remove some of these
 * allocations (escape analysis), which the measured-bytes lens shows.
 *
 * @example
 * // vite.config.ts: instrument scenes/ and files with `// @alloclab-instrument`
 * import { defineConfig } from 'vitest/config';
 * import { alloclabInstrument } from './src/instrument/index.ts';
 * export default defineConfig({ plugins: [alloclabInstrument()] });
 *
 * // At frame boundaries (allocation-free):
 * import { totalHits, snapshot, sites, siteCount } from './src/instrument/index.ts';
 * row.set(totalHits, column);            // source allocations so far, all sites
 * snapshot(perSite);                     // per-site counts, index = site id
 * // Outside frames: sites()[id] -> { file, line, column, kind, functionName, excerpt }
 */
export { alloclabInstrument, instrumentCacheKey, RUNTIME_PATH } from './plugin.ts';
export type { AlloclabInstrumentOptions } from './plugin.ts';
export type { PathPattern } from './filter.ts';
export { DEFAULT_INCLUDE, DEFAULT_EXCLUDE, PRAGMA } from './filter.ts';
export { instrumentCode } from './transform.ts';
export type { InstrumentCodeOptions, InstrumentedCode } from './transform.ts';
export { totalHits, sites, siteCount, snapshot, reset, register } from './runtime.ts';
export { SITE_KINDS } from './siteKinds.ts';
export type { SiteInfo, SiteKind, SiteRecord } from './siteKinds.ts';
export { estimateSiteBytes, ESTIMATE_TOLERANCE } from './estimates.ts';
export type { AllocationEstimate, EstimateEngine } from './estimates.ts';
