/**
 * queries, allocating: the swarm asks for every Orb with findObjectsOfType each frame, and each
 * turret queries its range with overlapCircleAll and reads its mesh's copying `normals` getter in
 * a loop.
 */
import { Behaviour, type SceneInstance, type World } from '../../src/index.ts';
import { buildArena, digestArena, KICK, Orb, TURRET_RANGE, TurretBase } from './shared.ts';

/** Moves every orb of the world. */
export class Swarm extends Behaviour {
  override update(): void {
    const frame = this.world.time.frameCount;
    // ALLOC: findObjectsOfType walks every behaviour and returns a NEW array of the orbs, every
    // frame, although the set of orbs never changes.
    const orbs = this.world.findObjectsOfType(Orb);
    for (let i = 0; i < orbs.length; i++) orbs[i]!.move(frame);
  }
}

/** Zaps the nearest orb in range, pushing it away from the shield face that points at it. */
export class Turret extends TurretBase {
  /** The orbs in range, from this frame's query. */
  inRange: Orb[] = [];
  inRangeCount = 0;

  override update(): void {
    const frame = this.world.time.frameCount;
    // ALLOC: overlapCircleAll returns a NEW array per query (kept in a field until the next one).
    this.inRange = this.physics.overlapCircleAll(this.x, this.y, TURRET_RANGE);
    this.inRangeCount = this.inRange.length;
    const inRange = this.inRange;
    const count = this.inRangeCount;
    this.seen = count;

    let target: Orb | null = null;
    let bestSq = Infinity;
    for (let i = 0; i < count; i++) {
      const orb = inRange[i]!;
      const dx = orb.x - this.x;
      const dy = orb.y - this.y;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestSq) {
        bestSq = d2;
        target = orb;
      }
    }
    if (target === null) return;

    const dx = target.x - this.x;
    const dy = target.y - this.y;
    let face = 0;
    let bestDot = -Infinity;
    // ALLOC: every read of `mesh.normals` copies the array: once per loop test and twice per
    // iteration (the mistake the article shows with Unity's Mesh.normals).
    for (let k = 0; k < this.mesh.normals.length; k += 2) {
      const dot = this.mesh.normals[k]! * dx + this.mesh.normals[k + 1]! * dy;
      if (dot > bestDot) {
        bestDot = dot;
        face = k;
      }
    }
    // ALLOC: two more copies.
    target.vx += this.mesh.normals[face]! * KICK;
    target.vy += this.mesh.normals[face + 1]! * KICK;
    target.zapFrame = frame;
    this.hits[face >> 1]!++;
  }
}

/** Builds the allocating variant: `size` orbs and six turrets. */
export function setup(world: World, size: number): SceneInstance {
  const { turrets, physics } = buildArena(world, size, Swarm, Turret);
  return { digest: () => digestArena(physics, turrets) };
}
