import { World } from '../engine/World.ts';
import type { SceneDefinition } from '../engine/Scene.ts';
import { Profiler } from '../profiler/Profiler.ts';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import { HostFrame } from './HostFrame.ts';

/** Off-screen frames that warm a scene's code up, by default. */
export const SHADOW_FRAMES = 3000;
/** Real time spent on off-screen frames per animation frame, so the page stays responsive. */
const SLICE_MS = 12;

/**
 * Warms a freshly loaded scene's code up off-screen, as the CLI's lab page does before it
 * measures: a second world of the same scene, variant, size and seed, stepped frame after frame
 * through the same profiled frame as the visible one (with a profiler of its own, and no sprite
 * sync), in slices of ~12 ms per animation frame beside the visible world's frame, then thrown
 * away. The sync is left out: pixi's setters take other paths for display objects that are not
 * on the stage, and warming those left the visible world's sync allocating 12 B per sprite; on
 * the stage, hidden, they did the same in Compare. The sync warms up in the visible frames.
 *
 * Why: the page shows one frame per animation frame, 60 a second, and at that pace V8 keeps the
 * code a frame runs in its baseline and Maglev tiers for minutes (World.tick was still in Maglev
 * code after 2,400 frames), where reading a double field or passing a double to a call allocates
 * a heap number. Run in a loop, as in the lab, the same code reaches TurboFan within a few
 * thousand frames. The visible world's own warm-up (WarmupWatch) counts from the end of this
 * one, for the scene's own state (a pool filling up, an opening barrage) and to confirm the tiers.
 */
export class ShadowWarmup {
  /** Off-screen frames run so far. */
  frames = 0;
  readonly total: number;
  private readonly _world: World;
  private readonly _profiler: Profiler;
  private readonly _hostProfiler: Profiler;
  private readonly _step: (world: World, profiler: Profiler) => void;
  /** Errors the off-screen world's behaviours threw (the visible world reports its own). */
  errors = 0;

  /**
   * Throws what the scene's setup throws. `step` is the host's own profiled frame, so that the
   * function the visible world runs is the one warmed up.
   */
  constructor(
    scene: SceneDefinition,
    variant: string,
    size: number,
    deep: boolean,
    profiled: BrowserProfiler,
    step: (world: World, profiler: Profiler) => void,
    total = SHADOW_FRAMES,
  ) {
    this.total = total;
    this._hostProfiler = profiled.profiler;
    this._profiler = new Profiler({ meter: profiled.meter, clock: profiled.clock, frameCapacity: 64 });
    this._step = step;
    this._world = new World({
      seed: scene.seed ?? 1,
      profiler: new HostFrame(this._profiler),
      deepProfile: deep,
      // The visible world reports its errors; the shadow's copies of them would only repeat them.
      errorSink: () => {
        this.errors++;
      },
    });
    scene.variants[variant]!(this._world, size);
  }

  /** Runs off-screen frames for up to ~12 ms; true once all are done. */
  runSlice(): boolean {
    const until = performance.now() + SLICE_MS;
    // The shadow's profiler receives marker events only while its frames run.
    this._profiler.start();
    try {
      while (this.frames < this.total && performance.now() < until) {
        this._step(this._world, this._profiler);
        this.frames++;
      }
    } finally {
      this._hostProfiler.start();
    }
    return this.frames >= this.total;
  }

  /** Destroys the off-screen world. */
  dispose(): void {
    this._world.destroy();
  }
}
