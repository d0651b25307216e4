/**
 * containers, optimized: the flock keeps its containers. The grid Map keeps a key for every cell
 * and only its buckets' counts are reset; neighbour lists are reused arrays with a count; contact
 * is a frame stamp on the agent instead of a Set.
 */
import type { SceneInstance, World } from '../../src/index.ts';
import { buildFlock, CONTACT_SQ, FlockBase, GRID_COLUMNS, GRID_ROWS, NEIGHBOUR_SQ, type Agent } from './shared.ts';

/** A grid cell's agents: `items[0..count)`. Emptied by resetting the count, so its array stays. */
class Bucket {
  readonly items: Agent[] = [];
  count = 0;
}

/** The flock: a spatial grid, neighbour lists and contacts kept in containers made once. */
export class Flock extends FlockBase {
  /** Every cell's bucket, made once: the Map's keys never change (Map.clear() would drop its table). */
  readonly grid = new Map<number, Bucket>();
  /** The same buckets, for resetting them with an indexed loop instead of a Map iterator. */
  readonly buckets: Bucket[] = [];

  constructor() {
    super();
    for (let key = 0; key < GRID_COLUMNS * GRID_ROWS; key++) {
      const bucket = new Bucket();
      this.grid.set(key, bucket);
      this.buckets.push(bucket);
    }
  }

  override update(): void {
    const agents = this.agents;
    const frame = this.world.time.frameCount;

    // 1. The spatial grid: the agents of each occupied cell.
    // FIX: same Map, same buckets; emptying a bucket is `count = 0`, and its array only grows
    // (during warm-up) when a cell holds more agents than it ever did.
    const grid = this.grid;
    for (let b = 0; b < this.buckets.length; b++) this.buckets[b]!.count = 0;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      const cell = grid.get(agent.cell)!;
      cell.items[cell.count++] = agent;
    }

    // 2. Neighbour lists from the 3x3 cells around each agent; 3. the agents in contact.
    // FIX: no Set: an agent in contact gets this frame's number in its touchFrame field.
    let pairs = 0;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      // FIX: the agent's own neighbour array, refilled from index 0; neighbourCount says how far.
      const neighbours = agent.neighbours;
      let n = 0;
      const cx = agent.cell % GRID_COLUMNS;
      const cy = (agent.cell - cx) / GRID_COLUMNS;
      for (let y = cy - 1; y <= cy + 1; y++) {
        if (y < 0 || y >= GRID_ROWS) continue;
        for (let x = cx - 1; x <= cx + 1; x++) {
          if (x < 0 || x >= GRID_COLUMNS) continue;
          const cell = grid.get(x + y * GRID_COLUMNS)!;
          for (let k = 0; k < cell.count; k++) {
            const other = cell.items[k]!;
            if (other === agent) continue;
            const dx = other.x - agent.x;
            const dy = other.y - agent.y;
            const d2 = dx * dx + dy * dy;
            if (d2 >= NEIGHBOUR_SQ) continue;
            neighbours[n] = other;
            n++;
            if (d2 < CONTACT_SQ) agent.touchFrame = frame;
          }
        }
      }
      agent.neighbourCount = n;
      pairs += n;
    }
    this.pairs = pairs;

    this.steerAll();

    let contacts = 0;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      const hot = agent.touchFrame === frame;
      if (hot) contacts++;
      agent.paint(hot);
    }
    this.contacts = contacts;
  }
}

/** Builds the optimized variant: `size` agents. */
export function setup(world: World, size: number): SceneInstance {
  const flock = buildFlock(world, size, Flock);
  return { digest: () => flock.digest() };
}
