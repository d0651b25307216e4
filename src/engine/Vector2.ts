/**
 * A mutable 2D vector. Engine vectors (a transform's position and scale) are created once and
 * changed in place; methods write into `this` or an `out` argument and return it, as three.js does,
 * so no vector math allocates.
 *
 * @example
 * transform.position.set(10, 20);
 * velocity.copy(direction).scale(speed * dt);
 * transform.position.add(velocity);
 */
export class Vector2 {
  // Initialised where declared: a field first defined as undefined is stored untyped by V8, and
  // every fractional number written to it then allocates a 16 B heap number (measured).
  x = 0;
  y = 0;

  constructor(x = 0, y = 0) {
    this.x = x;
    this.y = y;
  }

  /** Sets both components. */
  set(x: number, y: number): this {
    this.x = x;
    this.y = y;
    return this;
  }

  /** Copies another vector's components. */
  copy(v: Vector2): this {
    this.x = v.x;
    this.y = v.y;
    return this;
  }

  /** Adds another vector. */
  add(v: Vector2): this {
    this.x += v.x;
    this.y += v.y;
    return this;
  }

  /** Subtracts another vector. */
  sub(v: Vector2): this {
    this.x -= v.x;
    this.y -= v.y;
    return this;
  }

  /** Multiplies both components by `s`. */
  scale(s: number): this {
    this.x *= s;
    this.y *= s;
    return this;
  }

  /** Length of the vector. */
  length(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }

  /** Squared length (no square root). */
  lengthSquared(): number {
    return this.x * this.x + this.y * this.y;
  }

  /** Squared distance to another point. */
  distanceSquared(v: Vector2): number {
    const dx = this.x - v.x;
    const dy = this.y - v.y;
    return dx * dx + dy * dy;
  }

  /** Scales to length 1 (a zero vector stays zero). */
  normalize(): this {
    const len = Math.sqrt(this.x * this.x + this.y * this.y);
    if (len > 0) {
      this.x /= len;
      this.y /= len;
    }
    return this;
  }

  /** True when both components are equal. */
  equals(v: Vector2): boolean {
    return this.x === v.x && this.y === v.y;
  }

  /** A new vector with the same components (allocates; for setup code, not per frame). */
  clone(): Vector2 {
    return new Vector2(this.x, this.y);
  }
}
