import type { RuntimeInfo } from '../../profiler/RunResult.ts';

/** This page as a run's runtime: Chromium's version (a page cannot read V8's version or flags). */
export function pageRuntime(): RuntimeInfo {
  const version = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? navigator.userAgent;
  return { engine: 'chromium', version, v8: '', flags: [] };
}
