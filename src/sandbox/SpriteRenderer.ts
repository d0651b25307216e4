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

/**
 * Detached views of one shape: a stack whose array reserve() keeps as long as there are views,
 * so pushing never grows it in a frame.
 */
class FreeViews {
  readonly items: Array<SpriteView | null> = [];
  count = 0;
  /** The size this shape was last drawn at (-1: never drawn), for the spares reserve() draws. */
  drawnWidth = -1;
  drawnHeight = -1;

  pop(): SpriteView | null {
    return this.count > 0 ? this.items[--this.count]! : null;
  }

  push(view: SpriteView): void {
    if (this.count < this.items.length) this.items[this.count] = view;
    else this.items.push(view);
    this.count++;
  }
}

/** Lengthens `list` with nulls to `length` (outside frames: it may allocate). */
function padTo(list: Array<SpriteView | null>, length: number): void {
  while (list.length < length) list.push(null);
}

/** Spare views of a shape kept drawn between frames, at least (see SpriteRenderer.reserve). */
const MIN_SPARE_VIEWS = 16;

/** Scratch for world x, y, rotation and scale x, y (module-private, never held across calls). */
const _world = new Float64Array(5);

const FONT_FAMILY = 'Menlo, Consolas, "DejaVu Sans Mono", monospace';

/**
 * Mirrors the world's `Sprite` components as pixi.js display objects on a container, once per
 * frame: gives a sprite that appears a spare view of its shape (`reserve`, between frames, keeps
 * some drawn), hides it while its object is inactive, and keeps it (hidden, on the container) for
 * the next new sprite when the sprite is destroyed. Position,
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
  /** Sprites found by the last sync. */
  private _foundCount = 0;
  /** Views shown now in [0, _liveCount); the list is as long as there are views, so it never grows in a frame. */
  private readonly _live: Array<SpriteView | null> = [];
  private _liveCount = 0;
  /** Every view made (live and free). */
  private _viewCount = 0;
  /**
   * Detached views by the shape they show, for the next new sprites: a view of the same shape
   * shows a sprite without a redraw, and a view keeps the kind of pixi object it shows. When a
   * recycled view swapped its Graphics for a Text and back, setting `rotation` on the Graphics
   * allocated 12 B per sprite per frame from then on (the setter's call site lost its fast path).
   */
  private readonly _freeCircles = new FreeViews();
  private readonly _freeRects = new FreeViews();
  private readonly _freeTexts = new FreeViews();
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
      // More sprites than room, and more than reserve() left room for: grow and look again.
      this._found = new Array<Sprite>(this._found.length * 2).fill(null as unknown as Sprite);
      n = world.findObjectsOfTypeNonAlloc(Sprite, this._found);
    }
    this._foundCount = n;
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
      else if (view.shown !== null) view.shown.renderable = false;
    }
  }

  /**
   * Between frames, outside the measured ones: keeps spare views, drawn, of each shape the scene
   * shows (a quarter of the views shown, at least 16), and room in every list for every view, so
   * that a sprite appearing in a frame takes a view ready to show and the frame neither makes a
   * pixi object nor grows an array. Only more new sprites in one frame than the spares make
   * views inside a frame. Text views are made as text sprites appear (their count rarely moves).
   */
  reserve(): void {
    const spare = Math.max(MIN_SPARE_VIEWS, this._liveCount >> 2);
    this._reserveShapes(this._freeCircles, 'circle', spare);
    this._reserveShapes(this._freeRects, 'rect', spare);
    // Every frame, so no array literal to loop over: four calls.
    const views = this._viewCount;
    padTo(this._live, views);
    padTo(this._freeCircles.items, views);
    padTo(this._freeRects.items, views);
    padTo(this._freeTexts.items, views);
    const room = this._foundCount + spare;
    if (this._found.length <= room) this._found = new Array<Sprite>(room * 2).fill(null as unknown as Sprite);
  }

  private _reserveShapes(free: FreeViews, shape: 'circle' | 'rect', spare: number): void {
    // Only shapes the scene has shown, at the size last drawn (other sizes are a scale).
    if (free.drawnWidth < 0) return;
    while (free.count < spare) {
      const view = this._newView();
      this._drawShape(view, shape, free.drawnWidth, free.drawnHeight);
      view.shown!.renderable = false;
      free.push(view);
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
    for (const free of [this._freeCircles, this._freeRects, this._freeTexts]) {
      for (let i = 0; i < free.count; i++) {
        free.items[i]!.graphics.destroy();
        free.items[i]!.text?.destroy();
      }
      free.count = 0;
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
    // `renderable`, not `visible`, everywhere a view is shown or hidden: pixi's visible setter
    // emits an event, and its emit reads `arguments`, an object each call below TurboFan
    // (measured: 64 B in frames where a bullet appears or goes, in bullets optimized).
    shown.renderable = sprite.isActiveAndEnabled;
  }

  private _redraw(view: SpriteView, sprite: Sprite): void {
    const wasText = view.shape === 'text';
    view.color = sprite.color;
    if (sprite.shape === 'text') {
      view.shape = 'text';
      view.width = sprite.width;
      view.height = sprite.height;
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
    this._drawShape(view, sprite.shape, sprite.width, sprite.height);
    setTint(view.graphics, this._rgb(sprite));
    if (wasText) this._show(view, view.graphics);
  }

  /**
   * Draws `view`'s Graphics as a white `shape` at this size: the color is applied as a tint and
   * other sizes as a scale (see _update). A zero size would leave nothing to scale from, so such a
   * shape is drawn one unit wide. Puts a Graphics not yet on stage on it.
   */
  private _drawShape(view: SpriteView, shape: 'circle' | 'rect', width: number, height: number): void {
    view.shape = shape;
    view.width = width > 0 ? width : 1;
    view.height = shape === 'circle' ? view.width : height > 0 ? height : 1;
    const g = view.graphics;
    g.clear();
    if (shape === 'circle') g.circle(0, 0, view.width / 2);
    else g.rect(-view.width / 2, -view.height / 2, view.width, view.height);
    g.fill(0xffffff);
    const free = shape === 'circle' ? this._freeCircles : this._freeRects;
    free.drawnWidth = view.width;
    free.drawnHeight = view.height;
    if (view.shown === null) this._show(view, g);
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
    // A view of the same shape, else (for a circle or rect) one of the other shape, redrawn; never
    // a text view for a shape or the other way round (see _freeCircles).
    const shape = sprite.shape;
    const view =
      (shape === 'text'
        ? this._freeTexts.pop()
        : (this._freeOf(shape).pop() ?? (shape === 'circle' ? this._freeRects : this._freeCircles).pop())) ?? this._newView();
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

  private _newView(): SpriteView {
    this._viewCount++;
    return new SpriteView(this);
  }

  private _freeOf(shape: SpriteShape | ''): FreeViews {
    return shape === 'circle' ? this._freeCircles : shape === 'rect' ? this._freeRects : this._freeTexts;
  }

  private _detach(view: SpriteView): void {
    view.sprite!.rendererView = null;
    // Hidden, not removed: removing a child from a pixi container allocates (Array#splice), and
    // the next new sprite reuses the object as it is.
    if (view.shown !== null) view.shown.renderable = false;
    // Remove from the live list by moving the last view into the hole.
    const last = this._live[--this._liveCount]!;
    this._live[view.slot] = last;
    last.slot = view.slot;
    this._live[this._liveCount] = view;
    view.slot = -1;
    view.sprite = null;
    this._freeOf(view.shape).push(view);
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
