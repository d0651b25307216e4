import { formatErrorReport } from '../engine/EngineError.ts';
import { ManualClock } from '../engine/ManualClock.ts';
import type { SceneDefinition, SceneInstance, SceneSetup } from '../engine/Scene.ts';
import { World } from '../engine/World.ts';
import type { FrameProfiler } from '../profiler/FrameProfiler.ts';
import { markerCount, markerName } from '../profiler/ProfilerMarker.ts';
import type { WorldLead } from './measureFrames.ts';
import type { SceneErrorSummary, VariantFailure } from './VariantSpec.ts';

/** A scene has no variant of the requested name. */
export class UnknownVariantError extends Error {
  override readonly name = 'UnknownVariantError';

  constructor(scene: SceneDefinition, variant: string) {
    super(`scene "${scene.name}" has no variant "${variant}" (its variants: ${Object.keys(scene.variants).join(', ')})`);
  }
}

/** The setup of a scene's variant, or an `UnknownVariantError`. */
export function findVariant(scene: SceneDefinition, variant: string): SceneSetup {
  const setup = Object.hasOwn(scene.variants, variant) ? scene.variants[variant] : undefined;
  if (setup === undefined) throw new UnknownVariantError(scene, variant);
  return setup;
}

/** Options of `new SceneVariant(scene, options)`. */
export interface SceneVariantOptions {
  variant: string;
  /** The scene's size parameter (default: the scene's own). */
  size?: number | null;
  /** The profiler the world marks its frames with: the platform's. */
  profiler: FrameProfiler;
  /** One marker per behaviour type. */
  deep?: boolean;
  /** Frame length in ms (default 1000/60). */
  dtMs?: number;
  /**
   * Take the state digest right after this frame, so that variants that ran different numbers of
   * frames in all (warm-up lasts until the JIT is quiet) are compared at one frame. Default: the
   * digest is read when asked for.
   */
  digestFrame?: number;
}

/**
 * One variant of a scene, ready to be stepped frame by frame: its world (seeded, profiled, with the
 * errors its behaviours throw collected), a manual clock and its state digest. Every entry point
 * that measures a scene starts here (the CLI's measuring process, the testing API in Node and in a
 * page, the lab page) and differs only in the profiler it passes and the loop that measures.
 * Throws `UnknownVariantError` for a variant the scene lacks; an error the setup throws propagates.
 */
export class SceneVariant {
  /** Tells a set-up variant from a `VariantFailure` (see openVariant). */
  readonly type = 'variant';
  readonly scene: SceneDefinition;
  readonly variant: string;
  readonly size: number;
  readonly world: World;
  readonly clock: ManualClock;
  /** Errors behaviours threw during frames, formatted, in order. */
  readonly errors: string[] = [];
  readonly digestFrame: number | null;
  /** Steps one frame. Made once: the measuring loops call it every frame. */
  readonly step: () => void;
  private readonly _instance: SceneInstance;
  private _digest: string | null = null;
  private _firstError: unknown = undefined;

  constructor(scene: SceneDefinition, options: SceneVariantOptions) {
    const setup = findVariant(scene, options.variant);
    this.scene = scene;
    this.variant = options.variant;
    this.size = options.size ?? scene.size.default;
    const errors = this.errors;
    this.world = new World({
      seed: scene.seed ?? 1,
      profiler: options.profiler,
      deepProfile: options.deep ?? false,
      errorSink: (report) => {
        if (errors.length === 0) this._firstError = report.error;
        errors.push(formatErrorReport(report));
      },
    });
    this._instance = setup(this.world, this.size);
    const clock = new ManualClock(this.world, { dtMs: options.dtMs ?? 1000 / 60 });
    this.clock = clock;
    const digestFrame = options.digestFrame;
    this.digestFrame = digestFrame ?? null;
    if (digestFrame === undefined) {
      this.step = () => clock.step();
    } else {
      const instance = this._instance;
      this.step = () => {
        clock.step();
        if (clock.frames === digestFrame) this._digest = instance.digest();
      };
    }
  }

  /** The state digest taken at `digestFrame` ('' before it), or the state's digest now without one. */
  digest(): string {
    return this.digestFrame === null ? this._instance.digest() : (this._digest ?? '');
  }

  /**
   * The errors as the CLI reports them: how many, the first, and where the first was thrown as
   * `locate` reads it off the error's stack (a platform's own: file paths or page URLs).
   */
  errorSummary(locate?: (error: unknown) => string | undefined): SceneErrorSummary {
    const location = this.errors.length > 0 ? locate?.(this._firstError) : undefined;
    return { count: this.errors.length, first: this.errors[0] ?? null, ...(location === undefined ? {} : { location }) };
  }
}

/**
 * A variant set up for measuring, or the failure as a runner reports it: an unknown variant
 * fails in 'load', an error the setup throws in 'setup'.
 */
export function openVariant(scene: SceneDefinition, options: SceneVariantOptions): SceneVariant | VariantFailure<'load' | 'setup'> {
  try {
    return new SceneVariant(scene, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'error', phase: error instanceof UnknownVariantError ? 'load' : 'setup', message };
  }
}

/** The names of every marker made in this realm so far, by id (what a trace labels slices with). */
export function markerNames(): string[] {
  const names: string[] = [];
  for (let id = 0; id < markerCount(); id++) names.push(markerName(id));
  return names;
}

/**
 * A variant measured from frame `atFrame` of a fresh world (`alloclab run --at-frame`): `step`
 * runs `warmedOn` during warm-up; `lead.start()` (measureFrames calls it once warm-up ended, at
 * each measurement) makes a fresh world with `make` and runs it from then on. `current` is the
 * world being stepped.
 */
export class VariantAtFrame {
  current: SceneVariant;
  readonly step: () => void;
  readonly lead: WorldLead;
  private readonly _warmedOn: SceneVariant;

  constructor(warmedOn: SceneVariant, make: () => SceneVariant, atFrame: number) {
    this.current = warmedOn;
    this._warmedOn = warmedOn;
    let active = warmedOn.step;
    this.step = () => active();
    // A fresh world at each start: a measurement taken again (V8 disturbed the first) measures the
    // same frames of the world again, after the code ran on the last one meanwhile.
    this.lead = {
      start: () => {
        const fresh = make();
        this.current = fresh;
        active = fresh.step;
        return atFrame;
      },
      frames: () => this.current.clock.frames,
    };
  }

  /** The measured world's errors, or those of the world the code warmed up on when it threw none. */
  errorSummary(locate?: (error: unknown) => string | undefined): SceneErrorSummary {
    const measured = this.current;
    return measured.errors.length === 0 ? this._warmedOn.errorSummary(locate) : measured.errorSummary(locate);
  }
}

/**
 * The `VariantAtFrame` of `spec.atFrame` over `warmedOn`, each fresh world opened by `open` (with
 * its digest taken at `atFrame`), or null without `atFrame`. A fresh world that fails to set up
 * throws its message (the same setup succeeded for `warmedOn`).
 */
export function variantAtFrame(
  warmedOn: SceneVariant,
  open: (digestFrame: number) => SceneVariant | VariantFailure<'load' | 'setup'>,
  atFrame: number | null | undefined,
): VariantAtFrame | null {
  if (atFrame === null || atFrame === undefined) return null;
  return new VariantAtFrame(
    warmedOn,
    () => {
      const fresh = open(atFrame);
      if (fresh.type === 'error') throw new Error(fresh.message);
      return fresh;
    },
    atFrame,
  );
}
