import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync, readdirSync, mkdirSync, symlinkSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ProfilerMarker } from '../../src/profiler/ProfilerMarker.ts';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun } from '../../src/node/measureRun.ts';
import { toChromeTrace, type TraceEvent } from '../../src/profiler/exports/chromeTrace.ts';
import { toRunFile, stringifyRunFile, parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { writeFileAtomic } from '../../src/node/writeFileAtomic.ts';
import { tempDir } from '../tempDir.ts';

const update = new ProfilerMarker('Export.Update');
const physics = new ProfilerMarker('Export.Physics');
const holder: unknown[] = new Array(64).fill(null);

async function sampleRun() {
  const node = createNodeProfiler();
  const profiler = node.profiler;
  let frame = 0;
  return measureRun(node, {
    scene: 'export-sample',
    variant: 'allocating',
    mode: 'production',
    frames: 120,
    warmup: 100,
    keepSlices: true,
    keepPerFrame: true,
    quietFrames: 0,
    step: () => {
      profiler.beginFrame(16.7);
      update.begin();
      physics.begin();
      holder[frame++ & 63] = { frame };
      physics.end();
      update.end();
      profiler.endFrame();
    },
  });
}

const runtime = { engine: 'node' as const, version: process.version, v8: process.versions.v8, flags: process.execArgv };

describe('run file (JSON)', () => {
  it('holds the documented fields and round-trips through parseRunFile', async () => {
    const { result } = await sampleRun();
    const text = stringifyRunFile(toRunFile(runtime, [result]));
    const parsed = parseRunFile(JSON.parse(text));
    expect(parsed.schema).toBe('alloclab.run/1');
    expect(parsed.runtime.engine).toBe('node');
    expect(parsed.runtime.v8).toBe(process.versions.v8);
    const run = parsed.runs[0]!;
    for (const key of ['scene', 'variant', 'mode', 'frames', 'warmup', 'bytesPerFrame', 'gc', 'frameMs', 'markers', 'droppedFrames']) {
      expect(run, key).toHaveProperty(key);
    }
    expect(Object.keys(run.bytesPerFrame).sort()).toEqual(['max', 'mean', 'median', 'min', 'p95']);
    expect(Object.keys(run.frameMs).sort()).toEqual(['max', 'mean', 'p50', 'p95', 'p99']);
    expect(run.gc).toMatchObject({
      minor: expect.any(Number),
      major: expect.any(Number),
      totalMs: expect.any(Number),
      maxMs: expect.any(Number),
    });
    expect(run.markers.map((m) => m.name)).toContain('Export.Physics');
    expect(run.markers[0]).toMatchObject({ name: expect.any(String), bytesPerFrame: expect.any(Number), calls: 1, ms: expect.any(Number) });
    // Per-frame arrays are left out unless asked for.
    expect(run.perFrameBytes).toBeUndefined();
  });

  it('rejects files of another schema or shape with a one-line reason', () => {
    expect(() => parseRunFile({ schema: 'other/9', runs: [] }, 'x.json')).toThrow('x.json: schema is "other/9", expected "alloclab.run/1"');
    expect(() => parseRunFile('nope', 'x.json')).toThrow('x.json: not a JSON object');
    expect(() => parseRunFile({ schema: 'alloclab.run/1', runs: [{}] }, 'x.json')).toThrow('runs[0] lacks scene');
  });
});

describe('Chrome trace', () => {
  it('has frames as slices with markers nested inside, a bytes counter and process names', async () => {
    const measured = await sampleRun();
    const trace = toChromeTrace([measured]);
    const events = JSON.parse(JSON.stringify(trace)).traceEvents as TraceEvent[];
    // Valid Trace Event JSON: every event has name, ph, ts, pid, tid; complete events have dur >= 0.
    for (const e of events) {
      expect(typeof e.name).toBe('string');
      expect(['X', 'C', 'M', 'i']).toContain(e.ph);
      expect(Number.isFinite(e.ts)).toBe(true);
      expect(Number.isInteger(e.pid) && Number.isInteger(e.tid)).toBe(true);
      if (e.ph === 'X') expect(e.dur).toBeGreaterThanOrEqual(0);
    }
    const frames = events.filter((e) => e.name === 'Frame');
    expect(frames).toHaveLength(120);
    const counters = events.filter((e) => e.ph === 'C');
    expect(counters.length).toBeGreaterThan(0);
    expect(counters[0]!.args).toHaveProperty('bytes');
    expect(events.find((e) => e.ph === 'M' && e.name === 'process_name')!.args).toEqual({ name: 'export-sample (allocating, production)' });
    // Each marker slice lies inside its frame slice, and Physics inside Update.
    const updates = events.filter((e) => e.name === 'Export.Update');
    const physicsSlices = events.filter((e) => e.name === 'Export.Physics');
    expect(updates).toHaveLength(120);
    for (let i = 0; i < 120; i++) {
      const f = frames[i]!;
      const u = updates[i]!;
      const p = physicsSlices[i]!;
      expect(u.ts).toBeGreaterThanOrEqual(f.ts);
      expect(u.ts + u.dur!).toBeLessThanOrEqual(f.ts + f.dur! + 1e-6);
      expect(p.ts).toBeGreaterThanOrEqual(u.ts);
      expect(p.ts + p.dur!).toBeLessThanOrEqual(u.ts + u.dur! + 1e-6);
    }
    // Events are ordered by time, parents first.
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts).toBeGreaterThanOrEqual(events[i - 1]!.ts);
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary file behind', () => {
    const dir = tempDir('alloclab-');
    const path = join(dir, 'out', 'run.json');
    writeFileAtomic(path, '{"a":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(join(dir, 'out'))).toEqual(['run.json']);
  });

  it('follows a symlink: the file it names is written and the link stays a link', () => {
    const dir = tempDir('alloclab-');
    writeFileAtomic(join(dir, 'real.json'), 'old');
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json']);
  });

  it('writes to a path that names no regular file (a device) without replacing it', () => {
    const dir = tempDir('alloclab-');
    symlinkSync('/dev/null', join(dir, 'out.json'));
    writeFileAtomic(join(dir, 'out.json'), '{"a":1}');
    expect(lstatSync(join(dir, 'out.json')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('leaves an existing file untouched when writing fails', () => {
    const dir = tempDir('alloclab-');
    const path = join(dir, 'run.json');
    writeFileAtomic(path, 'old');
    mkdirSync(join(dir, 'blocker'));
    // The target is a directory: the rename fails, the temporary file is removed.
    expect(() => writeFileAtomic(join(dir, 'blocker'), 'new')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(existsSync(join(dir, '.blocker.' + process.pid + '.tmp'))).toBe(false);
  });
});
