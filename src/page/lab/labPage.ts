/**
 * The lab page's entry (lab.html): a page without rendering that measures one scene variant at a
 * time for `alloclab run --browser`. It installs `window.alloclabLab`; the CLI calls `run(spec)`
 * once and reads the outcome back. The CLI's side of the DevTools protocol is reached through
 * functions it exposes on the page (`alloclabLabHost`), between chunks of frames, never in one.
 */
import type { SceneDefinition } from '../../engine/Scene.ts';
import type { FrameTrace } from '../trace/frameTrace.ts';
import type { FrameTracer } from '../trace/cdpTracer.ts';
import type { LabOutcome, LabSceneRef, LabSpec } from './labProtocol.ts';
import { runLab } from './runLab.ts';
import type { PageRunHooks } from '../kit/measureInPage.ts';

/** Functions the CLI exposes on the page (playwright's `exposeFunction`), one per name. */
interface LabHostBindings {
  alloclabTraceStart?: (gc: boolean) => Promise<void>;
  alloclabTraceStop?: () => Promise<FrameTrace>;
  alloclabBeforeMeasure?: () => Promise<void>;
  alloclabAfterMeasure?: () => Promise<void>;
  alloclabProgress?: (done: number, total: number) => Promise<void>;
}

/** What the page installs for the CLI. */
export interface LabHandle {
  run(spec: LabSpec): Promise<LabOutcome>;
}

declare global {
  interface Window extends LabHostBindings {
    alloclabLab?: LabHandle;
  }
}

async function loadScene(ref: LabSceneRef): Promise<SceneDefinition> {
  if (ref.kind === 'catalog') {
    const { findScene } = await import('../../../scenes/index.ts');
    const scene = findScene(ref.name);
    if (scene === undefined) throw new Error(`unknown scene "${ref.name}"`);
    return scene;
  }
  const module = (await import(/* @vite-ignore */ ref.url)) as { default?: Partial<SceneDefinition> };
  const scene = module.default;
  if (typeof scene !== 'object' || scene === null || typeof scene.variants !== 'object' || typeof scene.name !== 'string') {
    throw new Error(`${ref.url} does not export a scene (default-export defineScene({ name, description, size, variants }) from alloclab)`);
  }
  return scene as SceneDefinition;
}

function hostTracer(): FrameTracer | null {
  const start = window.alloclabTraceStart;
  const stop = window.alloclabTraceStop;
  if (start === undefined || stop === undefined) return null;
  return { start: ({ gc }) => start(gc), stop: () => stop() };
}

window.alloclabLab = {
  async run(spec) {
    let scene: SceneDefinition;
    try {
      scene = await loadScene(spec.scene);
    } catch (error) {
      return { type: 'error', phase: 'load', message: error instanceof Error ? error.message : String(error) };
    }
    const progress = window.alloclabProgress;
    const hooks: PageRunHooks = {
      tracer: hostTracer(),
      beforeMeasure: window.alloclabBeforeMeasure,
      afterMeasure: window.alloclabAfterMeasure,
      onProgress: progress === undefined ? undefined : (done, total) => void progress(done, total),
    };
    return runLab(scene, spec, hooks);
  },
};
document.documentElement.dataset.alloclabLab = 'ready';
