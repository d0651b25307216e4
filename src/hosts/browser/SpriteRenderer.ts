import { Container, Graphics, Text } from 'pixi.js';
import { Sprite } from '../../engine/Sprite.ts';
import type { SpriteShape } from '../../engine/Sprite.ts';
import type { World } from '../../engine/World.ts';

/** The pixi display object of one engine Sprite, and what it was last drawn with. */
class SpriteView {
  sprite: Sprite | null = null;
  readonly graphics = new Graphics();
  text: Text | null = null;
  /** The object on stage: `graphics`, or `text` for text sprites. */
  shown: Graphics | Text | null = null;
  shape: SpriteShape | '' = '';
  color = -1;
  width = -1;
  height = -1;
  layer = 0;
  textValue = '';
  /** The renderer's sync counter when this view's sprite was last found. */
  seen = 0;
  /** Position in the renderer's live list (for removal by swap). */
  slot = -1;
}

/** Scratch for world x, y, rotation (module-private, never held across calls). */
const _world = new Float64Array(3);

const FONT_FAMILY = 'Menlo, Consolas, "DejaVu Sans Mono", monospace';

/**
 * Mirrors the world's `Sprite` components as pixi.js display objects on a container, once per
 * frame: creates a view when a sprite appears, hides it while its object is inactive, and recycles
 * it when the sprite is destroyed. Position, rotation, scale, alpha and visibility are copied every
 * frame; a Graphics is redrawn only when shape, color or size changed, a Text only when its string
 * did. In steady state `sync` allocates nothing: indexed loops, a Map lookup per sprite, views
 * and their pixi objects reused from a free list.
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
  private readonly _views = new Map<Sprite, SpriteView>();
  private readonly _live: SpriteView[] = [];
  private _liveCount = 0;
  private readonly _free: SpriteView[] = [];
  private _syncs = 0;

  constructor(container: Container) {
    this.container = container;
    container.sortableChildren = true;
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
      let view = this._views.get(sprite);
      if (view === undefined) view = this._attach(sprite);
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

  /** Removes every view (scene change); pixi objects are kept for reuse. */
  clear(): void {
    for (let i = this._liveCount - 1; i >= 0; i--) this._detach(this._live[i]!);
  }

  /** Destroys every pixi object. */
  destroy(): void {
    this.clear();
    for (const view of this._free) {
      view.graphics.destroy();
      view.text?.destroy();
    }
    this._free.length = 0;
  }

  private _update(view: SpriteView, sprite: Sprite): void {
    if (sprite.shape !== view.shape || sprite.color !== view.color || sprite.width !== view.width || sprite.height !== view.height) {
      this._redraw(view, sprite);
    }
    if (sprite.shape === 'text' && sprite.text !== view.textValue) {
      view.textValue = sprite.text;
      view.text!.text = sprite.text;
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
    if (shown === view.graphics) placeGraphics(view.graphics, w);
    else placeText(view.text!, w);
    shown.scale.set(transform.scale.x, transform.scale.y);
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
      text.style.fill = sprite.color;
      text.style.fontSize = Math.max(8, sprite.height);
      text.text = sprite.text;
      view.textValue = sprite.text;
      if (!wasText) this._show(view, text);
      return;
    }
    const g = view.graphics;
    g.clear();
    if (sprite.shape === 'circle') g.circle(0, 0, sprite.width / 2);
    else g.rect(-sprite.width / 2, -sprite.height / 2, sprite.width, sprite.height);
    g.fill(sprite.color);
    if (wasText || view.shown === null) this._show(view, g);
  }

  private _show(view: SpriteView, object: Graphics | Text): void {
    if (view.shown !== null) this.container.removeChild(view.shown);
    view.shown = object;
    object.zIndex = view.layer;
    this.container.addChild(object);
  }

  private _attach(sprite: Sprite): SpriteView {
    const view = this._free.length > 0 ? this._free.pop()! : new SpriteView();
    view.sprite = sprite;
    view.shape = '';
    view.layer = sprite.layer;
    view.slot = this._liveCount;
    this._live[this._liveCount++] = view;
    this._views.set(sprite, view);
    return view;
  }

  private _detach(view: SpriteView): void {
    this._views.delete(view.sprite!);
    if (view.shown !== null) {
      this.container.removeChild(view.shown);
      view.shown = null;
    }
    // Remove from the live list by moving the last view into the hole.
    const last = this._live[--this._liveCount]!;
    this._live[view.slot] = last;
    last.slot = view.slot;
    this._live[this._liveCount] = view;
    view.slot = -1;
    view.sprite = null;
    view.shape = '';
    view.color = -1;
    this._free.push(view);
  }
}

/**
 * Copy x, y and rotation from `w` into a display object: small functions of their own, one per
 * pixi class, so the optimiser inlines pixi's setters into them. A double passed to a setter that
 * is not inlined is boxed (12 B per sprite per frame, measured); the doubles stay in the typed
 * array until here.
 */
function placeGraphics(shown: Graphics, w: Float64Array): void {
  shown.position.set(w[0]!, w[1]!);
  shown.rotation = w[2]!;
}

function placeText(shown: Text, w: Float64Array): void {
  shown.position.set(w[0]!, w[1]!);
  shown.rotation = w[2]!;
}
