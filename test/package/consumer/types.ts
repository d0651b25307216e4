// Every import README documents, with the types it shows: `tsc --noEmit` must accept this file
// with moduleResolution "bundler" and with "nodenext".
import { expect } from 'vitest';
import { Behaviour, defineScene, ProfilerMarker, Sprite, Tags, WaitForSeconds, World, type SceneDefinition } from 'alloclab';
import { ManualClock } from 'alloclab/node';
import { attachProfiler, type AttachedProfiler } from 'alloclab/browser';
import { profileFrames, profileScene, type RunResult } from 'alloclab/testing';
import { execArgv } from 'alloclab/testing/config';
import { chromiumTestProject } from 'alloclab/testing/browser-config';
import { alloclabInstrument, alloclabSampling } from 'alloclab/vite';
import AllocLabReporter, { type AllocLabReporterOptions } from 'alloclab/testing/reporter';

const enemyTag = Tags.get('Enemy');
const halfSecond = new WaitForSeconds(0.5);

class Turret extends Behaviour {
  shots = 0;
  override start(): void {
    this.startCoroutine(this.fire());
  }
  *fire() {
    while (true) {
      this.shots++;
      yield halfSecond;
    }
  }
  override update(): void {
    if (this.gameObject.compareTag(enemyTag)) this.transform.rotation += this.world.time.deltaTime;
  }
}

const world = new World({ seed: 7 });
const turret = world.createGameObject('turret', { tag: 'Enemy' });
turret.addComponent(Turret);
turret.addComponent(Sprite).set('rect', 0x33ccff, 24);
new ManualClock(world).run(600);

const scene: SceneDefinition = defineScene({
  name: 'typed',
  description: 'type-checked',
  size: { default: 1, min: 1, max: 1, unit: 'things' },
  variants: { optimized: () => ({ digest: () => '' }) },
});

const marker: ProfilerMarker = new ProfilerMarker('Physics');
marker.begin();
marker.end();

export async function typed(): Promise<void> {
  const run: RunResult = await profileScene(scene, { variant: 'optimized', frames: 600, leaks: true });
  expect(run).toAllocateNothingPerFrame();
  expect(run).toRetainAtMostPerFrame(8);
  const frames: RunResult = await profileFrames(() => marker.begin(), { frames: 500 });
  expect(frames).toAllocateAtMostPerFrame(1024);
  expect(frames).toHaveNoAllocationSitesPerFrame();
  await expect(() => undefined).not.toAllocate();
  const flags: string[] = execArgv();
  const project = chromiumTestProject({ include: ['**/*.browser.test.ts'] });
  const plugin = alloclabInstrument({ include: ['src/game/'] });
  const sampling = alloclabSampling({ debuggingUrl: 'http://127.0.0.1:9222' });
  const attached: AttachedProfiler = attachProfiler();
  attached.detach();
  // The types are real, not `any`: each of these lines must be an error.
  // @ts-expect-error a limit is a number of bytes
  expect(frames).toAllocateAtMostPerFrame('1 KB');
  // @ts-expect-error profileScene takes a scene and options
  await profileScene(scene, { variant: 1 });
  // @ts-expect-error a median is a number
  const median: string = run.bytesPerFrame.median;
  void [flags, project, plugin, sampling, median];
}

// The reporter, as README's "Allocation regressions in CI" configures it.
const reporterOptions: AllocLabReporterOptions = {
  outputFile: 'alloclab-report.json',
  baseline: 'main.json',
  tolerance: { bytes: 8, fraction: 0.01 },
};
export const reporter = new AllocLabReporter(reporterOptions);
