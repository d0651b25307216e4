import { ProfilerMarker } from '../profiler/ProfilerMarker.ts';
import type { FrameProfiler } from '../profiler/FrameProfiler.ts';
import type { Profiler } from '../profiler/Profiler.ts';
import { World } from '../engine/World.ts';
import type { SceneDefinition, SceneInstance } from '../engine/Scene.ts';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import type { PixiStage } from './PixiStage.ts';
import { SpriteRenderer } from './SpriteRenderer.ts';
import { QuietWatch } from '../page/QuietWatch.ts';
import { GC_IN_FRAME } from '../page/BrowserGcDetector.ts';

const renderMarker = new ProfilerMarker('Render');

/** Longest frame the world is ticked with (a tab that was in the background, a breakpoint). */
export const MAX_FRAME_MS = 100;
/** The dt of a single step while paused. */
export const STEP_MS = 1000 / 60;

/** Receives each frame after it ended (outside it), e.g. a recording. */
export interface FrameListener {
  onFrame(seq: number): void;
}

/** What is running. */
export interface LoadedScene {
  scene: SceneDefinition;
  variant: string;
  size: number;
  deep: boolean;
  instance: SceneInstance;
}

/**
 * Lets `World.tick` begin the profiler's frame but not end it, so the host's Render marker and the
 * renderer's sync fall inside the same frame, as in DESIGN.md's frame diagram.
 */
class HostFrame implements FrameProfiler {
  private readonly _profiler: Profiler;
  constructor(profiler: Profiler) {
    this._profiler = profiler;
  }
  beginFrame(dtMs: number, first?: ProfilerMarker): void {
    this._profiler.beginFrame(dtMs, first);
  }
  endFrame(last?: ProfilerMarker): void {
    last?.end();
  }
}

/**
 * The page's game loop: a requestAnimationFrame loop that ticks the World with real dt (clamped
 * to 100 ms), syncs the pixi stage from the Sprites under a 'Render' marker inside the profiled
 * frame, ends the frame, checks for GCs, judges whether the frame was quiet (`quiet`), then
 * draws. Pause, single steps and time scale are the sandbox's controls. The rAF callback is bound
 * once; a frame allocates only what the scene does.
 *
 * @example
 * const host = new BrowserHost(await PixiStage.create(), createBrowserProfiler());
 * await host.load(scene, 'allocating', scene.size.default);
 * host.start();
 */
export class BrowserHost {
  readonly stage: PixiStage;
  readonly profiled: BrowserProfiler;
  readonly spriteRenderer: SpriteRenderer;
  /** Time scale applied to each world (Time.timeScale). */
  timeScale = 1;
  paused = false;
  /** Frames run since the current scene was loaded. */
  framesSinceLoad = 0;
  /** The last error a scene's setup threw, or null. */
  loadError: Error | null = null;
  /** Judges each frame of the current world: has the JIT gone quiet (see QuietWatch)? */
  readonly quiet = new QuietWatch();
  private _world: World | null = null;
  private _loaded: LoadedScene | null = null;
  private readonly _hostFrame: HostFrame;
  private readonly _listeners: FrameListener[] = [];
  private readonly _loadListeners: Array<(loaded: LoadedScene) => void> = [];
  private readonly _onAnimationFrame: (now: number) => void;
  private _rafId = 0;
  private _lastNow = -1;
  private _stepRequested = false;
  private _firstFrameWaiters: Array<() => void> = [];

  constructor(stage: PixiStage, profiled: BrowserProfiler) {
    this.stage = stage;
    this.profiled = profiled;
    this.spriteRenderer = new SpriteRenderer(stage.sprites);
    this._hostFrame = new HostFrame(profiled.profiler);
    this._onAnimationFrame = this._frame.bind(this);
    profiled.profiler.start();
  }

  get world(): World | null {
    return this._world;
  }

  get loaded(): LoadedScene | null {
    return this._loaded;
  }

  /** Starts the rAF loop. */
  start(): void {
    if (this._rafId === 0) this._rafId = requestAnimationFrame(this._onAnimationFrame);
  }

  /** Stops the loop (the world stays as it is). */
  stop(): void {
    if (this._rafId !== 0) cancelAnimationFrame(this._rafId);
    this._rafId = 0;
    this._lastNow = -1;
  }

  /**
   * Builds `variant` of `scene` at `size` into a fresh World (same seed every time), replacing the
   * current one. Resolves once the new world has run its first frame. Throws what setup throws.
   */
  load(scene: SceneDefinition, variant: string, size: number, deep = false): Promise<void> {
    const setup = scene.variants[variant];
    if (setup === undefined)
      throw new Error(`scene "${scene.name}" has no variant "${variant}" (has ${Object.keys(scene.variants).join(', ')})`);
    if (this._world !== null) this._world.destroy();
    this._world = null;
    this._loaded = null;
    this.spriteRenderer.clear();
    this.profiled.gcDetector.reset();
    this.quiet.reset();
    const world = new World({ seed: scene.seed ?? 1, profiler: this._hostFrame, deepProfile: deep });
    try {
      const instance = setup(world, size);
      this.loadError = null;
      this._world = world;
      this._loaded = { scene, variant, size, deep, instance };
    } catch (error) {
      this.loadError = error instanceof Error ? error : new Error(String(error));
      world.destroy();
      throw this.loadError;
    }
    this.framesSinceLoad = 0;
    this._lastNow = -1;
    for (const listener of this._loadListeners) listener(this._loaded);
    // Paused: show the new world's first frame anyway.
    if (this.paused) this._stepRequested = true;
    return this.waitFrames(1);
  }

  /** Resolves after `n` more frames have run in the current world. */
  waitFrames(n: number): Promise<void> {
    const target = this.framesSinceLoad + n;
    return new Promise((resolve) => {
      const check = () => {
        if (this.framesSinceLoad >= target) resolve();
        else this._firstFrameWaiters.push(check);
      };
      check();
    });
  }

  /** Runs one frame of STEP_MS on the next animation frame (while paused). */
  step(): void {
    this._stepRequested = true;
  }

  addFrameListener(listener: FrameListener): void {
    this._listeners.push(listener);
  }

  removeFrameListener(listener: FrameListener): void {
    const i = this._listeners.indexOf(listener);
    if (i >= 0) this._listeners.splice(i, 1);
  }

  /** Calls `listener` after each load. */
  onLoad(listener: (loaded: LoadedScene) => void): void {
    this._loadListeners.push(listener);
  }

  private _frame(now: number): void {
    this._rafId = requestAnimationFrame(this._onAnimationFrame);
    const last = this._lastNow;
    this._lastNow = now;
    const world = this._world;
    if (world !== null && (!this.paused || this._stepRequested)) {
      let dt = this._stepRequested || last < 0 ? STEP_MS : now - last;
      if (dt > MAX_FRAME_MS) dt = MAX_FRAME_MS;
      else if (dt < 0) dt = 0;
      this._stepRequested = false;
      this.tick(world, dt);
    }
    this.stage.render();
  }

  /** One profiled frame: world, then the sprite sync under 'Render', then the frame ends. */
  tick(world: World, dtMs: number): void {
    const profiler = this.profiled.profiler;
    if (world.time.timeScale !== this.timeScale) world.time.timeScale = this.timeScale;
    world.tick(dtMs);
    renderMarker.begin();
    this.spriteRenderer.sync(world);
    renderMarker.end();
    profiler.endFrame();
    const { gcDetector, meter } = this.profiled;
    gcDetector.afterFrame();
    const seq = profiler.recorder.latestSeq;
    // A frame with a GC inside, or without precise memory, has no figure to judge.
    const measured = meter.precise && (gcDetector.flagsOf(seq) & GC_IN_FRAME) === 0;
    this.quiet.observe(measured ? profiler.recorder.frameBytes(seq, meter) : Number.NaN);
    this.framesSinceLoad++;
    const listeners = this._listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!.onFrame(seq);
    if (this._firstFrameWaiters.length > 0) {
      const waiters = this._firstFrameWaiters;
      this._firstFrameWaiters = [];
      for (const w of waiters) w();
    }
  }
}
