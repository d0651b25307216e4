import { dirname } from 'node:path';
import type { LabSpec } from '../page/lab/labProtocol.ts';
import type { ChromiumRuntime } from '../chromium/measureInChromium.ts';
import type { LabServer } from '../chromium/labServer.ts';
import { findChromium, NO_CHROMIUM } from '../chromium/findChromium.ts';
import { LAB_JS_FLAGS } from '../chromium/chromiumFlags.ts';
import { SceneFailure, type VariantOutcome } from './runScene.ts';
import type { SceneRef } from './sceneRef.ts';
import type { WorkerSpec } from './worker/protocol.ts';
import { UsageError } from './UsageError.ts';

/** `--browser`: measures variants in headless Chromium, one fresh browser per variant. */
export interface BrowserLab extends AsyncDisposable {
  /** Measures one variant (and, with `attribute`, samples its bytes per function in a second pass). */
  runVariant(spec: WorkerSpec, onProgress?: (done: number, total: number) => void): Promise<VariantOutcome>;
  /** The browser of the last variant measured. */
  readonly runtime: ChromiumRuntime | null;
  close(): Promise<void>;
}

/**
 * Finds the system's Chromium and starts the lab page's dev server. A missing browser, or a
 * missing vite / playwright-core (development dependencies of alloclab), is a usage error with
 * a one-line fix.
 */
export async function openBrowserLab(ref: SceneRef, options: { attribute: boolean; timeoutS?: number }): Promise<BrowserLab> {
  const executablePath = findChromium();
  if (executablePath === null) throw new UsageError(`--browser: ${NO_CHROMIUM}`);
  let modules;
  try {
    modules = await Promise.all([
      import('../chromium/labServer.ts'),
      import('../chromium/measureInChromium.ts'),
      import('../chromium/attributeInChromium.ts'),
      import('../chromium/crashWatch.ts'),
      import('playwright-core'),
      import('vite'),
    ]);
  } catch (error) {
    throw new UsageError(
      `--browser needs the packages vite and playwright-core (${error instanceof Error ? error.message : String(error)})`,
      'npm install --save-dev vite playwright-core',
    );
  }
  const [{ startLabServer }, { measureInChromium }, { attributeInChromium }, { retryOnceAfterCrash }] = modules;
  // A browser that dies gets one more try in a fresh one; a second crash is the scene's failure.
  const scene = ref.kind === 'catalog' ? ref.name : ref.path;
  const onceMore = <T>(spec: WorkerSpec, what: string, pass: () => Promise<T>): Promise<T> =>
    retryOnceAfterCrash(
      pass,
      (crash) =>
        console.error(
          `alloclab: scene "${scene}" (${spec.variant}) in Chromium: ${what}: ${crash.message}; trying once more in a fresh browser`,
        ),
      (crash) => new SceneFailure('browser', `${what}: ${crash.message}, in the second browser too`),
    );
  const server: LabServer = await startLabServer({ allow: ref.kind === 'file' ? [dirname(ref.path)] : [] });
  let runtime: ChromiumRuntime | null = null;

  return {
    get runtime() {
      return runtime;
    },
    async runVariant(spec, onProgress) {
      const jsFlags = LAB_JS_FLAGS[spec.mode];
      const labSpec: LabSpec = {
        scene: ref.kind === 'catalog' ? { kind: 'catalog', name: ref.name } : { kind: 'module', url: server.moduleUrl(ref.path) },
        variant: spec.variant,
        frames: spec.frames,
        warmup: spec.warmup,
        size: spec.size,
        mode: spec.mode,
        deep: spec.deep,
        keepSlices: spec.keepSlices,
        atFrame: spec.atFrame ?? null,
      };
      const passes = options.attribute ? 2 : 1;
      let firstTotal = 0;
      const measured = await onceMore(spec, 'measuring', () =>
        measureInChromium(labSpec, {
          server,
          executablePath,
          jsFlags,
          timeoutS: options.timeoutS,
          onProgress: (done, total) => {
            firstTotal = total;
            onProgress?.(done, total * passes);
          },
        }),
      );
      runtime = measured.runtime;
      const outcome = measured.outcome;
      if (outcome.type === 'error') throw new SceneFailure(outcome.phase, outcome.message);
      const result = outcome.result;
      if (options.attribute) {
        const attribution = await onceMore(spec, 'the sampling pass', () =>
          attributeInChromium(
            { ...labSpec, warmup: result.warmup },
            {
              server,
              executablePath,
              jsFlags,
              timeoutS: options.timeoutS,
              onProgress: (done, total) => onProgress?.(firstTotal + done, firstTotal + total),
            },
          ),
        );
        if ('type' in attribution) throw new SceneFailure(attribution.phase, `attribution pass: ${attribution.message}`);
        result.attribution = attribution;
      }
      return {
        type: 'result',
        result,
        frames: outcome.frames,
        markerNames: outcome.markerNames,
        digest: outcome.digest,
        digestFrame: outcome.digestFrame,
        sceneErrors: outcome.sceneErrors,
        runtime: { version: measured.runtime.version, v8: measured.runtime.v8, flags: measured.runtime.flags },
      };
    },
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
}
