import { describe, it, expect } from 'vitest';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun } from '../../src/node/measureRun.ts';
import { FrameCollector } from '../../src/profiler/FrameCollector.ts';
import { JitWatch } from '../../src/node/JitWatch.ts';
import { buildSiteResults } from '../../src/profiler/siteResults.ts';
import { sites } from '../../src/profiler/sites/runtime.ts';
import { keepPair, lengthSquared, makePoint } from '../fixtures/sites/counted.ts';

// Imported for its site: the verdict test below uses its id.
void lengthSquared;

const FILE = 'test/fixtures/sites/counted.ts';
// Results of makePoint, so that its objects escape and are really allocated.
const points: unknown[] = new Array(16).fill(null);

describe('allocation sites in the profiler', () => {
  it('counts each site per frame, with file, line and an estimate beside the measured bytes', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    let frame = 0;
    const { result } = await measureRun(node, {
      scene: 'sites',
      variant: 'known',
      mode: 'production',
      frames: 400,
      warmup: 200,
      keepPerFrame: true,
      step: () => {
        profiler.beginFrame(16);
        for (let i = 0; i < 3; i++) points[i] = makePoint(i, frame);
        if ((frame & 1) === 0) keepPair(frame, 1);
        frame++;
        profiler.endFrame();
      },
    });
    const sites = result.sites!;
    expect(sites).toBeDefined();
    const point = sites.list.find((s) => s.functionName === 'makePoint')!;
    expect(point).toMatchObject({ file: FILE, line: 6, column: 10, kind: 'object', countPerFrame: 3, maxPerFrame: 3, framesHit: 400 });
    const pair = sites.list.find((s) => s.functionName === 'keepPair')!;
    expect(pair).toMatchObject({ file: FILE, line: 12, kind: 'array', maxPerFrame: 1, framesHit: 200, countPerFrame: 0.5 });
    // Hits per frame alternate 3 and 4 (every other frame keeps a pair).
    expect(sites.countPerFrame.min).toBe(3);
    expect(sites.countPerFrame.max).toBe(4);
    expect(result.perFrameSiteHits!.length).toBe(400);
    // Both sites' objects escape: the measured bytes are real and the verdict says so.
    expect(point.optimizer).toBe('allocated');
    expect(point.estimatedBytesEach).toBeGreaterThan(0);
    expect(sites.reconciliation.measuredBytesPerFrame).toBeGreaterThan(0);
    expect(sites.reconciliation.estimatedBytesPerFrame).toBeGreaterThan(0);
  });

  it('adds no bytes of its own: the heap across whole frames grows by the sum of the frames', async () => {
    const node = createNodeProfiler();
    const { profiler, clock, meter } = node;
    const step = (): void => {
      profiler.beginFrame(16);
      for (let i = 0; i < 3; i++) points[i] = makePoint(i, 2);
      profiler.endFrame();
    };
    await measureRun(node, { scene: 'sites', variant: 'gaps', mode: 'production', frames: 100, warmup: 300, step });
    // Between frames the counter scans the sites that fired; growth outside the frames is its cost.
    const samples = new Float64Array(meter.sampleSize * 2);
    const jit = new JitWatch();
    const seen: number[] = [];
    let outside = Number.NaN;
    for (let round = 0; round < 20 && outside !== 0; round++) {
      jit.changed();
      const collector = new FrameCollector(profiler.recorder, clock, meter);
      meter.sample(samples, 0);
      for (let i = 0; i < 1000; i++) step();
      meter.sample(samples, meter.sampleSize);
      collector.drain();
      const grown = meter.toBytes(samples, meter.sampleSize) - meter.toBytes(samples, 0);
      // A round with a GC inside (the heap shrank somewhere), or in which V8 installed compiled code
      // (it allocates for it wherever the program is), says nothing: try again.
      if (jit.changed() || grown < 0 || collector.bytes.some((b) => b < 0)) continue;
      outside = grown - collector.bytes.reduce((a, b) => a + b, 0);
      seen.push(outside);
      expect(collector.siteHits.every((hits) => hits === 3)).toBe(true);
    }
    expect(outside, `bytes outside the frames in the rounds measured: ${seen.join(', ')}`).toBe(0);
  });

  it('says which sites the optimiser removed, from the measured bytes of the frames they fired in', () => {
    const registered = sites();
    const idOf = (name: string) => registered.find((s) => s.file === FILE && s.functionName === name)!.id;
    const removed = idOf('lengthSquared');
    const kept = idOf('makePoint');
    // Four frames: [removed] 0 B, [removed, kept] 40 B, [kept] 40 B, [removed] unmeasured (GC).
    const frames = {
      bytes: [0, 40, 40, -1000],
      siteHits: [2, 3, 1, 2],
      sitePairStart: [0, 1, 3, 4],
      pairSite: [removed, removed, kept, kept, removed],
      pairHits: [2, 2, 1, 1, 2],
    };
    const collector = Object.assign(Object.create(FrameCollector.prototype) as FrameCollector, frames);
    const result = buildSiteResults(collector, new Set([3]), 'node', 0)!;
    const byId = new Map(result.list.map((s) => [s.id, s]));
    expect(byId.get(removed)).toMatchObject({ framesHit: 3, countPerFrame: 1.5, maxPerFrame: 2, optimizer: 'sometimes-removed' });
    expect(byId.get(kept)).toMatchObject({ framesHit: 2, countPerFrame: 0.5, optimizer: 'allocated' });
    expect(result.framesWithHits).toBe(4);
    expect(result.countPerFrame).toMatchObject({ min: 1, max: 3 });
    // Measured over the three frames with a byte figure; estimated from the counts in those frames.
    expect(result.reconciliation.measuredBytesPerFrame).toBeCloseTo(80 / 3, 9);
    const each = (id: number) => byId.get(id)!.estimatedBytesEach;
    expect(result.reconciliation.estimatedBytesPerFrame).toBeCloseTo((4 * each(removed) + 2 * each(kept)) / 3, 9);

    const onlyZero = buildSiteResults(
      Object.assign(Object.create(FrameCollector.prototype) as FrameCollector, {
        bytes: [0, 0],
        siteHits: [2, 2],
        sitePairStart: [0, 1],
        pairSite: [removed, removed],
        pairHits: [2, 2],
      }),
      new Set(),
      'node',
      0,
    )!;
    expect(onlyZero.list[0]).toMatchObject({ id: removed, optimizer: 'removed' });
    const onlyUnmeasured = buildSiteResults(
      Object.assign(Object.create(FrameCollector.prototype) as FrameCollector, {
        bytes: [-8],
        siteHits: [2],
        sitePairStart: [0],
        pairSite: [removed],
        pairHits: [2],
      }),
      new Set([0]),
      'node',
      0,
    )!;
    expect(onlyUnmeasured.list[0]!.optimizer).toBe('unmeasured');
  });

  it('records one pair per firing site, and none in a frame where no site fired', () => {
    const { profiler, clock, meter } = createNodeProfiler({ frameCapacity: 4 });
    const collector = new FrameCollector(profiler.recorder, clock, meter);
    profiler.beginFrame(16);
    points[0] = makePoint(1, 2);
    profiler.endFrame();
    profiler.beginFrame(16);
    profiler.endFrame();
    collector.drain();
    expect(collector.siteHits).toEqual([1, 0]);
    const seen: Array<[number, number]> = [];
    collector.forEachSitePair(0, (site, hits) => seen.push([site, hits]));
    expect(seen).toHaveLength(1);
    expect(seen[0]![1]).toBe(1);
    collector.forEachSitePair(1, () => expect.fail('no site fired in the second frame'));
  });
});
