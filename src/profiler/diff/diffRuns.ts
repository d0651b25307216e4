import type { RunFile, RunResult, RuntimeInfo } from '../RunResult.ts';
import { keyedRuns, type KeyedRun, type SuiteFile } from './suiteFile.ts';
import { differenceInterval, type DifferenceInterval } from './interval.ts';

/** What changed in a run between the base and the head. */
export type DiffVerdict = 'regression' | 'improvement' | 'same' | 'new' | 'gone';

/**
 * How a verdict was reached: `exact` (both runs' measured frames each read one figure, so any
 * difference above the tolerance is a change) or `interval` (their frames vary: the difference
 * must also be outside the 95% confidence interval's reach of zero).
 */
export type DiffBasis = 'exact' | 'interval';

/** A byte change counts when it is above `bytes` and above `fraction` of the base's mean. */
export interface Tolerance {
  bytes: number;
  fraction: number;
}

/** Default: max(8 B, 1%). */
export const DEFAULT_TOLERANCE: Tolerance = { bytes: 8, fraction: 0.01 };

/** What a run is matched by across two files. */
export interface RunKey {
  /** The test that made the run (suite reports only). */
  test?: string;
  /** The scene's name, or a page's URL. */
  scene: string;
  variant: string;
  mode: string;
  engine: RuntimeInfo['engine'];
}

/** One marker's bytes per frame (its own, children excluded) in both runs. */
export interface MarkerChange {
  name: string;
  base: number;
  head: number;
  delta: number;
}

/** One allocation site's counts and estimated bytes per frame in both runs (0 where it did not fire). */
export interface SiteChange {
  /** `file:line` in the head (the base's line when the site is gone). */
  where: string;
  kind: string;
  functionName: string;
  excerpt: string;
  countBase: number;
  countHead: number;
  /** ESTIMATED bytes per frame: the sites' figures are counts times an estimate. */
  estimatedDelta: number;
}

/** One function's SAMPLED bytes per frame in both runs (0 where it was not sampled). */
export interface FunctionChange {
  functionName: string;
  /** `file:line`, or '' for built-ins. */
  where: string;
  base: number;
  head: number;
  delta: number;
}

/** The comparison of one run key. */
export interface RunDiff {
  key: RunKey;
  verdict: DiffVerdict;
  basis: DiffBasis;
  base: RunResult | null;
  head: RunResult | null;
  /** Head mean minus base mean, bytes per frame (NaN when a side is missing). */
  delta: number;
  /** The tolerance this row was judged with, in bytes per frame. */
  toleranceBytes: number;
  /** The 95% interval on the difference, when judged by one. */
  interval: DifferenceInterval | null;
  /** Markers whose own bytes per frame changed, largest change first. */
  markers: MarkerChange[];
  /** Sites whose estimated bytes per frame changed (both files need sites), largest change first. */
  sites: SiteChange[];
  /** Functions whose sampled bytes changed (both files need attribution), largest change first. */
  functions: FunctionChange[];
  /** What the reader should know about this row (a size that differs, a run that did not settle). */
  notes: string[];
}

/** The comparison of two run files. */
export interface DiffReport {
  base: { runtimes: RuntimeInfo[]; createdAt: string };
  head: { runtimes: RuntimeInfo[]; createdAt: string };
  /** Regressions first (largest first), then improvements, then the rest in the head's order. */
  rows: RunDiff[];
  counts: Record<DiffVerdict, number>;
  /** What differs between the two files' runtimes (V8 version, flags): changes may come from there. */
  notes: string[];
}

/** The key's one-line form: `scene · variant · mode · engine`. */
export function keyLabel(key: RunKey): string {
  return `${key.test === undefined ? '' : `${key.test}: `}${key.scene} · ${key.variant} · ${key.mode} · ${key.engine}`;
}

const keyString = (key: RunKey): string => JSON.stringify([key.test ?? null, key.scene, key.variant, key.mode, key.engine]);

/** Bytes per frame a change must exceed for `base`'s mean. */
export function toleranceFor(baseMean: number, tolerance: Tolerance): number {
  return Math.max(tolerance.bytes, Math.abs(baseMean) * tolerance.fraction);
}

/** Whether every measured frame of a run read one figure (absent per-frame data counts as steady). */
function isSteady(perFrame: readonly (number | null)[] | undefined): boolean {
  if (perFrame === undefined) return true;
  let first: number | null = null;
  for (const v of perFrame) {
    if (v === null || !Number.isFinite(v)) continue;
    if (first === null) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function markerChanges(base: RunResult, head: RunResult): MarkerChange[] {
  const own = new Map<string, { base: number; head: number }>();
  for (const m of base.markers) own.set(m.name, { base: m.selfBytesPerFrame, head: 0 });
  for (const m of head.markers) {
    const entry = own.get(m.name) ?? { base: 0, head: 0 };
    entry.head = m.selfBytesPerFrame;
    own.set(m.name, entry);
  }
  return [...own]
    .map(([name, v]) => ({ name, base: v.base, head: v.head, delta: v.head - v.base }))
    .filter((m) => Math.abs(m.delta) >= 1)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}

function siteChanges(base: RunResult, head: RunResult): SiteChange[] {
  if (base.sites === undefined || head.sites === undefined) return [];
  // By file, function, kind and source text, not by line: a change above a site moves its line.
  const keyOfSite = (s: (typeof head.sites.list)[number]) => JSON.stringify([s.file, s.functionName, s.kind, s.detail, s.excerpt]);
  const changes = new Map<string, SiteChange & { estimatedBase: number; estimatedHead: number }>();
  const entry = (s: (typeof head.sites.list)[number]) => {
    const key = keyOfSite(s);
    let change = changes.get(key);
    if (change === undefined) {
      change = {
        where: `${s.file}:${s.line}`,
        kind: s.detail ? `${s.kind} ${s.detail}` : s.kind,
        functionName: s.functionName,
        excerpt: s.excerpt,
        countBase: 0,
        countHead: 0,
        estimatedDelta: 0,
        estimatedBase: 0,
        estimatedHead: 0,
      };
      changes.set(key, change);
    }
    return change;
  };
  for (const s of base.sites.list) {
    const c = entry(s);
    c.countBase = s.countPerFrame;
    c.estimatedBase = s.estimatedBytesPerFrame;
  }
  for (const s of head.sites.list) {
    const c = entry(s);
    c.where = `${s.file}:${s.line}`;
    c.countHead = s.countPerFrame;
    c.estimatedHead = s.estimatedBytesPerFrame;
  }
  return [...changes.values()]
    .filter((c) => c.countHead !== c.countBase)
    .map(({ estimatedBase, estimatedHead, ...c }) => ({ ...c, estimatedDelta: estimatedHead - estimatedBase }))
    .sort(
      (a, b) =>
        Math.abs(b.estimatedDelta) - Math.abs(a.estimatedDelta) ||
        Math.abs(b.countHead - b.countBase) - Math.abs(a.countHead - a.countBase),
    );
}

function functionChanges(base: RunResult, head: RunResult): FunctionChange[] {
  if (base.attribution === undefined || head.attribution === undefined) return [];
  const byKey = new Map<string, FunctionChange>();
  const entry = (f: (typeof head.attribution.functions)[number]) => {
    const key = JSON.stringify([f.functionName, f.file]);
    let change = byKey.get(key);
    if (change === undefined) {
      change = { functionName: f.functionName, where: f.file ? `${f.file}:${f.line}` : '', base: 0, head: 0, delta: 0 };
      byKey.set(key, change);
    }
    return change;
  };
  for (const f of base.attribution.functions) entry(f).base = f.sampledBytesPerFrame;
  for (const f of head.attribution.functions) {
    const c = entry(f);
    c.head = f.sampledBytesPerFrame;
    c.where = f.file ? `${f.file}:${f.line}` : '';
  }
  return [...byKey.values()]
    .map((c) => ({ ...c, delta: c.head - c.base }))
    .filter((c) => Math.abs(c.delta) >= 1)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}

/** Compares one run present in both files. */
export function diffRun(key: RunKey, base: RunResult, head: RunResult, tolerance: Tolerance): RunDiff {
  const delta = head.bytesPerFrame.mean - base.bytesPerFrame.mean;
  const toleranceBytes = toleranceFor(base.bytesPerFrame.mean, tolerance);
  const notes: string[] = [];
  const steady = isSteady(base.perFrameBytes) && isSteady(head.perFrameBytes);
  const interval = steady ? null : differenceInterval(base.perFrameBytes ?? [], head.perFrameBytes ?? []);
  let basis: DiffBasis = 'exact';
  let verdict: DiffVerdict = 'same';
  if (interval !== null) {
    basis = 'interval';
    if (delta > toleranceBytes && interval.low > 0) verdict = 'regression';
    else if (delta < -toleranceBytes && interval.high < 0) verdict = 'improvement';
    else if (Math.abs(delta) > toleranceBytes) notes.push('the change is within the 95% interval of the frames\u2019 variation');
  } else {
    if (!steady) notes.push('too few measured frames for an interval: judged by the tolerance alone');
    if (delta > toleranceBytes) verdict = 'regression';
    else if (delta < -toleranceBytes) verdict = 'improvement';
  }
  if (base.size !== head.size) notes.push(`sizes differ (${base.size ?? 'none'} -> ${head.size ?? 'none'})`);
  if (!base.jitSettled || !head.jitSettled) notes.push(`warm-up did not settle in the ${!base.jitSettled ? 'base' : 'head'}`);
  return {
    key,
    verdict,
    basis,
    base,
    head,
    delta,
    toleranceBytes,
    interval,
    markers: markerChanges(base, head),
    sites: siteChanges(base, head),
    functions: functionChanges(base, head),
    notes,
  };
}

function oneSided(key: RunKey, verdict: 'new' | 'gone', run: RunResult, tolerance: Tolerance): RunDiff {
  return {
    key,
    verdict,
    basis: 'exact',
    base: verdict === 'gone' ? run : null,
    head: verdict === 'new' ? run : null,
    delta: Number.NaN,
    toleranceBytes: toleranceFor(run.bytesPerFrame.mean, tolerance),
    interval: null,
    markers: [],
    sites: [],
    functions: [],
    notes: [],
  };
}

const ORDER: Record<DiffVerdict, number> = { regression: 0, improvement: 1, new: 2, gone: 3, same: 4 };

/** The distinct runtimes of a file's runs, in order of appearance. */
function runtimesOf(runs: readonly KeyedRun[]): RuntimeInfo[] {
  const distinct = new Map<string, RuntimeInfo>();
  for (const { runtime } of runs) distinct.set(JSON.stringify(runtime), runtime);
  return [...distinct.values()];
}

/** What differs between the engines that measured the two files, per engine: changes may come from there. */
function runtimeNotes(base: readonly RuntimeInfo[], head: readonly RuntimeInfo[]): string[] {
  const notes: string[] = [];
  for (const engine of ['node', 'chromium'] as const) {
    const label = (r: RuntimeInfo) => (engine === 'node' ? `V8 ${r.v8}` : `Chromium ${r.version}`);
    const a = [...new Set(base.filter((r) => r.engine === engine).map(label))];
    const b = [...new Set(head.filter((r) => r.engine === engine).map(label))];
    if (a.length > 0 && b.length > 0 && a.join() !== b.join())
      notes.push(`${a.join(', ')} -> ${b.join(', ')}: changes may be the engine's`);
    const flags = (list: readonly RuntimeInfo[]) =>
      [...new Set(list.filter((r) => r.engine === engine).map((r) => r.flags.join(' ')))].join();
    if (a.length > 0 && b.length > 0 && flags(base) !== flags(head)) notes.push(`the ${engine} runs' V8 flags differ between the files`);
  }
  return notes;
}

/**
 * Compares two reports (run files or suite files): each run of the head is matched with the base's
 * run of the same test (suites), scene (or URL), variant, mode and engine, and judged. A key that
 * appears twice in one file is refused: which of the two to compare would be a guess.
 */
export function diffRunFiles(base: RunFile | SuiteFile, head: RunFile | SuiteFile, tolerance: Tolerance = DEFAULT_TOLERANCE): DiffReport {
  const baseList = keyedRuns(base);
  const headList = keyedRuns(head);
  const index = (list: readonly KeyedRun[], label: string) => {
    const runs = new Map<string, { key: RunKey; run: RunResult }>();
    for (const { key, run } of list) {
      const id = keyString(key);
      if (runs.has(id)) throw new Error(`the ${label} file holds ${keyLabel(key)} twice: keep one run per scene, variant and mode`);
      runs.set(id, { key, run });
    }
    return runs;
  };
  const baseRuns = index(baseList, 'base');
  const headRuns = index(headList, 'head');
  const rows: RunDiff[] = [];
  for (const [id, { key, run }] of headRuns) {
    const before = baseRuns.get(id);
    rows.push(before === undefined ? oneSided(key, 'new', run, tolerance) : diffRun(key, before.run, run, tolerance));
  }
  for (const [id, { key, run }] of baseRuns) if (!headRuns.has(id)) rows.push(oneSided(key, 'gone', run, tolerance));
  rows.sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || (a.verdict === 'same' ? 0 : Math.abs(b.delta) - Math.abs(a.delta)) || 0);
  const counts: Record<DiffVerdict, number> = { regression: 0, improvement: 0, same: 0, new: 0, gone: 0 };
  for (const row of rows) counts[row.verdict]++;
  const baseRuntimes = runtimesOf(baseList);
  const headRuntimes = runtimesOf(headList);
  const notes = runtimeNotes(baseRuntimes, headRuntimes);
  return {
    base: { runtimes: baseRuntimes, createdAt: base.createdAt },
    head: { runtimes: headRuntimes, createdAt: head.createdAt },
    rows,
    counts,
    notes,
  };
}
