// pipelines, allocating variant: each tower picks its targets with a filter/map/sort/slice chain,
// and the console builds a RegExp per frame to parse a line. Diff it with optimized.ts.
import type { SceneInstance, World } from '../../src/index.ts';
import { Battlefield, COMMAND_SOURCE, ConsoleBase, distanceSquared, MAX_TARGETS, TowerBase, VERBS, type Walker } from './shared.ts';

/** A candidate target and its squared distance. */
interface Candidate {
  walker: Walker;
  d2: number;
}

/** Hits its nearest walkers in range, nearest first. */
class Tower extends TowerBase {
  /** This frame's targets, kept until the next frame (for a renderer to draw beams, say). */
  private _targets: Candidate[] = [];

  override update(): void {
    const rules = this.rules!;
    const rangeSq = rules.range * rules.range;
    // ALLOC: the chain builds three arrays (filter, map, slice) and an object per walker in
    // range, plus a function object for each of the three callbacks, and sort allocates scratch
    // space. The result is kept in _targets until the next frame, so it escapes.
    const targets = this.walkers
      .filter((w) => distanceSquared(w, this.x, this.y) <= rangeSq)
      .map((w) => ({ walker: w, d2: distanceSquared(w, this.x, this.y) }))
      .sort((a, b) => a.d2 - b.d2)
      .slice(0, MAX_TARGETS);
    this._targets = targets;
    const count = targets.length;
    this.nearest = count > 0 ? targets[0]!.walker.id : -1;
    for (let i = 0; i < count; i++) {
      targets[i]!.walker.hit(rules.damage);
      this.hits++;
    }
  }

  override targetCount(): number {
    return this._targets.length;
  }

  override targetAt(i: number): Walker {
    return this._targets[i]!.walker;
  }
}

/** Reads one line of the script per frame and applies it when it is a command. */
class Console extends ConsoleBase {
  /** The latest match, kept for a debug overlay. */
  lastMatch: RegExpExecArray | null = null;

  override lateUpdate(): void {
    const line = this.script[this.world.time.frameCount % this.script.length]!;
    // ALLOC: a RegExp object built from its source every frame, then exec's match array with a
    // new string for the whole match and each group; the match is kept in lastMatch.
    const match = new RegExp(COMMAND_SOURCE).exec(line);
    this.lastMatch = match;
    if (match === null) {
      this.rules!.rejected++;
      return;
    }
    this.rules!.apply(VERBS.indexOf(match[1]!), parseInt(match[2]!, 10));
  }
}

/** Sets up the allocating variant: `size` walkers, six towers and the console. */
export function setupAllocating(world: World, size: number): SceneInstance {
  return new Battlefield(world, size, Tower, Console);
}
