import type { ProfileMode } from '../node/modes.ts';

/**
 * Chromium switches for a headless measuring browser: no sandbox, GPU or network chatter (a
 * browser left to itself keeps fetching components), and exact heap readings.
 */
export const HEADLESS_SWITCHES: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];

/**
 * WebGL without a GPU, for pages that render (a pixi.js or Excalibur game): ANGLE on SwiftShader,
 * Chromium's CPU renderer. WebGPU is not available this way.
 */
export const WEBGL_SWITCHES: readonly string[] = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/** How a measured page gets WebGL (`alloclab page --gpu`). */
export type PageGpu = 'swiftshader' | 'off';
export const PAGE_GPU_MODES: readonly PageGpu[] = ['swiftshader', 'off'];

/**
 * The switches of each `--gpu` mode: WebGL on the CPU (SwiftShader), or none at all, for a page
 * whose WebGL work kills the browser: a game then falls back to a 2D canvas, or says it cannot run.
 */
export const GPU_SWITCHES: Readonly<Record<PageGpu, readonly string[]>> = {
  swiftshader: WEBGL_SWITCHES,
  off: ['--disable-3d-apis'],
};

/**
 * V8 flags of the page per mode, as Node's modes have them (less --expose-internals, which only
 * Node has): gc() to start measuring from a collected heap, and no pretenuring, which would move
 * the used heap in 256 KB old-space chunks. Deterministic mode turns the optimising compilers off.
 */
export const LAB_JS_FLAGS: Readonly<Record<ProfileMode, readonly string[]>> = {
  production: ['--expose-gc', '--no-allocation-site-pretenuring'],
  deterministic: [
    '--expose-gc',
    '--no-allocation-site-pretenuring',
    '--no-opt',
    '--no-maglev',
    '--max-semi-space-size=64',
    '--min-semi-space-size=64',
  ],
};

/**
 * Extra V8 flags of the attribution pass: without inlining, each allocating function keeps its
 * own frame, so the sampling heap profiler credits bytes to it rather than to its caller.
 */
export const ATTRIBUTION_JS_FLAGS: readonly string[] = ['--no-turbo-inlining', '--no-maglev-inlining'];

/** The browser's command line for V8 flags `jsFlags` (one --js-flags switch: space-separated inside). */
export function chromiumArgs(jsFlags: readonly string[]): string[] {
  return [...HEADLESS_SWITCHES, `--js-flags=${jsFlags.join(' ')}`];
}

/**
 * V8 flags of the sandbox's browser (`npm run sandbox`, the sandbox's tests): the lab's production
 * flags, and natives syntax, so that the page's warm-up can read each frame function's tier
 * (WarmupWatch) instead of inferring it from quiet frames.
 */
export const SANDBOX_JS_FLAGS: readonly string[] = [...LAB_JS_FLAGS.production, '--allow-natives-syntax'];
