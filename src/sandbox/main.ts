/**
 * The sandbox page's entry (index.html): the scene catalog in the browser, rendered with pixi.js,
 * with the GC Alloc panel beside it. `npm run dev` serves it; `npm run sandbox` also opens
 * Chromium with the flags exact byte figures need; `npm run build:sandbox` writes it as a static site.
 */
import './sandbox.css';
import { scenes } from '../../scenes/index.ts';
import { startSandbox } from './sandbox-app.ts';

await startSandbox({ root: document.getElementById('app')!, scenes });
