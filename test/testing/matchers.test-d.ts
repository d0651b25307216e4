// Type tests, checked by `npm run typecheck`: the matchers are typed on vitest's expect.
import { expect, expectTypeOf } from 'vitest';
import '../../src/testing/types.ts';
import type { RunResult } from '../../src/testing/index.ts';

declare const run: RunResult;

expectTypeOf(expect(run).toAllocateNothingPerFrame).returns.toEqualTypeOf<void>();
expectTypeOf(expect(run).toAllocateAtMostPerFrame).parameter(0).toEqualTypeOf<number>();
expectTypeOf(expect(run).toHaveNoAllocationSitesPerFrame).returns.toEqualTypeOf<void>();
expectTypeOf(expect(() => {}).not.toAllocate()).resolves.toEqualTypeOf<void>();
// @ts-expect-error the limit is required
expect(run).toAllocateAtMostPerFrame();
// @ts-expect-error the limit is a number of bytes
expect(run).toAllocateAtMostPerFrame('100');
