/**
 * What both coroutines variants share: the grid of lamps, their state and colors, the pinger that
 * raises the events, and the digest. Each variant's `Lamp` says how its coroutines are written.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** A lamp switches on or off every half second. */
export const BLINK_SECONDS = 0.5;
/** Lamps start out of step: lamp i waits (i % STAGGER_STEPS) frames before its first switch. */
export const STAGGER_STEPS = 30;
/** A ping makes a lamp flash for this many frames, fading out. */
export const FLASH_FRAMES = 12;
/** Mean frames between two pings of one lamp (about 6 pings a frame for 600 lamps). */
export const PING_MEAN_FRAMES = 100;
/** Size of the table of gaps between pings, drawn at load (a power of two). */
const GAP_TABLE_SIZE = 4096;

const OFF_COLOR = 0x2b2d42;
const ON_COLOR = 0x8d99ae;
/** Flash colors by frames left (index 0 is unused): white fading towards amber. */
const FLASH_COLORS: readonly number[] = buildFlashColors();

function buildFlashColors(): number[] {
  const colors: number[] = [0];
  for (let f = 1; f <= FLASH_FRAMES; f++) {
    const k = f / FLASH_FRAMES;
    colors.push((0xff << 16) | (Math.round(0x99 + 0x66 * k) << 8) | Math.round(0x33 + 0xcc * k));
  }
  return colors;
}

/** The first wait of lamp `index`, in seconds: the lamps switch in 30 groups, one group a frame. */
export function staggerSeconds(index: number): number {
  return (index % STAGGER_STEPS) / 60;
}

/**
 * A lamp's state, changed by its coroutines: `on` flips every half second; `glow` counts down the
 * frames of a flash. Only integers and booleans, so the color is picked from a table, never computed.
 */
export abstract class LampBase extends Behaviour {
  /** Place in the grid, which sets the lamp's first wait. */
  readonly index: number;
  readonly sprite: Sprite;
  on = false;
  glow = 0;
  blinks = 0;
  flashes = 0;
  /** Frame of this lamp's next ping (set by the Pinger). */
  nextPing = 0;

  /** Added with `addComponent(Lamp, index)` to an object that already has its Sprite. */
  constructor(index: number) {
    super();
    this.index = index;
    this.sprite = this.gameObject.getComponent(Sprite)!;
  }

  /** An event: start (or restart) this lamp's flash. */
  abstract ping(): void;

  /** Switches the lamp on or off. */
  toggle(): void {
    this.on = !this.on;
    this.blinks++;
    this.paint();
  }

  /** Shows `frames` left of a flash; 0 ends it, and counts a flash that ran to its end. */
  setGlow(frames: number): void {
    if (frames === 0) this.flashes++;
    this.glow = frames;
    this.paint();
  }

  private paint(): void {
    this.sprite.color = this.glow > 0 ? FLASH_COLORS[this.glow]! : this.on ? ON_COLOR : OFF_COLOR;
  }
}

/**
 * Raises the events in Update: pings each lamp at random moments, on average every
 * PING_MEAN_FRAMES frames. The gaps between pings are drawn from `world.random` at load into an
 * integer table that the frame loop walks: drawing a fractional random number per frame would
 * call into code that V8 may still run as Maglev code for thousands of frames, and Maglev boxes
 * the number such a call returns (16 B a draw).
 */
export class Pinger extends Behaviour {
  readonly lamps: LampBase[] = [];
  readonly gaps = new Int32Array(GAP_TABLE_SIZE);
  private cursor = 0;
  pings = 0;

  /** Draws the gap table (geometric gaps, as if each lamp had a 1/PING_MEAN_FRAMES chance a frame). */
  drawGaps(world: World): void {
    const scale = 1 / Math.log(1 - 1 / PING_MEAN_FRAMES);
    for (let i = 0; i < GAP_TABLE_SIZE; i++) this.gaps[i] = 1 + Math.floor(Math.log(1 - world.random.next()) * scale);
  }

  /** The frame count to add for a lamp's next ping. */
  nextGap(): number {
    const gap = this.gaps[this.cursor]!;
    this.cursor = (this.cursor + 1) & (GAP_TABLE_SIZE - 1);
    return gap;
  }

  override update(): void {
    const lamps = this.lamps;
    const frame = this.world.time.frameCount;
    for (let i = 0; i < lamps.length; i++) {
      const lamp = lamps[i]!;
      if (lamp.nextPing !== frame) continue;
      lamp.nextPing = frame + this.nextGap();
      lamp.ping();
      this.pings++;
    }
  }
}

/** Lays `size` lamps of the variant's class out in a grid over the stage, plus the pinger. */
export function buildLamps<T extends LampBase>(world: World, size: number, type: new (index: number) => T): Pinger {
  const pinger = world.createGameObject('pinger').addComponent(Pinger);
  pinger.drawGaps(world);
  const columns = Math.ceil(Math.sqrt((size * STAGE_WIDTH) / STAGE_HEIGHT));
  const rows = Math.ceil(size / columns);
  const cellW = STAGE_WIDTH / columns;
  const cellH = STAGE_HEIGHT / rows;
  const diameter = Math.max(3, Math.floor(Math.min(cellW, cellH) * 0.7));
  for (let i = 0; i < size; i++) {
    const go = world.createGameObject('lamp');
    go.transform.position.set(Math.round(cellW * ((i % columns) + 0.5)), Math.round(cellH * (Math.floor(i / columns) + 0.5)));
    go.addComponent(Sprite).set('circle', OFF_COLOR, diameter);
    const lamp = go.addComponent(type, i);
    lamp.nextPing = pinger.nextGap();
    pinger.lamps.push(lamp);
  }
  return pinger;
}

/** Counters and every lamp's state, hashed: equal in both variants. */
export function digestLamps(pinger: Pinger): string {
  let blinks = 0;
  let flashes = 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < pinger.lamps.length; i++) {
    const lamp = pinger.lamps[i]!;
    blinks += lamp.blinks;
    flashes += lamp.flashes;
    h = Math.imul(h ^ ((lamp.on ? 1 : 0) | (lamp.glow << 1) | (lamp.blinks << 5)), 0x01000193);
  }
  return [pinger.pings, blinks, flashes].join('/') + ' #' + (h >>> 0).toString(16).padStart(8, '0');
}
