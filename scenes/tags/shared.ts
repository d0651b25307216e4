/**
 * What both tags variants share: the tags, the drifting objects, the player's path and the digest.
 * The variants differ only in how the radar asks an object for its tag.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, Tags, hashText, type GameObject, type World } from '../../src/index.ts';

/** 'Enemy' is one of the engine's built-in tags; 'Pickup' is this scene's own, defined at load. */
export const ENEMY = 'Enemy';
export const PICKUP = 'Pickup';
Tags.define(PICKUP);

/** The radar sees objects this close to the player... */
export const SENSE_RADIUS = 260;
/** ...collects a pickup this close... */
export const PICK_RADIUS = 26;
/** ...and takes a hit from an enemy this close. */
export const HIT_RADIUS = 20;

const ENEMY_COLOR = 0xef476f;
const TARGET_COLOR = 0xffffff;
const PICKUP_COLOR = 0x06d6a0;
const ROCK_COLOR = 0x6c757d;

/** Shows a game object at (x, y) in whole world units; positions live in the records' own number fields. */
export function place(go: GameObject, x: number, y: number): void {
  go.transform.position.set(x | 0, y | 0);
}

/** An object of the field: an enemy, a pickup or an untagged rock, drifting to the right. */
export class Drifter {
  readonly go: GameObject;
  readonly sprite: Sprite;
  readonly baseColor: number;
  x = 0.5;
  y = 0.5;
  vx = 0.5;
  vy = 0.5;

  constructor(world: World, index: number) {
    const random = world.random;
    const roll = random.next();
    const tag = roll < 0.4 ? ENEMY : roll < 0.7 ? PICKUP : 'Untagged';
    this.go = world.createGameObject('drifter' + index, { tag });
    this.baseColor = tag === ENEMY ? ENEMY_COLOR : tag === PICKUP ? PICKUP_COLOR : ROCK_COLOR;
    this.sprite = this.go.addComponent(Sprite).set(tag === PICKUP ? 'rect' : 'circle', this.baseColor, tag === ENEMY ? 12 : 9);
    this.x = random.range(0, STAGE_WIDTH);
    this.y = random.range(0, STAGE_HEIGHT);
    this.vx = random.range(20, 90);
    this.vy = random.range(-25, 25);
    place(this.go, this.x, this.y);
  }

  /** Drifts, wrapping around the stage edges. */
  move(dt: number): void {
    let x = this.x + this.vx * dt;
    let y = this.y + this.vy * dt;
    if (x > STAGE_WIDTH) x -= STAGE_WIDTH;
    if (y < 0) y += STAGE_HEIGHT;
    else if (y > STAGE_HEIGHT) y -= STAGE_HEIGHT;
    this.x = x;
    this.y = y;
    place(this.go, x, y);
  }

  /**
   * Collected or crashed: re-enters at the left edge. Only a small integer is written: unoptimised
   * code boxes every fractional number it computes, and this path may run too rarely to be optimised.
   */
  respawn(): void {
    this.x = 0;
  }

  /** Highlights the object as the radar's target, or gives it back its own color. */
  mark(targeted: boolean): void {
    this.sprite.color = targeted ? TARGET_COLOR : this.baseColor;
  }
}

/**
 * The radar's state and everything about it both variants do the same way: the player's path,
 * the target highlight and the digest. Each variant's `Radar` adds the scan with its own tag test.
 */
export class RadarBase extends Behaviour {
  readonly drifters: Drifter[] = [];
  /** Player position (the transform shows it in whole units). */
  px = 0.5;
  py = 0.5;
  score = 0;
  damage = 0;
  /** Enemies and pickups within SENSE_RADIUS in the last frame. */
  enemiesSeen = 0;
  pickupsSeen = 0;
  /** Index of the nearest enemy within SENSE_RADIUS, or -1. */
  target = -1;

  /** Moves the player along a slow Lissajous curve around the stage centre. */
  movePlayer(): void {
    const t = this.world.time.time;
    this.px = STAGE_WIDTH / 2 + (STAGE_WIDTH / 2 - 80) * Math.sin(t * 0.37);
    this.py = STAGE_HEIGHT / 2 + (STAGE_HEIGHT / 2 - 60) * Math.sin(t * 0.61);
    place(this.gameObject, this.px, this.py);
  }

  /** Moves the highlight from the previous target to `next` (-1 for none). */
  retarget(next: number): void {
    if (next === this.target) return;
    if (this.target >= 0) this.drifters[this.target]!.mark(false);
    if (next >= 0) this.drifters[next]!.mark(true);
    this.target = next;
  }

  /** Counters, the player and every object, rounded and hashed: equal in both variants. */
  digest(): string {
    const head = [this.score, this.damage, this.enemiesSeen, this.pickupsSeen, this.target].join('/');
    const parts: string[] = [this.px.toFixed(6), this.py.toFixed(6)];
    for (let i = 0; i < this.drifters.length; i++) parts.push(this.drifters[i]!.x.toFixed(6), this.drifters[i]!.y.toFixed(6));
    return head + ' #' + hashText(parts.join(','));
  }
}

/** Adds the player with the variant's radar and `size` drifting objects to `world`. */
export function buildField<T extends RadarBase>(world: World, size: number, type: new () => T): T {
  const player = world.createGameObject('player', { tag: 'Player' });
  player.addComponent(Sprite).set('rect', 0xffd166, 18);
  player.getComponent(Sprite)!.layer = 1;
  const radar = player.addComponent(type);
  for (let i = 0; i < size; i++) radar.drifters.push(new Drifter(world, i));
  return radar;
}
