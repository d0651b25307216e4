/**
 * Throttle, allocating variant: the leaderboard and the status line are rebuilt in every frame,
 * whether or not anything they show has changed. Each rebuild makes a sorted copy of the
 * collectors and new strings for every row and for the status line, and keeps them: about ten
 * objects per frame for a board that changes a few times a second.
 */
import { Behaviour, type SceneInstance, type World } from '../../src/index.ts';
import { buildArena, compareStanding, formatDigest, type Arena, type BoardSprites, type Collector } from './shared.ts';

/** Builds the board's text from the arena's state, in LateUpdate (after the scores changed). */
class Leaderboard extends Behaviour {
  arena: Arena | null = null;
  board: BoardSprites | null = null;
  /** The standings the board shows, best first. */
  standings: Collector[] = [];
  /** How many times the board was rebuilt. */
  rebuilds = 0;

  init(arena: Arena, board: BoardSprites): void {
    this.arena = arena;
    this.board = board;
  }

  override lateUpdate(): void {
    // Every frame, needed or not.
    this.refreshBoard();
    this.refreshStatus(this.arena!.second);
  }

  refreshBoard(): void {
    this.rebuilds++;
    const board = this.board!;
    // ALLOC: a copy of the collector list, sorted (the sort allocates its own scratch too), kept as the standings.
    this.standings = this.arena!.collectors.slice().sort(compareStanding);
    for (let r = 0; r < board.names.length; r++) {
      const c = this.standings[r]!;
      board.names[r]!.text = c.name;
      // ALLOC: a new string per row, kept by the sprite until the next frame replaces it.
      board.scores[r]!.text = 'gems: ' + c.score;
    }
  }

  refreshStatus(seconds: number): void {
    // ALLOC: a new status string, kept by the sprite.
    this.board!.status.text = 'ROUND TIME ' + seconds + ' s';
  }
}

/** Builds the arena with `size` collectors and a leaderboard rebuilt every frame. */
export function setupAllocating(world: World, size: number): SceneInstance & { readonly boardRebuilds: number } {
  const { arena, board } = buildArena(world, size);
  const view = world.createGameObject('leaderboard').addComponent(Leaderboard);
  view.init(arena, board);
  return {
    digest: () => formatDigest(arena, board),
    get boardRebuilds() {
      return view.rebuilds;
    },
  };
}
