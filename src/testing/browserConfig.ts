import { playwright } from '@vitest/browser-playwright';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { findChromium } from '../chromium/findChromium.ts';
import { chromiumArgs, LAB_JS_FLAGS } from '../chromium/chromiumFlags.ts';
import type { ProfileMode } from '../node/modes.ts';
import { ownModule } from '../node/packageLayout.ts';

/** Options of `chromiumTestProject`. */
export interface ChromiumTestProjectOptions {
  /** Project name (default 'chromium'). */
  name?: string;
  /** Test files of the project, e.g. ['test/**\/*.browser.test.ts']. */
  include: string[];
  /** V8 flags of the browser, as in Node's modes (default 'production'). */
  mode?: ProfileMode;
  /** Per-test timeout in ms (default 60,000: a measured run warms up until the JIT is quiet). */
  testTimeout?: number;
}

const SETUP = ownModule('src/testing/browser/setup.ts');
const NO_CHROMIUM_SETUP = ownModule('src/testing/noChromium.ts');

/**
 * A vitest project that runs tests in the system's headless Chromium (vitest's browser mode,
 * playwright provider) with what exact figures need: --enable-precise-memory-info, gc() and no
 * pretenuring. alloclab/testing resolves to its browser twin there, so the same `profileScene`,
 * `profileFrames` and matchers measure in the page. Without a Chromium on the machine, every test
 * file of the project fails with one line naming how to install one.
 *
 * @example
 * // vite.config.ts
 * import { chromiumTestProject } from 'alloclab/testing/browser-config';
 * export default defineConfig({ test: { projects: [chromiumTestProject({ include: ['test/**\/*.browser.test.ts'] })] } });
 */
export function chromiumTestProject(options: ChromiumTestProjectOptions): TestProjectInlineConfiguration {
  const name = options.name ?? 'chromium';
  const testTimeout = options.testTimeout ?? 60_000;
  const executablePath = findChromium();
  if (executablePath === null) {
    return { test: { name, include: options.include, setupFiles: [NO_CHROMIUM_SETUP], testTimeout } };
  }
  return {
    test: {
      name,
      include: options.include,
      setupFiles: [SETUP],
      testTimeout,
      // One test file at a time: pages of one site share a renderer process and its V8 heap,
      // whose used size every measured frame reads.
      fileParallelism: false,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({ launchOptions: { executablePath, args: chromiumArgs(LAB_JS_FLAGS[options.mode ?? 'production']) } }),
        instances: [{ browser: 'chromium' }],
      },
    },
    // AllocLab is served as built, never pre-bundled: a package that Vite discovers mid-run reloads
    // the page and can leave two copies of the engine in it (a scene's Behaviour then extends
    // another class than the World knows).
    optimizeDeps: { exclude: ['alloclab'] },
  };
}
