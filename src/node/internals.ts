import { createRequire } from 'node:module';

/**
 * Node's internal bindings that expose V8's heap statistics and the monotonic clock as typed
 * arrays filled in place. They are the only readers that allocate nothing at every JIT tier
 * (the public `v8.getHeapStatistics()` returns a new object per call). They need Node to run
 * with `--expose-internals`; the CLI and the test setup start Node with it.
 */
export interface NodeInternals {
  v8: {
    heapStatisticsBuffer: Float64Array;
    kUsedHeapSizeIndex: number;
    updateHeapStatisticsBuffer(): void;
    heapSpaceStatisticsBuffer: Float64Array;
    kSpaceUsedSizeIndex: number;
    kHeapSpaces: string[];
    updateHeapSpaceStatisticsBuffer(space: number): void;
  };
  process: {
    hrtimeBuffer: Uint32Array;
    hrtime(): void;
  };
}

let cached: NodeInternals | null | undefined;

/** The flags Node must run with for exact, allocation-free readings. */
export const REQUIRED_NODE_FLAGS = ['--expose-internals'] as const;

/** Returns Node's internal bindings, or null when Node runs without `--expose-internals`. */
export function loadNodeInternals(): NodeInternals | null {
  if (cached !== undefined) return cached;
  cached = null;
  const require = createRequire(import.meta.url);
  // Loading the testing binding prints a warning meant for Node's own tests; it says nothing
  // a user can act on, so it is silenced for this one call.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    const { internalBinding } = require('internal/test/binding') as {
      internalBinding(name: string): unknown;
    };
    cached = {
      v8: internalBinding('v8') as NodeInternals['v8'],
      process: internalBinding('process_methods') as NodeInternals['process'],
    };
  } catch {
    cached = null;
  } finally {
    process.emitWarning = emitWarning;
  }
  return cached;
}

/** Loads the internals or throws an error that says how to enable them. */
export function requireNodeInternals(): NodeInternals {
  const internals = loadNodeInternals();
  if (internals === null) {
    throw new Error(
      'alloclab: exact heap readings need Node started with --expose-internals ' +
        '(the alloclab CLI does this itself; in vitest add execArgv from "alloclab/testing" to your config)',
    );
  }
  return internals;
}
