/**
 * containers, allocating: every frame the flock builds a new Map of new cell arrays, a new
 * neighbour array per agent and a new Set of the agents in contact, and drops last frame's.
 */
import type { SceneInstance, World } from '../../src/index.ts';
import { buildFlock, CONTACT_SQ, FlockBase, GRID_COLUMNS, GRID_ROWS, NEIGHBOUR_SQ, type Agent } from './shared.ts';

/** The flock: a spatial grid, neighbour lists and contacts rebuilt in new containers every frame. */
export class Flock extends FlockBase {
  /** This frame's containers, kept for the rest of the frame (and until the next one replaces them). */
  grid = new Map<number, Agent[]>();
  touching = new Set<Agent>();

  override update(): void {
    const agents = this.agents;

    // 1. The spatial grid: the agents of each occupied cell.
    // ALLOC: a new Map every frame, and a new array for each occupied cell; growing both
    // reallocates their backing stores. Stored in a field, so they escape.
    const grid = new Map<number, Agent[]>();
    this.grid = grid;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      let cell = grid.get(agent.cell);
      if (cell === undefined) {
        cell = [];
        grid.set(agent.cell, cell);
      }
      cell.push(agent);
    }

    // 2. Neighbour lists from the 3x3 cells around each agent; 3. the agents in contact.
    // ALLOC: a new Set every frame.
    const touching = new Set<Agent>();
    this.touching = touching;
    let pairs = 0;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      // ALLOC: a new neighbour array per agent per frame, kept on the agent until the next frame.
      const neighbours: Agent[] = [];
      agent.neighbours = neighbours;
      let n = 0;
      const cx = agent.cell % GRID_COLUMNS;
      const cy = (agent.cell - cx) / GRID_COLUMNS;
      for (let y = cy - 1; y <= cy + 1; y++) {
        if (y < 0 || y >= GRID_ROWS) continue;
        for (let x = cx - 1; x <= cx + 1; x++) {
          if (x < 0 || x >= GRID_COLUMNS) continue;
          const cell = grid.get(x + y * GRID_COLUMNS);
          if (cell === undefined) continue;
          for (let k = 0; k < cell.length; k++) {
            const other = cell[k]!;
            if (other === agent) continue;
            const dx = other.x - agent.x;
            const dy = other.y - agent.y;
            const d2 = dx * dx + dy * dy;
            if (d2 >= NEIGHBOUR_SQ) continue;
            neighbours.push(other);
            n++;
            if (d2 < CONTACT_SQ) touching.add(agent);
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
      const hot = touching.has(agent);
      if (hot) contacts++;
      agent.paint(hot);
    }
    this.contacts = contacts;
  }
}

/** Builds the allocating variant: `size` agents. */
export function setup(world: World, size: number): SceneInstance {
  const flock = buildFlock(world, size, Flock);
  return { digest: () => flock.digest() };
}
