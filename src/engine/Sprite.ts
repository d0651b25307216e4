import { Behaviour } from './Behaviour.ts';

/** The stage scenes draw on, in world units (the browser renderer maps one unit to one pixel). */
export const STAGE_WIDTH = 1280;
export const STAGE_HEIGHT = 720;

/** Shapes a renderer knows how to draw. */
export type SpriteShape = 'circle' | 'rect' | 'text';

/**
 * What a game object looks like, described in engine terms so that scenes never touch a renderer:
 * the browser host maps each Sprite to a pixi.js display object and syncs it from the transform
 * every frame; headless hosts ignore it. A Sprite has no update, so it costs nothing per frame.
 *
 * @example
 * const sprite = bullet.addComponent(Sprite);
 * sprite.shape = 'circle';
 * sprite.color = 0xffcc33;
 * sprite.width = sprite.height = 6;
 */
export class Sprite extends Behaviour {
  shape: SpriteShape = 'rect';
  /** 0xRRGGBB. */
  color = 0xffffff;
  /** Size in world units (a circle's diameter is `width`). */
  width = 8;
  height = 8;
  /** 0 (transparent) to 1. */
  alpha = 1;
  /**
   * Text shown when `shape` is 'text'. The renderer redraws only when this string changes
   * (compared by value), as a UI text component does.
   */
  text = '';
  /** Draw order: larger is drawn on top. */
  layer = 0;
  /**
   * What a renderer keeps for this sprite (the sandbox: its pixi display object), found without a
   * lookup; null until a renderer draws it. Not the scene's to set.
   */
  rendererView: object | null = null;

  /** Sets shape, color and size in one call (returns this). */
  set(shape: SpriteShape, color: number, width: number, height: number = width): this {
    this.shape = shape;
    this.color = color;
    this.width = width;
    this.height = height;
    return this;
  }
}
