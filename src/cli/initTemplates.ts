/**
 * The files `alloclab init` writes into a user's project, as strings: they ship in the built
 * package, which has no repository files to read. Their comments are for the user.
 */

/** The extension of the scene and test files: `ts` in an ES module package, `mts` otherwise. */
export type InitExtension = 'ts' | 'mts';

/** What one glob of the config matches: both extensions, so either kind of package works. */
const TESTS = 'alloclab/**/*.alloc.{ts,mts}';
const BROWSER_TESTS = 'alloclab/**/*.browser.alloc.{ts,mts}';

/**
 * `vitest.alloclab.config.ts` (`.mts` outside an ES module package, which Vite would load as
 * CommonJS): a config of its own, so the project's own vite/vitest config is untouched.
 */
export function configTemplate(chromium: boolean): string {
  const lines = [
    '// Allocation tests, written by `alloclab init`: run them with `npm run alloclab:test`.',
    "import { defineConfig } from 'vitest/config';",
    "import { execArgv } from 'alloclab/testing/config';",
    ...(chromium ? ["import { chromiumTestProject } from 'alloclab/testing/browser-config';"] : []),
    '',
    'export default defineConfig({',
    '  test: {',
    '    projects: [',
    '      // Node: exact heap readings need the flags execArgv() gives, in forked workers. Test files are',
    '      // named *.alloc.ts, so that a plain `vitest` (without those flags) does not pick them up.',
    '      {',
    '        test: {',
    "          name: 'alloc-node',",
    "          pool: 'forks',",
    '          execArgv: execArgv(),',
    "          setupFiles: ['alloclab/testing/setup'],",
    "          // A measured run first warms up until the JIT is quiet: more than vitest's default 5 s.",
    '          testTimeout: 60_000,',
    `          include: ['${TESTS}'],`,
    `          exclude: ['${BROWSER_TESTS}'],`,
    '        },',
    '      },',
    ...(chromium
      ? [
          '      // The same tests in headless Chromium: files named *.browser.alloc.ts.',
          `      chromiumTestProject({ name: 'alloc-chromium', include: ['${BROWSER_TESTS}'] }),`,
        ]
      : []),
    '    ],',
    '  },',
    '});',
    '',
  ];
  return lines.join('\n');
}

/** `alloclab/example.scene.ts`: the same work in two variants, one allocating, one not. */
export function sceneTemplate(ext: InitExtension): string {
  return `// An example scene, written by \`alloclab init\`. Make it yours: put your game's per-frame code
// where it says YOUR CODE, in both variants, and measure it with
//   npx alloclab run alloclab/example.scene.${ext} --variant both
import { Behaviour, defineScene, type World } from 'alloclab';

/** What a frame produces and keeps: here a point of a trail; in your game a hit, an event, a path step. */
interface Point {
  x: number;
  y: number;
}

/**
 * How many frames' points are kept. Kept objects outlive their frame (as a game keeps recent hits),
 * so V8 cannot optimise the allocating variant's objects away: they are really allocated.
 */
const RING = 8;

class Mover extends Behaviour {
  readonly allocate: boolean;
  readonly phase: number;
  frame = 0;
  /** The last RING points: the one of frame f is at f % RING. */
  readonly points: Point[] = [];

  constructor(allocate: boolean, phase: number) {
    super();
    this.allocate = allocate;
    this.phase = phase;
    // Before the first frame, so never measured: the optimized variant reuses these objects.
    for (let i = 0; i < RING; i++) this.points.push({ x: 0, y: 0 });
  }

  override update(): void {
    this.frame++;
    // YOUR CODE: the work of a frame. Here the object goes round a circle.
    const t = this.world.time.time + this.phase;
    const x = Math.cos(t) * 100;
    const y = Math.sin(t) * 100;
    this.transform.position.set(x, y);

    const slot = this.frame % RING;
    if (this.allocate) {
      // allocating: a new object every frame.
      this.points[slot] = { x, y };
    } else {
      // optimized: the same values, written into an object made before the first frame.
      const point = this.points[slot]!;
      point.x = x;
      point.y = y;
    }
  }
}

function setup(allocate: boolean) {
  return (world: World, size: number) => {
    const movers: Mover[] = [];
    for (let i = 0; i < size; i++) movers.push(world.createGameObject('mover').addComponent(Mover, allocate, i));
    // The state both variants end in: equal digests say they did the same work (read after the frames).
    return {
      digest: () => {
        let sum = 0;
        for (const mover of movers) for (const point of mover.points) sum += point.x + point.y;
        return String(movers.length) + ' movers, sum ' + sum.toFixed(6);
      },
    };
  };
}

export default defineScene({
  name: 'example',
  description: 'An example scene written by alloclab init: movers that keep their last points',
  // The size is what \`--size\` (CLI) and \`size\` (profileScene) set: here, how many movers.
  size: { default: 100, min: 1, max: 10_000, unit: 'movers' },
  variants: { allocating: setup(true), optimized: setup(false) },
});
`;
}

/** `alloclab/example.alloc.ts` (Node) or `alloclab/example.browser.alloc.ts` (Chromium). */
export function testTemplate(ext: InitExtension, where: 'node' | 'chromium'): string {
  const inChromium = where === 'chromium' ? ' in Chromium' : '';
  return `// An example allocation test, written by \`alloclab init\`: run it with \`npm run alloclab:test\`.
import { expect, it } from 'vitest';
import { profileScene } from 'alloclab/testing';
import scene from './example.scene.${ext}';

// The optimized variant first: its code is compiled before the allocating one has run.
it('the optimized variant allocates nothing per frame${inChromium}', async () => {
  const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
  expect(run).toAllocateNothingPerFrame();
});

// The allocating variant fails that assertion; \`.not\` shows it. A failing run names its worst frames.
it('the allocating variant allocates${inChromium}', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
  expect(run).not.toAllocateNothingPerFrame();
});
`;
}
