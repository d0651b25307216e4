import { describe, it, expect } from 'vitest';
import { ObjectPool } from '../../src/engine/index.ts';
import { NodeHeapMeter } from '../../src/node/NodeHeapMeter.ts';

class Bullet {
  x = 0;
  alive = false;
}

function makePool(options: { maxSize?: number; clock?: { time: number } } = {}) {
  const events: string[] = [];
  const pool = new ObjectPool<Bullet>({
    create: () => new Bullet(),
    reset: (b) => {
      b.x = 0;
      events.push('reset');
    },
    onGet: (b) => {
      b.alive = true;
      events.push('get');
    },
    onRelease: (b) => {
      b.alive = false;
      events.push('release');
    },
    ...options,
  });
  return { pool, events };
}

describe('ObjectPool', () => {
  it('prewarms, hands out free objects before creating, and keeps stats', () => {
    const { pool, events } = makePool();
    pool.prewarm(3);
    expect([pool.free, pool.used, pool.created, pool.peak]).toEqual([3, 0, 3, 0]);
    const a = pool.get();
    const b = pool.get();
    expect(a.alive).toBe(true);
    expect([pool.free, pool.used, pool.created, pool.peak]).toEqual([1, 2, 3, 2]);
    pool.get();
    pool.get(); // the pool is empty: creates a fourth
    expect([pool.free, pool.used, pool.created, pool.peak]).toEqual([0, 4, 4, 4]);
    a.x = 5;
    pool.release(a);
    expect(a.x).toBe(0);
    expect(a.alive).toBe(false);
    expect(pool.get()).toBe(a); // LIFO: the last released comes back first
    pool.release(b);
    expect([pool.free, pool.used, pool.created, pool.peak]).toEqual([1, 3, 4, 4]);
    expect(events.slice(0, 3)).toEqual(['get', 'get', 'get']);
    expect(events.slice(4, 6)).toEqual(['reset', 'release']);
  });

  it('drops objects released beyond maxSize', () => {
    const { pool } = makePool({ maxSize: 2 });
    const items = [pool.get(), pool.get(), pool.get(), pool.get()];
    for (const item of items) pool.release(item);
    expect(pool.free).toBe(2);
    expect(pool.used).toBe(0);
    pool.prewarm(10);
    expect(pool.free).toBe(2);
  });

  it('throws a clear error on double release and on foreign objects', () => {
    const { pool } = makePool({ maxSize: 1 });
    const a = pool.get();
    const b = pool.get();
    pool.release(a);
    expect(() => pool.release(a)).toThrow('ObjectPool.release: this object was already released (double release)');
    pool.release(b); // dropped: the pool is full
    expect(() => pool.release(b)).toThrow(
      'ObjectPool.release: this object was already released (double release); it was dropped because the pool was full',
    );
    expect(() => pool.release(new Bullet())).toThrow('ObjectPool.release: this object was not created by this pool');
    const { pool: other } = makePool();
    expect(() => other.release(pool.get())).toThrow('not created by this pool');
  });

  it('trimIdle drops objects free for longer than the given seconds, by the injected clock', () => {
    const clock = { time: 0 };
    const { pool } = makePool({ clock });
    const items = [pool.get(), pool.get(), pool.get(), pool.get()];
    pool.release(items[0]!); // free since 0
    clock.time = 5;
    pool.release(items[1]!); // free since 5
    clock.time = 8;
    pool.release(items[2]!); // free since 8
    clock.time = 10;
    expect(pool.trimIdle(6)).toBe(1); // idle 10 s > 6: dropped; idle 5 s and 2 s stay
    expect(pool.free).toBe(2);
    expect(pool.get()).toBe(items[2]);
    expect(pool.get()).toBe(items[1]);
    pool.release(items[1]!);
    clock.time = 100;
    expect(pool.trimIdle(50)).toBe(1);
    expect(pool.free).toBe(0);
    expect(() => makePool().pool.trimIdle(1)).toThrow('ObjectPool.trimIdle: the pool needs a clock');
  });

  it('onDrop hears of every object the pool drops: by trimIdle, by clear, and beyond maxSize', () => {
    const clock = { time: 0 };
    const dropped: Bullet[] = [];
    const pool = new ObjectPool<Bullet>({ create: () => new Bullet(), onDrop: (b) => dropped.push(b), maxSize: 2, clock });
    const [a, b, c, d] = [pool.get(), pool.get(), pool.get(), pool.get()];
    pool.release(a); // free since 0
    clock.time = 8;
    pool.release(b); // free since 8
    pool.release(c); // beyond maxSize: dropped at once
    expect(dropped).toEqual([c]);
    clock.time = 10;
    expect(pool.trimIdle(5)).toBe(1); // a, idle 10 s
    expect(dropped).toEqual([c, a]);
    pool.release(d);
    pool.clear();
    expect(dropped).toEqual([c, a, b, d]);
    expect(() => pool.release(a)).toThrow('double release');
  });

  it('get and release allocate nothing once the pool has reached its peak', () => {
    const pool = new ObjectPool<Bullet>({ create: () => new Bullet(), reset: (b) => (b.x = 0) });
    pool.prewarm(100);
    const held: Bullet[] = new Array(100).fill(null);
    function cycle(): void {
      for (let i = 0; i < 100; i++) held[i] = pool.get();
      for (let i = 0; i < 100; i++) pool.release(held[i]!);
    }
    for (let i = 0; i < 3000; i++) cycle();
    const meter = new NodeHeapMeter();
    const samples = new Float64Array(2 * meter.sampleSize);
    let minBytes = Infinity;
    for (let round = 0; round < 5; round++) {
      meter.sample(samples, 0);
      cycle();
      meter.sample(samples, meter.sampleSize);
      minBytes = Math.min(minBytes, meter.toBytes(samples, meter.sampleSize) - meter.toBytes(samples, 0));
    }
    expect(minBytes).toBe(0);
    expect(pool.created).toBe(100);
  });
});
