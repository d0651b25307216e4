// hud-text, optimized variant: static labels, values picked from string tables built at setup and
// assigned only when the shown value changes, debug entries kept as numbers. 0 B per frame.
import { Behaviour, type SceneInstance, type Sprite, type World } from '../../src/index.ts';
import { addTextPart, CHAR_WIDTH, HudLine, HudState, LAPS_LABEL, lineX, lineY, racerLabel, shownCentis } from './shared.ts';

/** Draws the HUD after the racers have moved (lateUpdate). */
class Hud extends Behaviour {
  state: HudState | null = null;
  private readonly _wholes: Sprite[] = [];
  private readonly _fractions: Sprite[] = [];
  private _laps: Sprite | null = null;
  /** '0' to '999': every whole number the HUD shows, built once. */
  private readonly _numbers = numberTable(1000);
  /** '.00' to '.99'. */
  private readonly _hundredths = hundredthsTable();
  /** What each line shows now, to change a sprite only when its text changes. */
  private _shownCentis = new Int32Array(0);
  private _shownWholes = new Int32Array(0);
  private _shownLaps = 0;

  /** Creates the HUD's sprites: a static label, then one sprite per changing part. */
  build(state: HudState): void {
    this.state = state;
    const world = this.world;
    const lapsLine = new HudLine();
    addTextPart(world, lapsLine, lineX(0), lineY(0), LAPS_LABEL);
    this._laps = addTextPart(world, lapsLine, lineX(0) + LAPS_LABEL.length * CHAR_WIDTH, lineY(0), '0');
    state.lines.push(lapsLine);
    for (let i = 0; i < state.racers.length; i++) {
      const line = new HudLine();
      const label = racerLabel(i);
      const x = lineX(i + 1) + label.length * CHAR_WIDTH;
      addTextPart(world, line, lineX(i + 1), lineY(i + 1), label);
      this._wholes.push(addTextPart(world, line, x, lineY(i + 1), '0'));
      this._fractions.push(addTextPart(world, line, x + CHAR_WIDTH, lineY(i + 1), '.00'));
      state.lines.push(line);
    }
    this._shownCentis = new Int32Array(state.racers.length);
    this._shownWholes = new Int32Array(state.racers.length);
  }

  override lateUpdate(): void {
    const state = this.state!;
    const racers = state.racers;
    for (let i = 0; i < racers.length; i++) {
      const racer = racers[i]!;
      const centis = shownCentis(racer.lapTime);
      // FIX: the label is its own static sprite; the digits change only when the shown value
      // does, and come from the tables built at setup, so no string is created.
      if (centis !== this._shownCentis[i]) this._showTime(i, centis);
      // FIX: the debug entry keeps the raw numbers; a string is built only if someone reads it.
      state.debug.record(i, racer.angle, racer.speed);
    }
    const laps = state.totalLaps();
    // FIX: a static 'LAPS: ' label; the value is looked up only when the count changes.
    if (laps !== this._shownLaps) {
      this._shownLaps = laps;
      this._laps!.text = this._numberText(laps);
    }
  }

  /** Shows `centis` hundredths on racer `i`'s line, moving the fraction when the digit count changes. */
  private _showTime(i: number, centis: number): void {
    this._shownCentis[i] = centis;
    const whole = Math.floor(centis / 100);
    this._fractions[i]!.text = this._hundredths[centis - whole * 100]!;
    if (whole === this._shownWholes[i]) return;
    this._shownWholes[i] = whole;
    const text = this._numberText(whole);
    const sprite = this._wholes[i]!;
    sprite.text = text;
    this._fractions[i]!.transform.position.x = sprite.transform.position.x + text.length * CHAR_WIDTH;
  }

  /** `n` as text from the table; past its end (1,000 laps: hours of play) it is built once per change. */
  private _numberText(n: number): string {
    return n < this._numbers.length ? this._numbers[n]! : String(n);
  }
}

/** '0' to String(count - 1). */
function numberTable(count: number): string[] {
  const table: string[] = [];
  for (let i = 0; i < count; i++) table.push(String(i));
  return table;
}

/** '.00' to '.99'. */
function hundredthsTable(): string[] {
  const table: string[] = [];
  for (let i = 0; i < 100; i++) table.push(i < 10 ? '.0' + i : '.' + i);
  return table;
}

/** Sets up the optimized variant: `size` racers and one HUD line each, plus a total-laps line. */
export function setupOptimized(world: World, size: number): SceneInstance {
  const state = new HudState(world, size);
  world.createGameObject('hud').addComponent(Hud).build(state);
  return state;
}
