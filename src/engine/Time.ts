/**
 * Frame timing, as Unity's `Time`: read `world.time` from behaviours. All values are seconds except
 * `frameCount`. The World advances it at the start of each `tick(dtMs)`; `time` is the time at the
 * start of the current frame, as in Unity.
 *
 * @example
 * update() {
 *   this.transform.position.x += this.speed * this.world.time.deltaTime;
 * }
 */
export class Time {
  /** Scale applied to `deltaTime` and `time`: 1 is real time, 0.5 slow motion, 0 pauses. */
  private _timeScale = 1;
  private _deltaTime = 0;
  private _unscaledDeltaTime = 0;
  private _time = 0;
  private _unscaledTime = 0;
  private _frameCount = 0;

  /** Seconds the current frame covers, scaled by `timeScale`. */
  get deltaTime(): number {
    return this._deltaTime;
  }

  /** Seconds the current frame covers, ignoring `timeScale`. */
  get unscaledDeltaTime(): number {
    return this._unscaledDeltaTime;
  }

  /** Scaled seconds since the world started (sum of `deltaTime`). */
  get time(): number {
    return this._time;
  }

  /** Real seconds since the world started (sum of `unscaledDeltaTime`). */
  get unscaledTime(): number {
    return this._unscaledTime;
  }

  /** Frames ticked so far; 1 during the first frame, 0 before it. */
  get frameCount(): number {
    return this._frameCount;
  }

  /** Multiplier of scaled time; any finite number >= 0. Takes effect from the next frame. */
  get timeScale(): number {
    return this._timeScale;
  }

  set timeScale(value: number) {
    if (!(value >= 0) || value === Infinity) {
      throw new RangeError('Time.timeScale must be a finite number >= 0, got ' + String(value));
    }
    this._timeScale = value;
  }

  /** Advances one frame of `dtMs` real milliseconds. Called by the World; allocates nothing. */
  _advance(dtMs: number): void {
    const unscaled = dtMs / 1000;
    this._unscaledDeltaTime = unscaled;
    this._deltaTime = unscaled * this._timeScale;
    this._unscaledTime += unscaled;
    this._time += this._deltaTime;
    this._frameCount++;
  }

  /** Back to the start: zero times and frames, scale 1. */
  _reset(): void {
    this._timeScale = 1;
    this._deltaTime = 0;
    this._unscaledDeltaTime = 0;
    this._time = 0;
    this._unscaledTime = 0;
    this._frameCount = 0;
  }
}
