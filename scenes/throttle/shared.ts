/**
 * What both throttle variants share: the gem-collecting arena (collectors on Lissajous paths pick
 * up gems; the first to WIN_SCORE wins the round), its sprites, the leaderboard's text sprites and
 * the digest. Only when and how the leaderboard and the status line are rebuilt differs.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** A round ends when someone has this many gems, or after ROUND_SECONDS. */
export const WIN_SCORE = 6;
export const ROUND_SECONDS = 60;
/** Gems on the field at once, and the pick-up distance. */
export const GEM_COUNT = 12;
const PICKUP_RADIUS = 32;
/** Rows of the leaderboard. */
export const BOARD_ROWS = 8;
/** Spots a picked-up gem reappears at, drawn at setup and used in turn. */
const GEM_SPOTS = 64;

const CENTER_X = STAGE_WIDTH * 0.6;
const CENTER_Y = STAGE_HEIGHT * 0.5;

/** One collector: a Lissajous path drawn at setup, its score in the round and its round wins. */
export class Collector {
  readonly id: number;
  readonly name: string;
  score = 0;
  /** Frame at which the current score was reached: the earlier, the higher on the board. */
  scoredFrame = 0;
  wins = 0;
  /** Path parameters and position. Fractional fields start as doubles, so V8 keeps them unboxed. */
  ax = 0.5;
  ay = 0.5;
  wx = 0.5;
  wy = 0.5;
  phase = 0.5;
  x = 0.5;
  y = 0.5;
  readonly sprite: Sprite;

  constructor(world: World, id: number) {
    const random = world.random;
    this.id = id;
    this.name = 'Player ' + (id + 1);
    this.ax = random.range(120, 480);
    this.ay = random.range(80, 300);
    this.wx = random.range(0.5, 1.5);
    this.wy = random.range(0.5, 1.5);
    this.phase = random.range(0, Math.PI * 2);
    this.sprite = world.createGameObject(this.name).addComponent(Sprite).set('circle', 0x4cc9f0, 12);
  }
}

/** Standing order on the board: more gems first, then who got there first, then id. */
export function compareStanding(a: Collector, b: Collector): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.scoredFrame !== b.scoredFrame) return a.scoredFrame - b.scoredFrame;
  return a.id - b.id;
}

/** The arena's state: what the leaderboard and the status line are built from. */
export class Arena {
  readonly collectors: Collector[] = [];
  /**
   * Gem positions are whole world units (Int32Array): the code that moves a gem runs a few times
   * a second, too rarely for V8 to optimise it, and unoptimised code boxes every double it touches.
   */
  readonly gemX = new Int32Array(GEM_COUNT);
  readonly gemY = new Int32Array(GEM_COUNT);
  readonly gemSprites: Sprite[] = [];
  readonly spotX = new Int32Array(GEM_SPOTS);
  readonly spotY = new Int32Array(GEM_SPOTS);
  nextSpot = 0;
  round = 1;
  /** Time (s) the current round began; a double from the start. */
  roundStart = 0.5;
  /**
   * Whole seconds since the round began (0 to ROUND_SECONDS - 1), as the status line shows them.
   * Computed by the hot simulation loop, so the views, which run once a frame and may stay
   * unoptimised, read a small integer and never touch a double.
   */
  second = 0;
  pickups = 0;
  /** Bumped whenever a score changes: the input the leaderboard depends on. */
  scoreVersion = 0;

  constructor(world: World, collectors: number) {
    this.roundStart = 0;
    for (let i = 0; i < GEM_SPOTS; i++) {
      this.spotX[i] = world.random.int(CENTER_X - 460, CENTER_X + 460);
      this.spotY[i] = world.random.int(CENTER_Y - 300, CENTER_Y + 300);
    }
    for (let g = 0; g < GEM_COUNT; g++) {
      this.gemSprites.push(world.createGameObject('gem').addComponent(Sprite).set('rect', 0xffd166, 10));
      this.respawnGem(g);
    }
    for (let i = 0; i < collectors; i++) this.collectors.push(new Collector(world, i));
  }

  /** Moves gem `g` to the next precomputed spot. */
  respawnGem(g: number): void {
    const spot = this.nextSpot;
    this.nextSpot = (spot + 1) % GEM_SPOTS;
    this.gemX[g] = this.spotX[spot]!;
    this.gemY[g] = this.spotY[spot]!;
    this.gemSprites[g]!.transform.position.set(this.gemX[g]!, this.gemY[g]!);
  }
}

/** Moves the collectors, hands out gems and ends rounds. Allocates nothing. */
export class ArenaSim extends Behaviour {
  arena: Arena | null = null;

  override update(): void {
    const arena = this.arena!;
    const time = this.world.time.time;
    const frame = this.world.time.frameCount;
    const collectors = arena.collectors;
    for (let i = 0; i < collectors.length; i++) {
      const c = collectors[i]!;
      c.x = CENTER_X + c.ax * Math.sin(c.wx * time + c.phase);
      c.y = CENTER_Y + c.ay * Math.sin(c.wy * time);
      // Whole units: the engine's Vector2 fields are tagged, so fractions would be boxed.
      c.sprite.transform.position.set(Math.round(c.x) | 0, Math.round(c.y) | 0);
    }
    for (let g = 0; g < GEM_COUNT; g++) {
      for (let i = 0; i < collectors.length; i++) {
        const c = collectors[i]!;
        const dx = c.x - arena.gemX[g]!;
        const dy = c.y - arena.gemY[g]!;
        if (dx * dx + dy * dy > PICKUP_RADIUS * PICKUP_RADIUS) continue;
        c.score++;
        c.scoredFrame = frame;
        arena.pickups++;
        arena.scoreVersion++;
        arena.respawnGem(g);
        break;
      }
    }
    if (this.leader().score >= WIN_SCORE || time - arena.roundStart >= ROUND_SECONDS) {
      // The double is stored here, in the hot function, not passed to endRound: a double passed
      // to a call V8 did not inline is boxed.
      arena.roundStart = time;
      this.endRound();
    }
    const second = Math.floor(time - arena.roundStart + 1e-9);
    arena.second = second >= ROUND_SECONDS ? ROUND_SECONDS - 1 : second | 0;
  }

  /** The collector first in standing order. */
  leader(): Collector {
    const collectors = this.arena!.collectors;
    let best = collectors[0]!;
    for (let i = 1; i < collectors.length; i++) if (compareStanding(collectors[i]!, best) < 0) best = collectors[i]!;
    return best;
  }

  endRound(): void {
    const arena = this.arena!;
    this.leader().wins++;
    for (let i = 0; i < arena.collectors.length; i++) {
      arena.collectors[i]!.score = 0;
      arena.collectors[i]!.scoredFrame = 0;
    }
    arena.round++;
    arena.scoreVersion++;
  }
}

/** The leaderboard's text sprites: rank labels (static), names and scores, and the status line. */
export class BoardSprites {
  readonly names: Sprite[] = [];
  readonly scores: Sprite[] = [];
  readonly status: Sprite;

  constructor(world: World, rows: number) {
    for (let r = 0; r < rows; r++) {
      const y = 60 + r * 24;
      text(world, 20, y, r + 1 + '.');
      this.names.push(text(world, 56, y, ''));
      this.scores.push(text(world, 180, y, ''));
    }
    this.status = text(world, 20, 24, '');
  }
}

function text(world: World, x: number, y: number, value: string): Sprite {
  const sprite = world.createGameObject('text').addComponent(Sprite).set('text', 0xe8e8e8, 16);
  sprite.text = value;
  sprite.layer = 10;
  sprite.transform.position.set(x, y);
  return sprite;
}

/** The digest both variants build: rounds, wins, scores, positions and every text shown. */
export function formatDigest(arena: Arena, board: BoardSprites): string {
  const parts: string[] = [String(arena.round), String(arena.pickups)];
  for (const c of arena.collectors) parts.push(c.name + ':' + c.wins + '/' + c.score + '@' + c.x.toFixed(6) + ',' + c.y.toFixed(6));
  for (let r = 0; r < board.names.length; r++) parts.push(board.names[r]!.text + '=' + board.scores[r]!.text);
  parts.push(board.status.text);
  return parts.join('|');
}

/** Builds the arena, its simulation and the board's sprites (the variant adds its view). */
export function buildArena(world: World, collectors: number): { arena: Arena; board: BoardSprites } {
  const arena = new Arena(world, collectors);
  world.createGameObject('arena').addComponent(ArenaSim).arena = arena;
  const board = new BoardSprites(world, Math.min(BOARD_ROWS, collectors));
  return { arena, board };
}
