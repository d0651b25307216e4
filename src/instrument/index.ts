/**
 * AllocLab's allocation-site instrumentation, run-time side: the counters that instrumented code
 * bumps, the site table, and size estimates. Safe in the browser and in Node.
 *
 * The build-time side, the Vite plugin, lives in `./plugin.ts` (Node only: it imports Vite's
 * parser), so that browser code importing this file never pulls in the build tool.
 *
 * Counts are deterministic and independent of the JIT; V8 may still remove some of these
 * allocations (escape analysis), which the measured-bytes lens shows.
 *
 * @example
 * // vite.config.ts: instrument scenes/ and files with `// @alloclab-instrument`
 * import { alloclabInstrument } from './src/instrument/plugin.ts';
 * export default defineConfig({ plugins: [alloclabInstrument()] });
 *
 * // Game loop, at frame boundaries (allocation-free):
 * import { countHits, snapshot } from './src/instrument/index.ts';
 * const hits = countHits();          // source allocations so far, all sites (delta = this frame)
 * snapshot(perSite);                 // per-site counts (a Uint32Array), index = site id
 *
 * // Outside frames: what each site id is, and what it probably costs
 * const site = sites()[id];          // { file, line, column, kind, functionName, excerpt }
 * estimateSiteBytes(site, 'node');   // { hot, cold, basis }: estimated bytes per allocation
 */
export { countHits, sites, siteCount, snapshot, reset, register } from '../profiler/sites/runtime.ts';
export { SITE_KINDS } from '../profiler/sites/siteKinds.ts';
export type { SiteInfo, SiteKind, SiteRecord } from '../profiler/sites/siteKinds.ts';
export { estimateSiteBytes, ESTIMATE_TOLERANCE } from '../profiler/sites/estimates.ts';
export type { AllocationEstimate, EstimateEngine } from '../profiler/sites/estimates.ts';
