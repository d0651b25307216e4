import { type Container, Graphics, Text } from 'pixi.js';
import { Sprite } from '../engine/Sprite.ts';
import type { SpriteShape } from '../engine/Sprite.ts';
import type { World } from '../engine/World.ts';
import { setTint } from './tint.ts';

/** The pixi display object of one engine Sprite, and what it was last drawn with. */
class SpriteView {
  /** The renderer this view belongs to. */
  readonly owner: SpriteRenderer;
  sprite: Sprite | null = null;
  readonly graphics = new Graphics();
  text: Text | null = null;
  /** The object on stage: `graphics`, or `text` for text sprites. */
  shown: Graphics | Text | null = null;
  shape: SpriteShape | '' = '';
  /** The color shown: a tint over the white shape, or a text's fill. */
  color = -1;
  /** The size the shape was drawn at; other sizes are shown by scaling it. */
  width = -1;
  height = -1;
  layer = 0;
  textValue = '';
  /** The renderer's sync counter when this view's sprite was last found. */
  seen = 0;
  /** Position in the renderer's live list (for removal by swap). */
  slot = -1;

  constructor(owner: SpriteRenderer) {
    this.owner = owner;
  }
}

/** Scratch for world x, y, rotation and scale x, y (module-private, never held across calls). */
const _world = new Float64Array(5);

const FONT_FAMILY = 'Menlo, Consolas, "DejaVu Sans Mono", monospace';

/**
 * Mirrors the world's `Sprite` components as pixi.js display objects on a container, once per
 * frame: creates a view when a sprite appears, hides it while its object is inactive, and keeps it
 * (hidden, on the container) for the next new sprite when the sprite is destroyed. Position,
 * rotation, scale, alpha and visibility are copied every frame. A circle or rect is drawn once, in
 * white, at the size it first had: later colors are a tint (`setTint`) and later sizes a scale,
 * because redrawing a pixi Graphics rebuilds its geometry and allocates (measured: 16 KB per frame
 * in the particles scene, whose sprites change size and color every frame). A Text is restyled
 * when its color or height changes and re-laid out when its string does. In steady state `sync`
 * allocates nothing: indexed loops, a field read per sprite, views and their pixi objects reused.
 *
 * @example
 * const renderer = new SpriteRenderer(stage);
 * world.tick(dt);
 * renderer.sync(world);
 * pixiRenderer.render(stage);
 */
export class SpriteRenderer {
  readonly container: Container;
  private _found: Sprite[] = new Array<Sprite>(256).fill(null as unknown as Sprite);
  private readonly _live: SpriteView[] = [];
  private _liveCount = 0;
  /**
   * Detached views, for the next new sprites: text views and shape views apart, so that a view
   * keeps the kind of pixi object it shows. When a recycled view swapped its Graphics for a Text
   * and back, setting `rotation` on the Graphics allocated 12 B per sprite per frame from then on
   * (measured after three scene changes; the setter's call site no longer took the fast path).
   */
  private readonly _freeShapes: SpriteView[] = [];
  private readonly _freeTexts: SpriteView[] = [];
  private _syncs = 0;
  private _warnedColor = false;

  constructor(container: Container) {
    this.container = container;
    container.sortableChildren = true;
  }

  /** The functions `sync` runs every frame (what a warm-up waits to see optimised). */
  static frameFunctions(): unknown[] {
    const proto = SpriteRenderer.prototype as unknown as Record<string, unknown>;
    return [proto.sync, proto._update, placeGraphics, placeText];
  }

  /** Display objects currently mirrored (visible or hidden). */
  get viewCount(): number {
    return this._liveCount;
  }

  /** Copies every Sprite of `world` onto the container. */
  sync(world: World): void {
    const seen = ++this._syncs;
    let n = world.findObjectsOfTypeNonAlloc(Sprite, this._found);
    while (n === this._found.length) {
      // More sprites than room: grow (only when the scene grows) and look again.
      this._found = new Array<Sprite>(this._found.length * 2).fill(null as unknown as Sprite);
      n = world.findObjectsOfTypeNonAlloc(Sprite, this._found);
    }
    const found = this._found;
    for (let i = 0; i < n; i++) {
      const sprite = found[i]!;
      // The view hangs on the sprite itself: a Map from sprites to views, with sprites coming and
      // going every frame, rehashed now and then (2.4 KB in one frame of the bullets scene).
      let view = sprite.rendererView as SpriteView | null;
      if (view === null || view.owner !== this) view = this._attach(sprite);
      view.seen = seen;
      this._update(view, sprite);
    }
    // Views whose sprite was not found: its object is inactive (hide), or it is gone (recycle).
    const live = this._live;
    for (let i = this._liveCount - 1; i >= 0; i--) {
      const view = live[i]!;
      if (view.seen === seen) continue;
      const go = view.sprite!.gameObject;
      if (go.destroyed || go.activeInHierarchy) this._detach(view);
      else if (view.shown !== null) view.shown.visible = false;
    }
  }

  /** Detaches every view (scene change); their pixi objects stay, hidden, for reuse. */
  clear(): void {
    this._warnedColor = false;
    for (let i = this._liveCount - 1; i >= 0; i--) this._detach(this._live[i]!);
  }

  /** Destroys every pixi object. */
  destroy(): void {
    this.clear();
    for (const free of [this._freeShapes, this._freeTexts]) {
      for (const view of free) {
        view.graphics.destroy();
        view.text?.destroy();
      }
      free.length = 0;
    }
  }

  private _update(view: SpriteView, sprite: Sprite): void {
    const isText = sprite.shape === 'text';
    if (sprite.shape !== view.shape || (isText && (sprite.color !== view.color || sprite.height !== view.height))) {
      this._redraw(view, sprite);
    }
    if (isText) {
      if (sprite.text !== view.textValue) {
        view.textValue = sprite.text;
        view.text!.text = sprite.text;
      }
    } else if (sprite.color !== view.color) {
      view.color = sprite.color;
      setTint(view.graphics, this._rgb(sprite));
    }
    const shown = view.shown!;
    if (sprite.layer !== view.layer) {
      view.layer = sprite.layer;
      shown.zIndex = sprite.layer;
    }
    // World position and rotation, accumulated in a Float64Array: loop-carried doubles in locals
    // are boxed by the optimiser (measured: 24 B per sprite), and getWorldPosition(out) writes into
    // a Vector2, whose fields are tagged (a heap number per write).
    const transform = sprite.transform;
    const w = _world;
    w[0] = transform.position.x;
    w[1] = transform.position.y;
    w[2] = transform.rotation;
    for (let t = transform.parent; t !== null; t = t.parent) {
      const sx = w[0]! * t.scale.x;
      const sy = w[1]! * t.scale.y;
      const c = Math.cos(t.rotation);
      const s = Math.sin(t.rotation);
      w[0] = sx * c - sy * s + t.position.x;
      w[1] = sx * s + sy * c + t.position.y;
      w[2] = w[2]! + t.rotation;
    }
    if (isText) {
      w[3] = transform.scale.x;
      w[4] = transform.scale.y;
      placeText(view.text!, w);
    } else {
      // A circle's diameter is its width, whatever its height says.
      w[3] = (transform.scale.x * sprite.width) / view.width;
      w[4] = (transform.scale.y * (sprite.shape === 'circle' ? sprite.width : sprite.height)) / view.height;
      placeGraphics(view.graphics, w);
    }
    shown.alpha = sprite.alpha;
    shown.visible = sprite.isActiveAndEnabled;
  }

  private _redraw(view: SpriteView, sprite: Sprite): void {
    const wasText = view.shape === 'text';
    view.shape = sprite.shape;
    view.color = sprite.color;
    view.width = sprite.width;
    view.height = sprite.height;
    if (sprite.shape === 'text') {
      let text = view.text;
      if (text === null) {
        text = new Text({ text: sprite.text, style: { fontFamily: FONT_FAMILY, fontSize: 16, fill: 0xffffff } });
        view.text = text;
      }
      text.style.fill = this._rgb(sprite);
      text.style.fontSize = Math.max(8, sprite.height);
      text.text = sprite.text;
      view.textValue = sprite.text;
      if (!wasText) this._show(view, text);
      return;
    }
    // White at this size: the color is applied as a tint and other sizes as a scale (see _update).
    // A zero size would leave nothing to scale from, so such a shape is drawn one unit wide.
    if (view.width <= 0) view.width = 1;
    if (sprite.shape === 'circle') view.height = view.width;
    else if (view.height <= 0) view.height = 1;
    const g = view.graphics;
    g.clear();
    if (sprite.shape === 'circle') g.circle(0, 0, view.width / 2);
    else g.rect(-view.width / 2, -view.height / 2, view.width, view.height);
    g.fill(0xffffff);
    setTint(g, this._rgb(sprite));
    if (wasText || view.shown === null) this._show(view, g);
  }

  /**
   * The sprite's color as pixi takes it (0 to 0xFFFFFF; pixi throws on anything else, which would
   * stop every frame after it). A value out of range is a bug in the scene: say so once per scene,
   * and show its low 24 bits.
   */
  private _rgb(sprite: Sprite): number {
    const color = sprite.color;
    if (color >= 0 && color <= 0xffffff && Math.floor(color) === color) return color;
    if (!this._warnedColor) {
      this._warnedColor = true;
      console.warn(
        `AllocLab: the sprite of "${sprite.gameObject.name}" has color ${color} (0x${color.toString(16)}), not a 0xRRGGBB value; showing its low 24 bits`,
      );
    }
    return color & 0xffffff;
  }

  private _show(view: SpriteView, object: Graphics | Text): void {
    if (view.shown !== null) this.container.removeChild(view.shown);
    view.shown = object;
    object.zIndex = view.layer;
    this.container.addChild(object);
  }

  private _attach(sprite: Sprite): SpriteView {
    const free = sprite.shape === 'text' ? this._freeTexts : this._freeShapes;
    const view = free.length > 0 ? free.pop()! : new SpriteView(this);
    view.sprite = sprite;
    // A recycled view still holds its pixi object (hidden) and what it was drawn with: a sprite of
    // the same shape shows through it without a redraw (see _update).
    if (view.shown !== null && view.layer !== sprite.layer) view.shown.zIndex = sprite.layer;
    view.layer = sprite.layer;
    view.slot = this._liveCount;
    this._live[this._liveCount++] = view;
    sprite.rendererView = view;
    return view;
  }

  private _detach(view: SpriteView): void {
    view.sprite!.rendererView = null;
    // Hidden, not removed: removing a child from a pixi container allocates (Array#splice), and
    // the next new sprite reuses the object as it is.
    if (view.shown !== null) view.shown.visible = false;
    // Remove from the live list by moving the last view into the hole.
    const last = this._live[--this._liveCount]!;
    this._live[view.slot] = last;
    last.slot = view.slot;
    this._live[this._liveCount] = view;
    view.slot = -1;
    view.sprite = null;
    (view.shape === 'text' ? this._freeTexts : this._freeShapes).push(view);
  }
}

/**
 * Copy x, y, rotation and scale from `w` into a display object: small functions of their own, one per
 * pixi class, so the optimiser inlines pixi's setters into them. A double passed to a setter that
 * is not inlined is boxed (12 B per sprite per frame, measured); the doubles stay in the typed
 * array until here.
 */
function placeGraphics(shown: Graphics, w: Float64Array): void {
  shown.position.set(w[0]!, w[1]!);
  shown.rotation = w[2]!;
  shown.scale.set(w[3]!, w[4]!);
}

function placeText(shown: Text, w: Float64Array): void {
  shown.position.set(w[0]!, w[1]!);
  shown.rotation = w[2]!;
  shown.scale.set(w[3]!, w[4]!);
}
