/**
 * What both containers variants share: the flock, its agents, the spatial grid's geometry, the
 * steering and the digest. The variants differ only in the containers they fill each frame: the
 * grid's cell lists, each agent's neighbour list and the set of agents in contact.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, hashText, type GameObject, type World } from '../../src/index.ts';

/** Agents see neighbours within this distance; it is also the grid's cell size. */
export const NEIGHBOUR_RADIUS = 32;
export const NEIGHBOUR_SQ = NEIGHBOUR_RADIUS * NEIGHBOUR_RADIUS;
/** Agents closer than this are in contact (drawn hot). */
export const CONTACT_SQ = 9 * 9;
/** The grid over the stage: cell (cx, cy) has the key cx + cy * GRID_COLUMNS. */
export const GRID_COLUMNS = Math.ceil(STAGE_WIDTH / NEIGHBOUR_RADIUS);
export const GRID_ROWS = Math.ceil(STAGE_HEIGHT / NEIGHBOUR_RADIUS);

const MIN_SPEED = 50;
const MAX_SPEED = 130;
const ALIGN = 1.5;
const COHERE = 0.8;
const SEPARATE = 900;
const COLD_COLOR = 0x4cc9f0;
const HOT_COLOR = 0xf72585;

/** The grid cell key of a position inside the stage. */
function cellKey(x: number, y: number): number {
  const cx = Math.min(GRID_COLUMNS - 1, (x / NEIGHBOUR_RADIUS) | 0);
  const cy = Math.min(GRID_ROWS - 1, (y / NEIGHBOUR_RADIUS) | 0);
  return cx + cy * GRID_COLUMNS;
}

/**
 * One member of the flock. Its neighbours are `neighbours[0..neighbourCount)`, filled each frame by
 * the variant (a new array in the allocating one, the same array in the optimized one).
 */
export class Agent {
  readonly go: GameObject;
  readonly sprite: Sprite;
  x = 0.5;
  y = 0.5;
  vx = 0.5;
  vy = 0.5;
  /** Key of the grid cell the agent is in (see GRID_COLUMNS). */
  cell = 0;
  neighbours: Agent[] = [];
  neighbourCount = 0;
  /** Frame in which the agent last touched another (optimized variant's contact mark). */
  touchFrame = -1;

  constructor(world: World) {
    const random = world.random;
    this.go = world.createGameObject('agent');
    this.sprite = this.go.addComponent(Sprite).set('circle', COLD_COLOR, 6);
    this.x = random.range(0, STAGE_WIDTH);
    this.y = random.range(0, STAGE_HEIGHT);
    const angle = random.range(0, Math.PI * 2);
    this.vx = Math.cos(angle) * MIN_SPEED;
    this.vy = Math.sin(angle) * MIN_SPEED;
    this.cell = cellKey(this.x, this.y);
  }

  /** Shows whether the agent touches another this frame. */
  paint(touching: boolean): void {
    this.sprite.color = touching ? HOT_COLOR : COLD_COLOR;
  }
}

/**
 * The flock's state and the steering both variants share. Each variant's `Flock.update` fills the
 * containers, then calls `steerAll()`.
 */
export class FlockBase extends Behaviour {
  readonly agents: Agent[] = [];
  /** Neighbour pairs seen and agents in contact in the last frame. */
  pairs = 0;
  contacts = 0;

  /**
   * Boids: each agent turns towards its neighbours' heading and centre and away from the closest,
   * keeps its speed between bounds, moves, and wraps around the stage.
   *
   * Written for V8's optimiser as much as for the flock: no function call takes or returns a
   * fractional number, no fractional number is live when a loop starts (the frame time is read
   * inside each loop body), and the clamping and wrapping are branch-free, so no rarely taken
   * branch deoptimises the code late. Code that is not fully optimised boxes fractional numbers
   * at such points (16 B each), which would show up as allocations.
   */
  steerAll(): void {
    const time = this.world.time;
    const agents = this.agents;
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      const dt = time.deltaTime;
      const n = a.neighbourCount;
      let sumVx = 0;
      let sumVy = 0;
      let sumX = 0;
      let sumY = 0;
      let sepX = 0;
      let sepY = 0;
      for (let k = 0; k < n; k++) {
        const b = a.neighbours[k]!;
        sumVx += b.vx;
        sumVy += b.vy;
        sumX += b.x;
        sumY += b.y;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const d2 = dx * dx + dy * dy + 1;
        sepX += dx / d2;
        sepY += dy / d2;
      }
      // An agent without neighbours (has = 0, all sums 0) does not steer.
      const has = n > 0 ? 1 : 0;
      const weight = n > 0 ? 1 / n : 0;
      const ax = ((sumVx * weight - a.vx) * ALIGN + (sumX * weight - a.x) * COHERE) * has + sepX * SEPARATE;
      const ay = ((sumVy * weight - a.vy) * ALIGN + (sumY * weight - a.y) * COHERE) * has + sepY * SEPARATE;
      const vx = a.vx + ax * dt;
      const vy = a.vy + ay * dt;
      const speed = Math.sqrt(vx * vx + vy * vy);
      const scale = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) / (speed > 0 ? speed : 1);
      a.vx = vx * scale;
      a.vy = vy * scale;
    }
    // Move after every agent has steered, so steering reads the positions of one moment.
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      const dt = time.deltaTime;
      let x = a.x + a.vx * dt;
      let y = a.y + a.vy * dt;
      x -= Math.floor(x / STAGE_WIDTH) * STAGE_WIDTH;
      y -= Math.floor(y / STAGE_HEIGHT) * STAGE_HEIGHT;
      a.x = x;
      a.y = y;
      // cellKey(x, y), written out: a call taking fractional numbers could box them.
      a.cell = Math.min(GRID_COLUMNS - 1, (x / NEIGHBOUR_RADIUS) | 0) + Math.min(GRID_ROWS - 1, (y / NEIGHBOUR_RADIUS) | 0) * GRID_COLUMNS;
      // Whole units on the transform: the engine's Vector2 fields box fractional numbers (16 B a write).
      a.go.transform.position.set(x | 0, y | 0);
    }
  }

  /** Counters and every agent's position and velocity, rounded and hashed: equal in both variants. */
  digest(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.agents.length; i++) {
      const a = this.agents[i]!;
      parts.push(a.x.toFixed(6), a.y.toFixed(6), a.vx.toFixed(6), a.vy.toFixed(6));
    }
    return this.pairs + '/' + this.contacts + ' #' + hashText(parts.join(','));
  }
}

/** Adds the flock object with the variant's `Flock` and `size` agents to `world`. */
export function buildFlock<T extends FlockBase>(world: World, size: number, type: new () => T): T {
  const flock = world.createGameObject('flock').addComponent(type);
  for (let i = 0; i < size; i++) flock.agents.push(new Agent(world));
  return flock;
}
