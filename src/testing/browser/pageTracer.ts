/// <reference types="@vitest/browser-playwright" />
import { cdp } from 'vitest/browser';
import { cdpTracer, type FrameTracer } from '../../page/trace/cdpTracer.ts';

let tracer: Promise<FrameTracer | null> | null = null;

/**
 * A tracer over vitest's DevTools-protocol session to the test page (`cdp()`, available with the
 * playwright provider in Chromium), or null where there is none: then GCs are told from heap drops
 * and the warm-up cannot wait for the JIT to go quiet. Looked up once per test file.
 */
export function pageTracer(): Promise<FrameTracer | null> {
  tracer ??= (async () => {
    try {
      const session = cdp();
      await session.send('Tracing.getCategories');
      return cdpTracer(session);
    } catch {
      return null;
    }
  })();
  return tracer;
}
