/**
 * AllocLab's browser host: the page's heap meter, clock and GC detector, the pixi.js stage and
 * sprite sync, and the requestAnimationFrame loop. Chromium-only for byte figures.
 */
export { BrowserClock } from './BrowserClock.ts';
export { BrowserHeapMeter, PRECISE_MEMORY_FLAG } from './BrowserHeapMeter.ts';
export type { HeapMeterCalibration } from './BrowserHeapMeter.ts';
export { BrowserGcDetector, GC_IN_FRAME, GC_BEFORE_FRAME } from './BrowserGcDetector.ts';
export { createBrowserProfiler } from './BrowserProfiler.ts';
export type { BrowserProfiler } from './BrowserProfiler.ts';
export { PixiStage, STAGE_BACKGROUND } from './PixiStage.ts';
export { SpriteRenderer } from './SpriteRenderer.ts';
export { BrowserHost, MAX_FRAME_MS, STEP_MS } from './BrowserHost.ts';
export type { FrameListener, LoadedScene } from './BrowserHost.ts';
export { QuietWatch } from './QuietWatch.ts';
export { collectRun, browserRuntime, DEFAULT_WARMUP, DEFAULT_QUIET_FRAMES, DEFAULT_MAX_WARMUP } from './collectRun.ts';
export type { CollectRunOptions, CollectedRun } from './collectRun.ts';
export { measureRetainedInPage, measureRetainedOnHost, pageLeakPassSupport } from './measureRetainedInPage.ts';
export type { PageLeakPassOptions, PageLeakPassSupport } from './measureRetainedInPage.ts';
export { gcPanelRows } from './gcPanelRows.ts';
export type { GcPanelRow } from './gcPanelRows.ts';
