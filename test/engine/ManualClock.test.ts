import { describe, it, expect } from 'vitest';
import { Behaviour, World } from '../../src/engine/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';

class DeltaLog extends Behaviour {
  deltas: number[] = [];
  override update(): void {
    this.deltas.push(this.world.time.unscaledDeltaTime);
  }
}

describe('ManualClock', () => {
  it('steps the world one frame at a time by its dtMs (1000/60 by default) or a given length', () => {
    const world = new World();
    const log = world.createGameObject('log').addComponent(DeltaLog);
    const clock = new ManualClock(world);
    expect(clock.dtMs).toBeCloseTo(16.667, 3);
    clock.step();
    clock.step(250);
    expect(log.deltas).toEqual([1 / 60, 0.25]);
    expect(clock.elapsedMs).toBeCloseTo(1000 / 60 + 250);
    expect(clock.frames).toBe(2);
    expect(world.time.frameCount).toBe(2);
  });

  it("runs N frames, with the clock's or a given dtMs", () => {
    const world = new World();
    const log = world.createGameObject('log').addComponent(DeltaLog);
    const clock = new ManualClock(world, { dtMs: 10 });
    clock.run(3);
    clock.run(2, 50);
    expect(log.deltas).toEqual([0.01, 0.01, 0.01, 0.05, 0.05]);
    expect(clock.elapsedMs).toBe(130);
    expect(world.time.unscaledTime).toBeCloseTo(0.13);
  });

  it('rejects bad frame counts and lengths', () => {
    const world = new World();
    expect(() => new ManualClock(world, { dtMs: -1 })).toThrow('ManualClock: dtMs must be a number >= 0, got -1');
    expect(() => new ManualClock(world).run(1.5)).toThrow('ManualClock.run: frames must be an integer >= 0, got 1.5');
  });
});
