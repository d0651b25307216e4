/**
 * The sandbox page's entry (index.html): the scene catalog in the browser, rendered with pixi.js,
 * with the GC Alloc panel beside it. `npm run dev` serves it; `npm run sandbox` also opens
 * Chromium with the flags exact byte figures need.
 */
import './ui/sandbox.css';
import { scenes as catalog } from '../scenes/index.ts';
import type { SceneDefinition } from './engine/Scene.ts';
import { startSandbox } from './ui/sandbox-app.ts';

async function sceneList(): Promise<{ scenes: readonly SceneDefinition[]; note?: string }> {
  if (catalog.length > 0) return { scenes: catalog };
  // Until the catalog has scenes, show the browser tests' fixture so the sandbox is usable.
  const fixture = await import('../test/browser/fixtures/orbs-scene.ts');
  return { scenes: [fixture.default], note: 'The scene catalog (scenes/index.ts) is empty: showing the browser tests\u2019 fixture scene.' };
}

const { scenes, note } = await sceneList();
await startSandbox({ root: document.getElementById('app')!, scenes, note });
