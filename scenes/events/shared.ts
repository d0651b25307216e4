/**
 * What both events variants share: the emitters and their firing schedule, the pulse event's
 * fields, the listeners that consume pulses, the validation rule, and the digest. The variants
 * differ in how a pulse travels from emitter to listeners (a new object each, or a slot of a
 * preallocated ring) and how a frame's report is validated later (a deferred chain, or a
 * coroutine state machine).
 *
 * Every per-frame value here is a small integer on purpose: code that runs a few times a frame can
 * stay unoptimised, and unoptimised V8 code boxes every double it touches.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Most pulses the bus holds; further pulses are dropped (newest dropped, counted). */
export const QUEUE_CAPACITY = 64;
/** Pulses the listeners ask for per frame, as a reactive-streams subscriber's request(n). */
export const DEMAND_PER_FRAME = 16;
/** Every SALVO_PERIOD frames all emitters fire at once: more than the bus holds. */
export const SALVO_PERIOD = 150;
/** Frames between sending a frame's report and getting the validator's answer. */
export const LATENCY = 6;
/** The validator caps the points a team can earn from one frame. */
export const MAX_POINTS_PER_FRAME = 30;

/** Team 0 is red, team 1 blue (emitters alternate). */
const RED = 0;
const TEAM_COLORS = [0xef476f, 0x118ab2] as const;
const DIM = 0x3a3a4a;
const FLASH_FRAMES = 8;

/** One pulse: which emitter fired, for which team, how strongly, in which frame. */
export class PulseEvent {
  source = 0;
  team = 0;
  strength = 0;
  frame = 0;
}

/** Where emitters send pulses: the variant's bus. */
export interface PulseSink {
  emit(source: number, team: number, strength: number, frame: number): void;
}

/** The emitters on a ring: fixed periods and phases drawn at setup, so no random draw per frame. */
export class EmitterField extends Behaviour {
  sink: PulseSink | null = null;
  readonly period: Int32Array;
  readonly phase: Int32Array;
  readonly strength: Int32Array;
  /** Frames of flash left per emitter, set by the listeners. */
  readonly flash: Int32Array;
  readonly sprites: Sprite[] = [];
  emitted = 0;

  constructor(count: number) {
    super();
    this.period = new Int32Array(count);
    this.phase = new Int32Array(count);
    this.strength = new Int32Array(count);
    this.flash = new Int32Array(count);
    const random = this.world.random;
    for (let i = 0; i < count; i++) {
      this.period[i] = random.int(20, 91);
      this.phase[i] = random.int(0, this.period[i]!);
      this.strength[i] = random.int(1, 10);
      const angle = (i / count) * Math.PI * 2;
      const sprite = this.world.createGameObject('emitter').addComponent(Sprite).set('circle', DIM, 14);
      sprite.transform.position.set(
        Math.round(STAGE_WIDTH / 2 + Math.cos(angle) * 300),
        Math.round(STAGE_HEIGHT / 2 + Math.sin(angle) * 300),
      );
      this.sprites.push(sprite);
    }
  }

  override update(): void {
    const frame = this.world.time.frameCount;
    const salvo = frame % SALVO_PERIOD === 0;
    const sink = this.sink!;
    for (let i = 0; i < this.period.length; i++) {
      if (salvo || (frame + this.phase[i]!) % this.period[i]! === 0) {
        this.emitted++;
        sink.emit(i, i & 1, this.strength[i]!, frame);
      }
      const f = this.flash[i]!;
      if (f > 0) this.flash[i] = f - 1;
      this.sprites[i]!.color = f > 1 ? TEAM_COLORS[i & 1]! : DIM;
    }
  }
}

/** The consumers of pulses: team scores and emitter flashes, plus this frame's totals per team. */
export class Listeners {
  readonly field: EmitterField;
  delivered = 0;
  redScore = 0;
  blueScore = 0;
  /** Points delivered in the current frame, sent to the validator at the end of the frame. */
  frameRed = 0;
  frameBlue = 0;

  constructor(field: EmitterField) {
    this.field = field;
  }

  /** Handles one pulse. The event may be a reused slot: read its fields now, never keep it. */
  onPulse(e: PulseEvent): void {
    this.delivered++;
    if (e.team === RED) {
      this.redScore += e.strength;
      this.frameRed += e.strength;
    } else {
      this.blueScore += e.strength;
      this.frameBlue += e.strength;
    }
    this.field.flash[e.source] = FLASH_FRAMES;
  }

  /** Starts a new frame's totals. */
  resetFrame(): void {
    this.frameRed = 0;
    this.frameBlue = 0;
  }
}

/** The validator's rule for one team's points of one frame. */
export function validatePoints(points: number): number {
  return points > MAX_POINTS_PER_FRAME ? MAX_POINTS_PER_FRAME : points;
}

/** Validated points, credited LATENCY frames after each frame. */
export class Ledger {
  confirmedRed = 0;
  confirmedBlue = 0;
  /** Reports answered, and points the validator refused. */
  answered = 0;
  refused = 0;

  /** Credits one validated report. */
  credit(red: number, blue: number, refused: number): void {
    this.confirmedRed += red;
    this.confirmedBlue += blue;
    this.refused += refused;
    this.answered++;
  }
}

/** The bar that shows how full the bus is (drawn by both variants in the same way). */
export function createQueueBar(world: World): Sprite {
  const bar = world.createGameObject('queue-bar').addComponent(Sprite).set('rect', 0xffd166, 0, 12);
  bar.transform.position.set(STAGE_WIDTH / 2, 40);
  return bar;
}

/** Shows `count` queued pulses out of QUEUE_CAPACITY. */
export function showQueue(bar: Sprite, count: number, droppedThisFrame: boolean): void {
  bar.width = count * 8;
  bar.color = droppedThisFrame ? 0xef476f : 0xffd166;
}

/** The digest both variants build. */
export function formatDigest(field: EmitterField, listeners: Listeners, ledger: Ledger, queued: number, dropped: number): string {
  return [
    'emitted ' + field.emitted,
    'delivered ' + listeners.delivered,
    'dropped ' + dropped,
    'queued ' + queued,
    'score ' + listeners.redScore + '/' + listeners.blueScore,
    'confirmed ' + ledger.confirmedRed + '/' + ledger.confirmedBlue,
    'answered ' + ledger.answered,
    'refused ' + ledger.refused,
    'flash ' + Array.from(field.flash).join(','),
  ].join('|');
}
