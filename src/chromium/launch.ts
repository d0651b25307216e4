import type { Browser, LaunchOptions } from 'playwright-core';

/** Terminal colour and style codes, as Playwright puts them in its call log. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Starts headless Chromium; a browser that does not start (a binary that exits at once, a missing
 * library) is one line naming the binary and how it ended, without Playwright's call log.
 */
export async function launchChromium(options: LaunchOptions & { executablePath: string }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch(options);
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).replace(ANSI, '');
    const exit = /<process did exit: exitCode=(\d+|null), signal=(\w+|null)>/.exec(text);
    const how = exit === null ? '' : exit[2] !== 'null' ? ` (it ended with ${exit[2]})` : ` (it exited with code ${exit[1]})`;
    const first = text.split('\n', 1)[0]!.replace(/^browserType\.launch: /, '');
    throw new Error(`Chromium did not start: ${options.executablePath}${how}: ${first}`);
  }
}
