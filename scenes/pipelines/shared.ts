// What both pipelines variants share: the walkers, the rules the console changes, the towers'
// state, the console script and the digest. Only how a tower picks its targets and how the console
// reads a command differ between the variants.
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type Random, type World } from '../../src/index.ts';

/** Targets a tower hits per frame: its nearest walkers in range. */
export const MAX_TARGETS = 3;
/** The console's grammar: a verb, one space, one to four digits. */
export const COMMAND_SOURCE = '^(range|damage|speed|ping) (\\d{1,4})$';
/** The verbs, in the order of their VERB_* numbers. */
export const VERBS: readonly string[] = ['range', 'damage', 'speed', 'ping'];
/** Verb numbers, as `Rules.apply` takes them. */
export const VERB_RANGE = 0;
export const VERB_DAMAGE = 1;
export const VERB_SPEED = 2;
export const VERB_PING = 3;
const TOWERS = 6;
const START_HP = 90;
const MARGIN = 20;
const WALKER_COLOR = 0x66dd88;
const HURT_COLOR = 0xff7755;

/** What the console can change; integers only. */
export class Rules {
  /** Tower range in world units. */
  range = 150;
  /** Hit points a tower takes from each target per frame. */
  damage = 1;
  /** Walkers' speed in percent of their own. */
  speedPercent = 100;
  applied = 0;
  rejected = 0;
  pings = 0;

  /** Applies a parsed command (verb index into VERBS), clamping values to sensible ranges. */
  apply(verb: number, value: number): void {
    this.applied++;
    if (verb === VERB_RANGE) this.range = Math.min(Math.max(value, 40), 400);
    else if (verb === VERB_DAMAGE) this.damage = Math.min(value, 9);
    else if (verb === VERB_SPEED) this.speedPercent = Math.min(Math.max(value, 10), 300);
    else this.pings++;
  }
}

/** A walker crossing the stage from left to right on a wavy lane; respawns when killed. */
export class Walker extends Behaviour {
  id = 0;
  /** Position in world units, kept here as doubles (the transform gets them snapped). */
  x = 0.5;
  y = 0.5;
  /** Distance walked since the left edge. */
  progress = 0.5;
  /** World units per second at 100 %. */
  speed = 0.5;
  lane = 0;
  wave = 0.5;
  hp = START_HP;
  deaths = 0;
  escapes = 0;
  rules: Rules | null = null;
  sprite: Sprite | null = null;

  override update(): void {
    const dt = this.world.time.deltaTime;
    this.progress += ((this.speed * this.rules!.speedPercent) / 100) * dt;
    if (this.progress > STAGE_WIDTH + 2 * MARGIN) {
      this.progress -= STAGE_WIDTH + 2 * MARGIN;
      this.escapes++;
    }
    this.x = this.progress - MARGIN;
    this.y = this.lane + 40 * Math.sin(this.progress * 0.01 + this.wave);
    this.transform.position.set(Math.round(this.x) | 0, Math.round(this.y) | 0);
  }

  /** Takes `damage`; at 0 hit points it starts over at the left edge with full health. */
  hit(damage: number): void {
    this.hp -= damage;
    if (this.hp > 0) {
      if (this.hp < START_HP / 2) this.sprite!.color = HURT_COLOR;
      return;
    }
    this.deaths++;
    this.hp = START_HP;
    this.progress = 0;
    this.x = -MARGIN;
    this.sprite!.color = WALKER_COLOR;
  }
}

/** Squared distance from a walker to a point (no square root: ranges are compared squared). */
export function distanceSquared(walker: Walker, x: number, y: number): number {
  const dx = walker.x - x;
  const dy = walker.y - y;
  return dx * dx + dy * dy;
}

/**
 * A tower's state; each variant extends it with an `update` that picks the nearest walkers in
 * range (nearest first, ties in walker order) and hits them.
 */
export class TowerBase extends Behaviour {
  x = 0;
  y = 0;
  walkers: Walker[] = [];
  rules: Rules | null = null;
  hits = 0;
  /** Id of the walker hit first this frame, or -1. */
  nearest = -1;

  /** Walkers targeted this frame (a renderer would draw a beam to each). */
  targetCount(): number {
    return 0;
  }

  /** This frame's target `i`, nearest first (0 <= i < targetCount()). */
  targetAt(i: number): Walker {
    throw new RangeError('TowerBase.targetAt: no target ' + i);
  }
}

/**
 * The console's script: one line read per frame, as if typed or received. Mostly pings, some
 * settings, some lines that are not commands. Built at setup.
 */
export function buildScript(random: Random): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 64; i++) {
    const roll = random.int(0, 20);
    if (roll < 12) lines.push('ping ' + random.int(0, 10000));
    else if (roll < 14) lines.push('range ' + random.int(80, 260));
    else if (roll < 16) lines.push('damage ' + random.int(1, 4));
    else if (roll < 18) lines.push('speed ' + random.int(50, 200));
    else if (roll < 19) lines.push('speed  ' + random.int(50, 200));
    else lines.push('rnage ' + random.int(0, 99999));
  }
  return lines;
}

/**
 * The console's state; each variant extends it with a `lateUpdate` that parses one line, after
 * the towers have fired, so a command takes effect from the next frame. (In `update` it would be
 * the fifth class whose update the engine's loop calls in a test process that runs both variants;
 * that call site then goes megamorphic, and V8 allocated 96 B in the engine's update loop in the
 * first frame after a full GC.)
 */
export class ConsoleBase extends Behaviour {
  script: string[] = [];
  rules: Rules | null = null;
}

/** The state a variant builds: rules, walkers, towers and the console, in update order. */
export class Battlefield {
  readonly rules = new Rules();
  readonly walkers: Walker[] = [];
  readonly towers: TowerBase[] = [];

  /** Creates `count` walkers, TOWERS towers of class `tower` and a console of class `console`. */
  constructor(world: World, count: number, tower: new () => TowerBase, console: new () => ConsoleBase) {
    const random = world.random;
    for (let i = 0; i < count; i++) {
      const go = world.createGameObject('walker');
      const walker = go.addComponent(Walker);
      walker.id = i;
      walker.rules = this.rules;
      walker.sprite = go.addComponent(Sprite).set('circle', WALKER_COLOR, 8);
      walker.progress = random.range(0, STAGE_WIDTH);
      walker.speed = random.range(40, 90);
      walker.lane = random.int(80, STAGE_HEIGHT - 80);
      walker.wave = random.range(0, Math.PI * 2);
      this.walkers.push(walker);
    }
    for (let i = 0; i < TOWERS; i++) {
      const go = world.createGameObject('tower');
      go.addComponent(Sprite).set('rect', 0x8899ff, 20);
      const t = go.addComponent(tower);
      t.x = Math.round(((i + 0.5) * STAGE_WIDTH) / TOWERS);
      t.y = i % 2 === 0 ? 250 : 470;
      go.transform.position.set(t.x, t.y);
      t.walkers = this.walkers;
      t.rules = this.rules;
      this.towers.push(t);
    }
    const c = world.createGameObject('console').addComponent(console);
    c.script = buildScript(random);
    c.rules = this.rules;
  }

  /** Walkers' progress to 1e-6 and health, towers' hits and nearest target, and the rules. */
  digest(): string {
    const out: string[] = [];
    for (const w of this.walkers) out.push(w.progress.toFixed(6) + ':' + w.hp + ':' + w.deaths + ':' + w.escapes);
    for (const t of this.towers) {
      let targets = '';
      for (let i = 0; i < t.targetCount(); i++) targets += '>' + t.targetAt(i).id;
      out.push(t.hits + targets);
    }
    const r = this.rules;
    out.push([r.range, r.damage, r.speedPercent, r.applied, r.rejected, r.pings].join('/'));
    return out.join(',');
  }
}
