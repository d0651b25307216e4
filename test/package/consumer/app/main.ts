// A pixi.js game as its developer writes it, with AllocLab's profiler attached to its ticker.
import { Application, Graphics } from 'pixi.js';
import { attachProfiler, ProfilerMarker } from 'alloclab/browser';

const app = new Application();
await app.init({ width: 320, height: 240, preference: 'webgl', background: '#101018' });
document.body.appendChild(app.canvas);

const boxes: Graphics[] = [];
for (let i = 0; i < 20; i++) {
  const box = new Graphics().rect(0, 0, 8, 8).fill(0x66ccff);
  box.y = i * 11;
  app.stage.addChild(box);
  boxes.push(box);
}

const game = new ProfilerMarker('Game');
const trail = new Array<{ x: number; tick: number } | null>(1024).fill(null);
let ticks = 0;
app.ticker.add(() => {
  game.begin();
  ticks++;
  for (let i = 0; i < boxes.length; i++) boxes[i]!.x = (boxes[i]!.x + 1 + i * 0.1) % 320;
  // The game keeps 50 small objects a tick: garbage the profiler should see.
  for (let i = 0; i < 50; i++) trail[(ticks * 50 + i) & 1023] = { x: i, tick: ticks };
  game.end();
});

attachProfiler({ ticker: app.ticker });
