/**
 * Throttle, optimized variant: the leaderboard is rebuilt only when a score changed (its input's
 * version moved), and the status line only when the whole second it shows changes, once a
 * second. Both rebuilds are allocation-free too: the standings are re-sorted in place and every
 * string was built at setup. So the lesson is twofold: do the work less often, and without garbage.
 */
import { Behaviour, type SceneInstance, type World } from '../../src/index.ts';
import {
  ROUND_SECONDS,
  WIN_SCORE,
  buildArena,
  compareStanding,
  formatDigest,
  type Arena,
  type BoardSprites,
  type Collector,
} from './shared.ts';

/** Every string the board can show, built once: scores 0..WIN_SCORE and every second of a round. */
const SCORE_TEXT: string[] = [];
for (let s = 0; s <= WIN_SCORE; s++) SCORE_TEXT.push('gems: ' + s);
const STATUS_TEXT: string[] = [];
// Joined, not concatenated: '+' makes a string of 13 characters or more as a rope (two halves
// joined later), and the first frame that draws it would flatten it into a new string (~30 B in
// Render, once per second shown). join() builds it flat here, at setup.
for (let s = 0; s < ROUND_SECONDS; s++) STATUS_TEXT.push(['ROUND TIME ', s, ' s'].join(''));

/** Builds the board's text from the arena's state, in LateUpdate (after the scores changed). */
class Leaderboard extends Behaviour {
  arena: Arena | null = null;
  board: BoardSprites | null = null;
  /** The standings the board shows, best first. */
  standings: Collector[] = [];
  /** How many times the board was rebuilt. */
  rebuilds = 0;
  /** The inputs the board and the status line were last built from. */
  seenVersion = -1;
  shownSeconds = -1;

  init(arena: Arena, board: BoardSprites): void {
    this.arena = arena;
    this.board = board;
    this.standings = arena.collectors.slice();
  }

  override lateUpdate(): void {
    // FIX: only when a score changed...
    if (this.arena!.scoreVersion !== this.seenVersion) {
      this.seenVersion = this.arena!.scoreVersion;
      this.refreshBoard();
    }
    // FIX: ...and only when the shown second changed (a once-a-second timer, in effect).
    const seconds = this.arena!.second;
    if (seconds !== this.shownSeconds) {
      this.shownSeconds = seconds;
      this.refreshStatus(seconds);
    }
  }

  refreshBoard(): void {
    this.rebuilds++;
    const board = this.board!;
    // FIX: the same array re-sorted in place: insertion sort, no scratch, fast on a nearly sorted list.
    insertionSort(this.standings);
    for (let r = 0; r < board.names.length; r++) {
      const c = this.standings[r]!;
      board.names[r]!.text = c.name;
      // FIX: a string from the table built at setup.
      board.scores[r]!.text = SCORE_TEXT[c.score]!;
    }
  }

  refreshStatus(seconds: number): void {
    // FIX: a string from the table built at setup.
    this.board!.status.text = STATUS_TEXT[seconds]!;
  }
}

/** Sorts `list` in place by standing; stable, like Array.prototype.sort, so both orders agree. */
function insertionSort(list: Collector[]): void {
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i - 1;
    while (j >= 0 && compareStanding(list[j]!, item) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = item;
  }
}

/** Builds the arena with `size` collectors and a leaderboard rebuilt only when needed. */
export function setupOptimized(world: World, size: number): SceneInstance & { readonly boardRebuilds: number } {
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
