import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { tempDir } from '../tempDir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');

function alloclab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('alloclab: GC impact, leak pass, live heap', () => {
  it('flags the allocating variant of the leaks scene and clears the optimized one, with figures, in the table and the JSON', async () => {
    const dir = tempDir('alloclab-leaks-');
    const json = join(dir, 'leaks.json');
    const { code, stdout, stderr } = await alloclab(
      'run',
      'leaks',
      '--variant',
      'both',
      '--leaks',
      '--frames',
      '200',
      '--json',
      json,
      '--no-progress',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Leak pass \(separate: 1,200 frames after the measured ones, a forced full GC every 60; in none of the figures above\): retained \+[\d,.]+ B\/frame \(95% CI/,
    );
    expect(stdout).toMatch(/ {4}LEAK at 8 B\/frame: kept more than 8 B\/frame with 95% confidence, and in each third of the pass/);
    expect(stdout).toMatch(/ {4}no leak at 8 B\/frame: at most -?[\d.]+ B\/frame kept with 95% confidence/);
    expect(stdout).toMatch(/leak verdict\s+│\s+LEAK\s+│\s+no leak/);
    const [allocating, optimized] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(allocating!.leaks).toMatchObject({
      verdict: 'leak',
      thresholdBytesPerFrame: 8,
      pass: { kind: 'separate', frames: 1200, interval: 60 },
    });
    expect(allocating!.leaks!.ci95!.low).toBeGreaterThan(1000);
    expect(allocating!.leaks!.samples).toHaveLength(21);
    expect(optimized!.leaks!.verdict).toBe('no-leak');
    // The pass comes after the measured frames: it is not in their byte figures (median and
    // p95: the CLI does not measure again, so one of V8's isolated one-offs can land in a frame).
    expect(optimized!.bytesPerFrame.median).toBe(0);
    expect(optimized!.bytesPerFrame.p95).toBe(0);
    expect(optimized!.leaks!.pass.startFrame).toBeGreaterThanOrEqual(optimized!.warmup + optimized!.frames);
  });

  it('selects one leak with --variant, and --leak-frames sets the pass (and implies --leaks)', async () => {
    const { code, stdout } = await alloclab(
      'run',
      'leaks',
      '--variant',
      'leak-listener',
      '--leak-frames',
      '600',
      '--frames',
      '100',
      '--no-progress',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('leaks · leak-listener · production');
    expect(stdout).toMatch(/Leak pass \(separate: 600 frames after the measured ones, a forced full GC every 30/);
    expect(stdout).toMatch(/LEAK at 8 B\/frame/);
  });

  it('reports GC impact for every run, without any flag', async () => {
    const { code, stdout } = await alloclab('run', 'particles', '--variant', 'allocating', '--frames', '300', '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toMatch(/GC per 1,000 frames: [\d.]+ minor, [\d.]+ major, [\d.]+ other; (pause p50 [\d.]+ ms, max [\d.]+ ms|no pause)/);
    expect(stdout).toMatch(/Frames over the 16.7 ms budget: \d+ of 300, \d+ of them with a GC inside/);
    expect(stdout).toMatch(/Frames between minor GCs: predicted [\d,.]+ \(young generation [\d,]+ B \/ [\d,.]+ B per frame\); observed /);
    expect(stdout).not.toContain('Leak pass');
  });

  it('--live-heap counts live heap objects and times forced full GCs for both particle variants', async () => {
    const dir = tempDir('alloclab-live-');
    const json = join(dir, 'particles.json');
    const { code, stdout } = await alloclab('compare', 'particles', '--live-heap', '--frames', '200', '--json', json, '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toMatch(/live heap objects\s+│\s+[\d,]+\s+│\s+[\d,]+\s+│\s+[\d.]+x/);
    expect(stdout).toMatch(/forced full GC \(median\)\s+│\s+[\d.]+ ms\s+│\s+[\d.]+ ms/);
    const [allocating, optimized] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    // About 4,000 particles alive, each an object graph of several heap objects in the allocating variant.
    expect(allocating!.liveHeap!.objects - optimized!.liveHeap!.objects).toBeGreaterThan(4000 * 5);
    expect(optimized!.liveHeap!.fullGcMs.runs).toBe(9);
  });

  it('a bad --leak-frames exits 2 with a one-line error', async () => {
    const { code, stderr } = await alloclab('run', 'leaks', '--leak-frames', '10');
    expect(code).toBe(2);
    expect(stderr).toContain('--leak-frames must be an integer >= 60, got "10"');
  });
});
