// hud-text, allocating variant: every frame the HUD rebuilds each line's whole text and builds a
// debug string per racer that nobody reads. Diff it with optimized.ts: only the idiom differs.
import { Behaviour, type SceneInstance, type Sprite, type World } from '../../src/index.ts';
import { addTextPart, formatDebug, HudLine, HudState, LAPS_LABEL, lineX, lineY, racerLabel, shownCentis } from './shared.ts';

/** Draws the HUD after the racers have moved (lateUpdate). */
class Hud extends Behaviour {
  state: HudState | null = null;
  private readonly _labels: string[] = [];
  private readonly _values: Sprite[] = [];
  private _laps: Sprite | null = null;

  /** Creates the HUD's sprites: one text sprite holds a whole line. */
  build(state: HudState): void {
    this.state = state;
    const world = this.world;
    const lapsLine = new HudLine();
    this._laps = addTextPart(world, lapsLine, lineX(0), lineY(0), LAPS_LABEL + '0');
    state.lines.push(lapsLine);
    for (let i = 0; i < state.racers.length; i++) {
      const line = new HudLine();
      this._labels.push(racerLabel(i));
      this._values.push(addTextPart(world, line, lineX(i + 1), lineY(i + 1), racerLabel(i) + '0.00'));
      state.lines.push(line);
    }
  }

  override lateUpdate(): void {
    const state = this.state!;
    const racers = state.racers;
    for (let i = 0; i < racers.length; i++) {
      const racer = racers[i]!;
      const centis = shownCentis(racer.lapTime);
      // ALLOC: toFixed() makes a new string and '+' copies it after the label into another one,
      // every frame, even when the digits did not change; the Sprite keeps it, so it escapes.
      this._values[i]!.text = this._labels[i]! + (centis / 100).toFixed(2);
      // ALLOC: a debug line (two toFixed() strings and four concatenations) that nobody reads;
      // the log keeps the latest one, so each is really allocated.
      state.debug.log(formatDebug(i, racer.angle, racer.speed));
    }
    const laps = state.totalLaps();
    // ALLOC: label and value concatenated into a new string every frame, though laps change
    // only every few seconds.
    this._laps!.text = LAPS_LABEL + laps;
  }
}

/** Sets up the allocating variant: `size` racers and one HUD line each, plus a total-laps line. */
export function setupAllocating(world: World, size: number): SceneInstance {
  const state = new HudState(world, size);
  world.createGameObject('hud').addComponent(Hud).build(state);
  return state;
}
