/**
 * `npm run screenshot`: renders the sandbox in headless Chromium at 1600x900 and saves
 * docs/sandbox.png for the README (bullets, allocating, when the catalog has it; else the first scene).
 */
import { join } from 'node:path';
import { launchChromium, openSandbox, startDevServer } from '../test/browser/harness.ts';

const OUT = join(import.meta.dirname, '../docs/sandbox.png');
const { server, url } = await startDevServer();
const browser = await launchChromium();
try {
  const probe = await openSandbox(browser, url);
  const names = await probe.page.evaluate(() => window.alloclab!.scenes);
  await probe.page.close();
  const scene = names.includes('bullets') ? 'bullets' : names[0]!;
  const { page, errors } = await openSandbox(browser, `${url}?scene=${scene}&variant=allocating`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: OUT });
  console.log(`saved ${OUT} (${scene}, allocating)${errors.length > 0 ? '\nconsole errors:\n' + errors.join('\n') : ''}`);
} finally {
  await browser.close();
  await server.close();
}
