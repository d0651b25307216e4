import { autoDetectRenderer, Container, Graphics, type Renderer } from 'pixi.js';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../engine/Sprite.ts';

/** Background of the stage: near tweakpane's dark theme, a shade darker. */
export const STAGE_BACKGROUND = 0x16171b;

/**
 * The pixi.js v8 renderer and the stage the scenes draw on (1280x720 world units, one unit per
 * pixel; the canvas is scaled by CSS to fit the page). WebGL only: WebGPU crashes in headless
 * Chromium with SwiftShader, and WebGL 2 through SwiftShader works everywhere.
 */
export class PixiStage {
  readonly renderer: Renderer;
  readonly root: Container;
  /** Where sprites go (above the grid). */
  readonly sprites: Container;

  private constructor(renderer: Renderer) {
    this.renderer = renderer;
    this.root = new Container();
    this.root.addChild(drawGrid());
    this.sprites = new Container();
    this.root.addChild(this.sprites);
  }

  /**
   * Creates the renderer (WebGL) and its canvas. `resolution` scales the drawing buffer (0.5: a
   * quarter of the pixels, for software WebGL or a slow machine); the world's units do not change.
   */
  static async create(resolution = 1): Promise<PixiStage> {
    const renderer = await autoDetectRenderer({
      preference: ['webgl'],
      width: STAGE_WIDTH,
      height: STAGE_HEIGHT,
      background: STAGE_BACKGROUND,
      antialias: false,
      resolution,
    });
    return new PixiStage(renderer);
  }

  get canvas(): HTMLCanvasElement {
    return this.renderer.canvas as HTMLCanvasElement;
  }

  render(): void {
    this.renderer.render(this.root);
  }

  destroy(): void {
    this.renderer.destroy();
  }
}

/** A faint 80-unit grid, so motion and scale read at a glance. */
function drawGrid(): Graphics {
  const g = new Graphics();
  for (let x = 80; x < STAGE_WIDTH; x += 80) g.moveTo(x, 0).lineTo(x, STAGE_HEIGHT);
  for (let y = 80; y < STAGE_HEIGHT; y += 80) g.moveTo(0, y).lineTo(STAGE_WIDTH, y);
  g.stroke({ color: 0xffffff, alpha: 0.04, width: 1 });
  g.rect(0.5, 0.5, STAGE_WIDTH - 1, STAGE_HEIGHT - 1).stroke({ color: 0xffffff, alpha: 0.12, width: 1 });
  return g;
}
