import { readdirSync, readFileSync } from 'node:fs';
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

/** This process's children, from Linux's /proc (an empty set where there is none). */
function children(): Set<number> {
  const found = new Set<number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid: comm may hold spaces, so read after the last ')'.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) found.add(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Starts headless Chromium as `launchChromium` does, and tells which process is the browser (the
 * child that appeared), so that a browser hung after a crash can be killed; null where /proc is
 * not there to tell.
 */
export async function launchChromiumProcess(
  options: LaunchOptions & { executablePath: string },
): Promise<{ browser: Browser; pid: number | null }> {
  const before = children();
  const browser = await launchChromium(options);
  const started = [...children()].filter((pid) => !before.has(pid));
  return { browser, pid: started.length === 1 ? started[0]! : null };
}
