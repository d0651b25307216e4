import { Graphics, type Container } from 'pixi.js';

/** pixi 8's `UPDATE_COLOR` flag (scene/container/Container): tint or alpha changed. */
const UPDATE_COLOR = 1;

/** What pixi 8's `tint` setter writes: the tint as a BGR number, a flag, and a change notice. */
interface TintFields {
  localColor: number;
  _updateFlags: number;
  _onUpdate(): void;
}

let direct: boolean | null = null;

/**
 * Sets a display object's tint to `rgb` (0xRRGGBB) without allocating.
 *
 * pixi's `tint` setter accepts any color source and parses it through `Color`, which allocates
 * (measured in Chromium: ~120 B per call with a number, ~9 B with a `Color` object), and a scene
 * may recolor thousands of sprites per frame, inside the profiled frame. The setter only stores
 * the BGR number, raises a flag and notifies the render group; this does the same. A one-time
 * check (`tintIsDirect`) confirms that the installed pixi still works that way; if it does not,
 * the public setter is used.
 */
export function setTint(target: Container, rgb: number): void {
  if (direct === null) direct = tintIsDirect();
  if (!direct) {
    target.tint = rgb;
    return;
  }
  const bgr = ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff);
  const fields = target as unknown as TintFields;
  if (fields.localColor === bgr) return;
  fields.localColor = bgr;
  fields._updateFlags |= UPDATE_COLOR;
  fields._onUpdate();
}

/** True when writing pixi's tint fields directly gives what the public `tint` getter reads back. */
export function tintIsDirect(): boolean {
  const probe = new Graphics() as unknown as Container & TintFields;
  try {
    if (typeof probe.localColor !== 'number' || typeof probe._updateFlags !== 'number' || typeof probe._onUpdate !== 'function')
      return false;
    probe.localColor = 0x563412;
    probe._updateFlags |= UPDATE_COLOR;
    probe._onUpdate();
    if (probe.tint !== 0x123456) return false;
    // And the setter agrees with the BGR layout.
    probe.tint = 0xabcdef;
    return probe.localColor === 0xefcdab;
  } finally {
    probe.destroy();
  }
}
