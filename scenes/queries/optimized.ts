/**
 * queries, optimized: the swarm finds its orbs once in start(), and each turret reads its mesh's
 * normals once in start() and queries its range with overlapCircleNonAlloc into a buffer of its own.
 */
import { Behaviour, type SceneInstance, type World } from '../../src/index.ts';
import { buildArena, digestArena, KICK, Orb, TURRET_RANGE, TurretBase } from './shared.ts';

/** Moves every orb of the world. */
export class Swarm extends Behaviour {
  private orbs: Orb[] = [];

  override start(): void {
    // FIX: one query, when the swarm starts: no orb is ever added or removed.
    this.orbs = this.world.findObjectsOfType(Orb);
  }

  override update(): void {
    const frame = this.world.time.frameCount;
    // FIX: the array found in start().
    const orbs = this.orbs;
    for (let i = 0; i < orbs.length; i++) orbs[i]!.move(frame);
  }
}

/** Zaps the nearest orb in range, pushing it away from the shield face that points at it. */
export class Turret extends TurretBase {
  /** The orbs in range: `inRange[0..inRangeCount)`, in a buffer made once. */
  inRange: Orb[] = [];
  inRangeCount = 0;
  /** The mesh's normals, read once. */
  private normals: number[] = [];

  override start(): void {
    // FIX: the copying getter is read once: the mesh never changes.
    this.normals = this.mesh.normals;
    // FIX: a result buffer with room for every orb (its contents are overwritten by each query),
    // so the NonAlloc query never has to leave an orb out.
    this.inRange = this.physics.orbs.slice();
  }

  override update(): void {
    const frame = this.world.time.frameCount;
    // FIX: overlapCircleNonAlloc writes into the turret's buffer and returns the count.
    this.inRangeCount = this.physics.overlapCircleNonAlloc(this.x, this.y, TURRET_RANGE, this.inRange);
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
    // FIX: the array read in start(): indexing it copies nothing.
    const normals = this.normals;
    for (let k = 0; k < normals.length; k += 2) {
      const dot = normals[k]! * dx + normals[k + 1]! * dy;
      if (dot > bestDot) {
        bestDot = dot;
        face = k;
      }
    }
    // FIX: same array.
    target.vx += normals[face]! * KICK;
    target.vy += normals[face + 1]! * KICK;
    target.zapFrame = frame;
    this.hits[face >> 1]!++;
  }
}

/** Builds the optimized variant: `size` orbs and six turrets. */
export function setup(world: World, size: number): SceneInstance {
  const { turrets, physics } = buildArena(world, size, Swarm, Turret);
  return { digest: () => digestArena(physics, turrets) };
}
