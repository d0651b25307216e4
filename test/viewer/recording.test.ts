import { describe, expect, it } from 'vitest';
import { readRecording, readRecordingText } from '../../src/viewer/recording.ts';
import type { RunResult } from '../../src/profiler/RunResult.ts';

const runtime = { engine: 'node', version: 'v24.21.0', v8: '13.6', flags: [] };
const run = { scene: 'bullets', variant: 'optimized', mode: 'production', size: 400, bytesPerFrame: { mean: 0 } } as unknown as RunResult;

describe('readRecording: what the viewer opens', () => {
  it('a run file: a run per tab, labelled by scene, variant, size and mode', () => {
    const recording = readRecording({ schema: 'alloclab.run/1', createdAt: 'now', runtime, runs: [run] }, 'a.json');
    expect(recording.kind).toBe('run file');
    expect(recording.runs.map((r) => r.label)).toEqual(['bullets \u00b7 optimized (400) \u00b7 production']);
    expect(recording.failure).toBeNull();
  });

  it("a suite report: each run labelled by its test; a failed run's file keeps its failure", () => {
    const suite = readRecording(
      { schema: 'alloclab.suite/1', createdAt: 'now', tests: [{ test: 'a.test.ts > b', project: '', runtime, runs: [run] }] },
      's.json',
    );
    expect(suite.runs.map((r) => r.label)).toEqual(['a.test.ts > b: bullets \u00b7 optimized (400) \u00b7 production']);
    const failure = { scene: 'bullets', variant: 'optimized', phase: 'update', message: 'boom' };
    const failed = readRecording({ schema: 'alloclab.run/1', createdAt: 'now', runtime, runs: [], failure }, 'f.json');
    expect(failed.failure).toEqual(failure);
  });

  it('anything else is one line that says what it is', () => {
    const cases: Array<[unknown, RegExp]> = [
      [[1, 2], /^x\.json is not an AllocLab recording: not a JSON object$/],
      [{ traceEvents: [] }, /^x\.json is a Chrome trace \(--trace\)/],
      [{ schema: 'alloclab.diff/1' }, /^x\.json is an AllocLab alloclab\.diff\/1 file, not a recording/],
      [{ name: 'pkg' }, /^x\.json is not an AllocLab recording \(schema null\)/],
      [{ schema: 'alloclab.run/1', createdAt: 'now', runtime, runs: [] }, /^x\.json holds no runs$/],
      [{ schema: 'alloclab.run/1', runs: [{ scene: 1 }] }, /^x\.json: runs\[0\] lacks scene, variant or bytesPerFrame$/],
    ];
    for (const [data, message] of cases) expect(() => readRecording(data, 'x.json')).toThrow(message);
    expect(() => readRecordingText('{"schema": ', 'x.json')).toThrow(/^x\.json is not JSON \(/);
  });
});
