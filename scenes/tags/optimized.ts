/**
 * tags, optimized: the radar asks `other.compareTag(handle)` with tag handles looked up once at
 * load, as Unity's `CompareTag`: handles are compared by identity and nothing is allocated.
 */
import { Tags, type SceneInstance, type World } from '../../src/index.ts';
import { buildField, ENEMY, HIT_RADIUS, PICK_RADIUS, PICKUP, RadarBase, SENSE_RADIUS } from './shared.ts';

// FIX: the handles of the tags the radar looks for, looked up once when the module loads.
const enemyTag = Tags.get(ENEMY);
const pickupTag = Tags.get(PICKUP);

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
      // FIX: compareTag compares the object's tag handle with ours by identity: no string is made,
      // however many objects are checked.
      if (other.compareTag(enemyTag)) {
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
        // FIX: the second test, again by handle.
      } else if (other.compareTag(pickupTag)) {
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

/** Builds the optimized variant: `size` drifting objects, about 40% enemies and 30% pickups. */
export function setup(world: World, size: number): SceneInstance {
  const radar = buildField(world, size, Radar);
  return { digest: () => radar.digest() };
}
