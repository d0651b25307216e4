// Setup file (in Node) of a browser test project on a machine without Chromium: every test file fails with
// one line saying how to get one (no browser is ever downloaded).
import { NO_CHROMIUM } from '../chromium/findChromium.ts';

throw new Error(`alloclab: ${NO_CHROMIUM}`);
