import { ProfilerMarker } from '../profiler/ProfilerMarker.ts';
import type { Profiler } from '../profiler/Profiler.ts';
import { World } from '../engine/World.ts';
import type { SceneDefinition, SceneInstance } from '../engine/Scene.ts';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import type { PixiStage } from './PixiStage.ts';
import { SpriteRenderer } from './SpriteRenderer.ts';
import { SHADOW_FRAMES, ShadowWarmup } from './ShadowWarmup.ts';
import { HostFrame } from './HostFrame.ts';
import { QuietWatch } from '../page/QuietWatch.ts';
import { DEFAULT_WARMUP_RULE, WarmupWatch } from '../page/WarmupWatch.ts';
import { compileNatives, forgetFeedback, type V8Natives } from '../measure/tierWatch.ts';
import { GC_IN_FRAME } from '../page/BrowserGcDetector.ts';
import type { FramePace } from './url-state.ts';

const renderMarker = new ProfilerMarker('Render');

/** Longest real time one animation frame counts for (a tab that was in the background, a breakpoint). */
export const MAX_FRAME_MS = 100;
/** The world's step: every frame the page runs is 1/60 s of game time, as in the CLI. */
export const STEP_MS = 1000 / 60;
/** How early a step may come: animation frames of a 60 Hz display arrive a little before or after 16.7 ms. */
const STEP_SLACK_MS = 2;

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
 * The page's game loop: a requestAnimationFrame loop that steps the World by 1/60 s (see
 * `_frame`), syncs the pixi stage from the Sprites under a 'Render' marker inside the profiled
 * frame, ends the frame, checks for GCs, follows the warm-up (`quiet`, `warmup`), then draws. Pause, single steps and time scale are the sandbox's controls. The rAF callback is bound
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
  /** V8's natives, where the browser allows them (the warm-up's tier judge); null otherwise. */
  readonly natives: V8Natives | null;
  /** Follows the current world's warm-up (the panel says "warming up" until it ended). */
  readonly warmup: WarmupWatch;
  private _world: World | null = null;
  private _loaded: LoadedScene | null = null;
  private readonly _hostFrame: HostFrame;
  private readonly _listeners: FrameListener[] = [];
  private readonly _loadListeners: Array<(loaded: LoadedScene) => void> = [];
  private readonly _onAnimationFrame: (now: number) => void;
  /** Non-zero while a frame is scheduled: the rAF id, or -1 for a posted message at pace 'max'. */
  private _rafId = 0;
  /** Frames back to back at pace 'max': each one posts a message to the next. */
  private _nextTask: MessageChannel | null = null;
  private _messagePending = false;
  private _lastNow = -1;
  private _shadow: ShadowWarmup | null = null;
  private readonly _shadowStep = (world: World, profiler: Profiler): void => this.profiledFrame(world, STEP_MS, null, profiler);
  /** Off-screen frames run at each load to warm the scene's code up (see ShadowWarmup; 0: none). */
  shadowFrames = SHADOW_FRAMES;
  /** Real time not yet stepped (at most one step). */
  private _owedMs = 0;
  private _stepRequested = false;
  private _firstFrameWaiters: Array<() => void> = [];

  /**
   * `display` (default): one frame per animation frame. `max`: frames back to back (a posted
   * message schedules the next), each stepped by STEP_MS and drawn, so a scene runs faster than
   * real time and an automated run gets its warm-up and figures sooner; what a frame allocates
   * does not depend on when it runs.
   */
  readonly pace: FramePace;

  constructor(stage: PixiStage, profiled: BrowserProfiler, pace: FramePace = 'display') {
    this.stage = stage;
    this.pace = pace;
    this.profiled = profiled;
    this.spriteRenderer = new SpriteRenderer(stage.sprites);
    this._hostFrame = new HostFrame(profiled.profiler);
    this._onAnimationFrame = this._frame.bind(this);
    if (pace === 'max') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        this._messagePending = false;
        // A message left from before stop() is not a frame.
        if (this._rafId === -1) this._frame(performance.now());
      };
      this._nextTask = channel;
    }
    this.natives = compileNatives();
    this.warmup = new WarmupWatch(DEFAULT_WARMUP_RULE, this.natives, profiled.meter.precise);
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
    // A message posted before stop() still arrives: it runs the next frame.
    if (this._rafId === 0) this._rafId = this._messagePending ? -1 : this._schedule();
  }

  /** Stops the loop (the world stays as it is). */
  stop(): void {
    if (this._rafId > 0) cancelAnimationFrame(this._rafId);
    this._rafId = 0;
    this._lastNow = -1;
  }

  /**
   * Builds `variant` of `scene` at `size` into a fresh World (same seed every time), replacing the
   * current one. Resolves once the new world has run its first frame. Throws what setup throws.
   */
  load(scene: SceneDefinition, variant: string, size: number, deep = false): Promise<void> {
    const setup = Object.hasOwn(scene.variants, variant) ? scene.variants[variant] : undefined;
    if (setup === undefined)
      throw new Error(`scene "${scene.name}" has no variant "${variant}" (has ${Object.keys(scene.variants).join(', ')})`);
    // The engine's code the last world's frames ran forgets that world's types, so that this
    // world's figures are those of a fresh page (the CLI's), whatever scene ran before it (see
    // forgetFeedback). Not the sprite sync's: it sees pixi's types in every scene alike, and
    // clearing its feedback left Render allocating in the next scene now and then (boxing
    // optimized: 4,896 B a frame in 1 of 14 pages).
    const lastFrameFunctions = this._world === null ? [] : this.worldFrameFunctions();
    if (this._world !== null) this._world.destroy();
    forgetFeedback(this.natives, lastFrameFunctions);
    this._world = null;
    this._loaded = null;
    this.spriteRenderer.clear();
    this.profiled.gcDetector.reset();
    this.quiet.reset();
    this.warmup.reset(() => this.frameFunctions());
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
    this._shadow?.dispose();
    this._shadow = null;
    if (this.shadowFrames > 0) {
      try {
        this._shadow = new ShadowWarmup(scene, variant, size, deep, this.profiled, this._shadowStep, this.shadowFrames);
      } catch {
        // The visible world's setup worked; a shadow that cannot be built only costs the warm-up.
        this._shadow = null;
      }
    }
    for (const listener of this._loadListeners) listener(this._loaded);
    // Paused: show the new world's first frame anyway.
    if (this.paused) this._stepRequested = true;
    return this.waitFrames(1);
  }

  /**
   * The functions every frame of the current world runs: the engine's tick and the behaviours'
   * updates, this host's frame and the sprite sync (what warm-up waits to see optimised).
   */
  frameFunctions(): unknown[] {
    return [...this.worldFrameFunctions(), ...SpriteRenderer.frameFunctions()];
  }

  /** The engine's tick, the behaviours' updates and this host's frame, which calls the tick. */
  private worldFrameFunctions(): unknown[] {
    const world = this._world;
    return [...(world === null ? [] : world._frameFunctions()), BrowserHost.prototype.profiledFrame];
  }

  /** Off-screen warm-up frames run and planned, while it runs; null otherwise. */
  get shadowProgress(): { frames: number; total: number } | null {
    const shadow = this._shadow;
    return shadow === null ? null : { frames: shadow.frames, total: shadow.total };
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

  /**
   * The animation frame: at most one world step of STEP_MS, then the draw. The world advances in
   * fixed 60 Hz steps, as the CLI's manual clock steps it (Unity's `Time.captureFramerate` does the
   * same): the page runs the frames the CLI measures, the same work in each, whatever the
   * display's rate or a slow frame; a display faster than 60 Hz skips a step when the world is
   * ahead of real time, and a browser slower than 60 fps shows the scene in slow motion rather
   * than in bigger steps. Real frame times are still measured and shown.
   */
  private _frame(now: number): void {
    this._rafId = this._schedule();
    const last = this._lastNow;
    this._lastNow = now;
    const world = this._world;
    const shadow = this._shadow;
    // The off-screen warm-up takes a slice of each animation frame until it is done; the visible
    // world runs meanwhile, its own warm-up counted from then on (see _afterFrame).
    if (shadow?.runSlice()) {
      shadow.dispose();
      this._shadow = null;
    }
    if (world !== null && (!this.paused || this._stepRequested)) {
      const elapsed = last < 0 || this._stepRequested || this.pace === 'max' ? STEP_MS : Math.min(Math.max(now - last, 0), MAX_FRAME_MS);
      // Owed time never exceeds one step: no catching up in bursts.
      this._owedMs = Math.min(this._owedMs + elapsed, STEP_MS);
      if (this._owedMs >= STEP_MS - STEP_SLACK_MS) {
        this._owedMs = 0;
        this._stepRequested = false;
        this.tick(world, STEP_MS);
      }
    }
    this.stage.render();
  }

  /** Schedules the next frame at this host's pace (paused: the display's, not a busy loop). */
  private _schedule(): number {
    const next = this._nextTask;
    if (next === null || (this.paused && !this._stepRequested)) return requestAnimationFrame(this._onAnimationFrame);
    next.port2.postMessage(null);
    this._messagePending = true;
    return -1;
  }

  /** One frame: the profiled part, then what follows it outside the frame. */
  tick(world: World, dtMs: number): void {
    this.profiledFrame(world, dtMs, this.spriteRenderer, this.profiled.profiler);
    // Outside the frame: spare pixi views for sprites that appear next (see SpriteRenderer.reserve).
    this.spriteRenderer.reserve();
    this._afterFrame();
  }

  /**
   * The profiled frame: world, then the sprite sync under 'Render', then the frame ends. A
   * function of its own with no branch that runs now and then: V8 deoptimises a function when it
   * takes a branch it has no feedback for, and the bookkeeping after a frame has such branches (a
   * waiter to wake); code back in baseline boxes the doubles it passes (12 B a frame for `dtMs`).
   * The off-screen warm-up runs it too, with its own world, renderer and profiler.
   */
  profiledFrame(world: World, dtMs: number, renderer: SpriteRenderer | null, profiler: Profiler): void {
    if (world.time.timeScale !== this.timeScale) world.time.timeScale = this.timeScale;
    world.tick(dtMs);
    renderMarker.begin();
    if (renderer !== null) renderer.sync(world);
    renderMarker.end();
    profiler.endFrame();
  }

  /** After the frame, outside it: GC check, the quiet and warm-up watches, listeners and waiters. */
  private _afterFrame(): void {
    const { gcDetector, meter, profiler } = this.profiled;
    gcDetector.afterFrame();
    const seq = profiler.recorder.latestSeq;
    // A frame with a GC inside, or without precise memory, has no figure to judge.
    const measured = meter.precise && (gcDetector.flagsOf(seq) & GC_IN_FRAME) === 0;
    this.quiet.observe(measured ? profiler.recorder.frameBytes(seq, meter) : Number.NaN);
    // Frames that share their animation frame with the off-screen warm-up do not count toward
    // the visible world's own: code installed for the shadow's work can land in them.
    if (this._shadow === null) this.warmup.afterFrame(this.quiet.quietRun);
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
