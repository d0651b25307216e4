// pipelines, optimized variant: each tower keeps its nearest walkers in a small sorted buffer
// filled in one pass, and the console tests a RegExp compiled once and reads the numbers by hand.
import type { SceneInstance, World } from '../../src/index.ts';
import {
  Battlefield,
  COMMAND_SOURCE,
  ConsoleBase,
  distanceSquared,
  MAX_TARGETS,
  TowerBase,
  VERB_DAMAGE,
  VERB_PING,
  VERB_RANGE,
  VERB_SPEED,
  type Walker,
} from './shared.ts';

/** Hits its nearest walkers in range, nearest first. */
class Tower extends TowerBase {
  /** This frame's targets, nearest first: the first `_count` entries of buffers made once. */
  private readonly _targets: (Walker | null)[] = new Array(MAX_TARGETS).fill(null);
  private readonly _d2 = new Float64Array(MAX_TARGETS);
  private _count = 0;

  override update(): void {
    const rules = this.rules!;
    const rangeSq = rules.range * rules.range;
    // FIX: one pass over the walkers, inserting each one in range into a sorted buffer of the
    // MAX_TARGETS nearest (an insertion sort of at most three entries). Equal distances keep
    // walker order, as the stable sort does, so both variants pick the same targets.
    const targets = this._targets;
    const d2s = this._d2;
    const walkers = this.walkers;
    let count = 0;
    for (let i = 0; i < walkers.length; i++) {
      const w = walkers[i]!;
      const d2 = distanceSquared(w, this.x, this.y);
      if (d2 > rangeSq || (count === MAX_TARGETS && d2 >= d2s[MAX_TARGETS - 1]!)) continue;
      let p = count < MAX_TARGETS ? count++ : MAX_TARGETS - 1;
      for (; p > 0 && d2s[p - 1]! > d2; p--) {
        d2s[p] = d2s[p - 1]!;
        targets[p] = targets[p - 1]!;
      }
      d2s[p] = d2;
      targets[p] = w;
    }
    this._count = count;
    this.nearest = count > 0 ? targets[0]!.id : -1;
    for (let i = 0; i < count; i++) {
      targets[i]!.hit(rules.damage);
      this.hits++;
    }
  }

  override targetCount(): number {
    return this._count;
  }

  override targetAt(i: number): Walker {
    return this._targets[i]!;
  }
}

/** Reads one line of the script per frame and applies it when it is a command. */
class Console extends ConsoleBase {
  override lateUpdate(): void {
    const line = this.script[this.world.time.frameCount % this.script.length]!;
    // FIX: the RegExp is compiled once (below); test() answers without building a match, and
    // the verb and the number are read with charCodeAt, which returns plain integers.
    if (!COMMAND.test(line)) {
      this.rules!.rejected++;
      return;
    }
    this.rules!.apply(verbOf(line), numberAfterSpace(line));
  }
}

/** The verb of a line COMMAND accepted: its first letter tells them apart. */
function verbOf(line: string): number {
  const c = line.charCodeAt(0);
  return c === 114 /* r */ ? VERB_RANGE : c === 100 /* d */ ? VERB_DAMAGE : c === 115 /* s */ ? VERB_SPEED : VERB_PING;
}

/** The decimal number after the line's first space (COMMAND accepted it: digits only). */
function numberAfterSpace(line: string): number {
  let value = 0;
  for (let i = line.indexOf(' ') + 1; i < line.length; i++) value = value * 10 + (line.charCodeAt(i) - 48);
  return value;
}

// Compiled once for the module: a non-global RegExp keeps no state between test() calls.
const COMMAND = new RegExp(COMMAND_SOURCE);

/** Sets up the optimized variant: `size` walkers, six towers and the console. */
export function setupOptimized(world: World, size: number): SceneInstance {
  return new Battlefield(world, size, Tower, Console);
}
