// Type tests, checked by `npm run typecheck`: the retained-growth matcher is typed on vitest's expect.
import { expect, expectTypeOf } from 'vitest';
import '../../src/testing/retainTypes.ts';
import type { RunResult } from '../../src/testing/index.ts';

declare const run: RunResult;

expectTypeOf(expect(run).toRetainAtMostPerFrame).parameter(0).toEqualTypeOf<number>();
expectTypeOf(expect(run).not.toRetainAtMostPerFrame(8)).toEqualTypeOf<void>();
// @ts-expect-error the limit is required
expect(run).toRetainAtMostPerFrame();
// @ts-expect-error the limit is a number of bytes
expect(run).toRetainAtMostPerFrame('8');
