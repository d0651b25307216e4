// What both hud-text variants share: the race they display, the HUD's layout, the debug log and
// the digest. Only the way the HUD turns numbers into text differs between the variants.
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type GameObject, type World } from '../../src/index.ts';

const TWO_PI = Math.PI * 2;
/** The oval track the racers run on. */
const TRACK_X = STAGE_WIDTH * 0.58;
const TRACK_Y = STAGE_HEIGHT * 0.52;
const TRACK_RX = 440;
const TRACK_RY = 270;
/** Each racer runs its own lane, this much further in than the previous one. */
const LANE_STEP = 3;
/** Angular speed of a lap, re-rolled at each lap: laps last 5 to 16 seconds. */
const MIN_SPEED = 0.4;
const MAX_SPEED = 1.2;
/** Frame-to-frame wobble of the pace, radians per second. */
const JITTER = 0.2;

/** HUD layout: one line per racer in columns of this many lines, text of this size. */
export const FONT_SIZE = 16;
/** Width of one character of the HUD's monospaced font, for placing text next to text. */
export const CHAR_WIDTH = 10;
const LINE_HEIGHT = 22;
const LINES_PER_COLUMN = 16;
const COLUMN_WIDTH = 250;
const HUD_LAYER = 10;
const HUD_COLOR = 0xe8e8e8;

/** One racer: an angle on the track, a speed, and its lap times. */
export class RacerMotion extends Behaviour {
  lane = 0;
  angle = 0;
  /** Radians per second. Starts as a double so the field never changes representation. */
  speed = 0.5;
  /** Seconds since the current lap began. */
  lapTime = 0.5;
  laps = 0;

  override start(): void {
    this.speed = MIN_SPEED + (MAX_SPEED - MIN_SPEED) * this.world.random.next();
    this.lapTime = 0;
  }

  override update(): void {
    const dt = this.world.time.deltaTime;
    // One random draw per frame: it jitters the pace, and at the line it sets the next lap's
    // speed. Drawn here rather than in the rarely taken lap branch because V8 does not inline a
    // call made that rarely, and a call returning a double boxes it (16 B per lap).
    const roll = this.world.random.next();
    this.lapTime += dt;
    this.angle += (this.speed + (roll - 0.5) * JITTER) * dt;
    if (this.angle >= TWO_PI) {
      this.angle -= TWO_PI;
      this.laps++;
      this.lapTime = 0;
      this.speed = MIN_SPEED + (MAX_SPEED - MIN_SPEED) * roll;
    }
    const inset = this.lane * LANE_STEP;
    // Snapped to whole units, as the HUD draws at whole pixels; `| 0` also turns a -0 from
    // Math.round into 0.
    this.transform.position.set(
      Math.round(TRACK_X + Math.cos(this.angle) * (TRACK_RX - inset)) | 0,
      Math.round(TRACK_Y + Math.sin(this.angle) * (TRACK_RY - inset)) | 0,
    );
  }
}

/**
 * The lap time a HUD shows, in whole hundredths of a second. Both variants round with this one
 * function, so they show the same digits (`(c / 100).toFixed(2)` of an integer c gives c's digits).
 */
export function shownCentis(seconds: number): number {
  return Math.round(seconds * 100);
}

/** The HUD's label of racer `index`, built once at setup. */
export function racerLabel(index: number): string {
  return 'P' + (index + 1) + ' TIME: ';
}

/** The label of the total-laps line. */
export const LAPS_LABEL = 'LAPS: ';

/** One line of the HUD: one or more text sprites read left to right. */
export class HudLine {
  readonly parts: Sprite[] = [];

  /** The text the line shows (outside frames: it allocates). */
  text(): string {
    let s = '';
    for (let i = 0; i < this.parts.length; i++) s += this.parts[i]!.text;
    return s;
  }
}

/** Where HUD line `row` starts: row 0 is the total-laps line, row i + 1 racer i's line. */
export function lineX(row: number): number {
  return 20 + Math.floor(row / LINES_PER_COLUMN) * COLUMN_WIDTH;
}

/** The y of HUD line `row` (see lineX). */
export function lineY(row: number): number {
  return 20 + (row % LINES_PER_COLUMN) * LINE_HEIGHT;
}

/** Adds a text sprite at (x, y) to `line` and returns it. */
export function addTextPart(world: World, line: HudLine, x: number, y: number, text: string): Sprite {
  const go: GameObject = world.createGameObject('hud-text');
  go.transform.position.set(x, y);
  const sprite = go.addComponent(Sprite).set('text', HUD_COLOR, 0, FONT_SIZE);
  sprite.layer = HUD_LAYER;
  sprite.text = text;
  line.parts.push(sprite);
  return sprite;
}

/**
 * A debug log that nobody reads during frames, as `Debug.Log` calls left in a release build: it
 * keeps the latest entry. `log` takes a finished string; `record` takes the raw numbers and
 * formats them only when `latest` is read.
 */
export class DebugLog {
  count = 0;
  private _message = '';
  private _raw = false;
  private _racer = 0;
  private _angle = Number.NaN;
  private _speed = Number.NaN;

  /** Keeps a message someone already built. */
  log(message: string): void {
    this._message = message;
    this._raw = false;
    this.count++;
  }

  /** Keeps the numbers of a racer's debug line; no string is built. */
  record(racer: number, angle: number, speed: number): void {
    this._racer = racer;
    this._angle = angle;
    this._speed = speed;
    this._raw = true;
    this.count++;
  }

  /** The latest entry as text (formats a recorded one now: call it outside frames). */
  get latest(): string {
    return this._raw ? formatDebug(this._racer, this._angle, this._speed) : this._message;
  }
}

/** The text of a racer's debug line. */
export function formatDebug(racer: number, angle: number, speed: number): string {
  return 'P' + (racer + 1) + ' angle ' + angle.toFixed(3) + ' speed ' + speed.toFixed(2);
}

/** The state a variant builds: racers, the HUD's lines, the debug log. */
export class HudState {
  readonly racers: RacerMotion[] = [];
  /** The total-laps line first, then one line per racer. */
  readonly lines: HudLine[] = [];
  readonly debug = new DebugLog();

  /** Creates `count` racers, each drawn as a circle on its lane. */
  constructor(world: World, count: number) {
    for (let i = 0; i < count; i++) {
      const go = world.createGameObject('racer-' + (i + 1));
      go.addComponent(Sprite).set('circle', 0x40a0ff + ((i * 0x2f1b37) & 0xff00ff), 12);
      const racer = go.addComponent(RacerMotion);
      racer.lane = i;
      this.racers.push(racer);
    }
  }

  /** Laps completed by all racers together. */
  totalLaps(): number {
    let total = 0;
    for (let i = 0; i < this.racers.length; i++) total += this.racers[i]!.laps;
    return total;
  }

  /** The shown text of every HUD line, the racers' positions and the latest debug entry. */
  digest(): string {
    const out: string[] = [];
    for (const line of this.lines) out.push(line.text());
    for (const racer of this.racers) out.push(racer.angle.toFixed(6) + '/' + racer.laps);
    out.push(String(this.debug.count), this.debug.latest);
    return out.join('|');
  }
}
