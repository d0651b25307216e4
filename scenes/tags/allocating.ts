/**
 * tags, allocating: the radar compares `other.tag` with a string, as Unity code often does with
 * `gameObject.tag == "Enemy"`. The getter builds a new string on every read.
 */
import type { SceneInstance, World } from '../../src/index.ts';
import { buildField, ENEMY, HIT_RADIUS, PICK_RADIUS, PICKUP, RadarBase, SENSE_RADIUS } from './shared.ts';

// The tags the radar looks for, kept as names.
const enemyTag = ENEMY;
const pickupTag = PICKUP;

const SENSE_SQ = SENSE_RADIUS * SENSE_RADIUS;
const PICK_SQ = PICK_RADIUS * PICK_RADIUS;
const HIT_SQ = HIT_RADIUS * HIT_RADIUS;

/** The player's radar: moves the field, then sorts every object by its tag. */
export class Radar extends RadarBase {
  override update(): void {
    const dt = this.world.time.deltaTime;
    this.movePlayer();
    const px = this.px;
    const py = this.py;
    const drifters = this.drifters;
    let enemies = 0;
    let pickups = 0;
    let nearest = -1;
    let nearestSq = SENSE_SQ;
    for (let i = 0; i < drifters.length; i++) {
      const drifter = drifters[i]!;
      drifter.move(dt);
      const other = drifter.go;
      const dx = drifter.x - px;
      const dy = drifter.y - py;
      const distanceSq = dx * dx + dy * dy;
      // ALLOC: `other.tag` returns a new string per read (24 B for 'Enemy'), as Unity's getter does;
      // every object costs one read, and a second one below when it is not an enemy.
      if (other.tag === enemyTag) {
        if (distanceSq < HIT_SQ) {
          this.damage++;
          drifter.respawn();
        } else if (distanceSq < SENSE_SQ) {
          enemies++;
          if (distanceSq < nearestSq) {
            nearestSq = distanceSq;
            nearest = i;
          }
        }
        // ALLOC: the second read, another new string.
      } else if (other.tag === pickupTag) {
        if (distanceSq < PICK_SQ) {
          this.score++;
          drifter.respawn();
        } else if (distanceSq < SENSE_SQ) pickups++;
      }
    }
    this.enemiesSeen = enemies;
    this.pickupsSeen = pickups;
    this.retarget(nearest);
  }
}

/** Builds the allocating variant: `size` drifting objects, about 40% enemies and 30% pickups. */
export function setup(world: World, size: number): SceneInstance {
  const radar = buildField(world, size, Radar);
  return { digest: () => radar.digest() };
}
