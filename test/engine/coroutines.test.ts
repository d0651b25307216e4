import { describe, it, expect } from 'vitest';
import {
  Behaviour,
  Coroutine,
  WaitForEndOfFrame,
  WaitForSeconds,
  WaitForSecondsRealtime,
  WaitUntil,
  WaitWhile,
  World,
  type EngineErrorReport,
  type IEnumerator,
} from '../../src/engine/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';

/** A host behaviour that records frame-stamped events from its update, lateUpdate and coroutines. */
class Host extends Behaviour {
  log: string[] = [];
  note(event: string): void {
    this.log.push(this.world.time.frameCount + ':' + event);
  }
}

class Noisy extends Host {
  override update(): void {
    this.note('update');
  }
  override lateUpdate(): void {
    this.note('lateUpdate');
  }
}

function setup(options: { dtMs?: number; errors?: EngineErrorReport[] } = {}) {
  const errors = options.errors ?? [];
  const world = new World({ errorSink: (r) => errors.push(r) });
  const host = world.createGameObject('host').addComponent(Host);
  const clock = new ManualClock(world, { dtMs: options.dtMs ?? 100 });
  return { world, host, clock, errors };
}

/** Frames (time.frameCount) at which a coroutine woke, for a wait instruction. */
function* wakeTimes(host: Host, wait: unknown, times: number[], loops: number): Generator<unknown, void, unknown> {
  for (let i = 0; i < loops; i++) {
    yield wait;
    times.push(host.world.time.frameCount);
  }
}

describe('coroutines', () => {
  it('runs to the first yield when started; yield null resumes next frame after update, before lateUpdate', () => {
    const world = new World();
    const host = world.createGameObject('h').addComponent(Noisy);
    const clock = new ManualClock(world);
    clock.step();
    host.log.length = 0;
    host.startCoroutine(
      (function* () {
        host.note('co start');
        yield null;
        host.note('co 1');
        yield undefined;
        host.note('co 2');
      })(),
    );
    clock.run(3);
    expect(host.log).toEqual([
      '1:co start',
      '2:update',
      '2:co 1',
      '2:lateUpdate',
      '3:update',
      '3:co 2',
      '3:lateUpdate',
      '4:update',
      '4:lateUpdate',
    ]);
  });

  it('a coroutine started in update with yield null resumes in the next frame, not the same one', () => {
    const world = new World();
    class Starter extends Host {
      override update(): void {
        if (this.world.time.frameCount !== 1) return;
        this.startCoroutine(
          (function* (self: Starter) {
            yield null;
            self.note('resumed');
          })(this),
        );
      }
    }
    const s = world.createGameObject('s').addComponent(Starter);
    new ManualClock(world).run(3);
    expect(s.log).toEqual(['2:resumed']);
  });

  it.each([
    [0.5, [4, 8]],
    [1, [2, 4]],
    [2, [1, 2]],
  ])('WaitForSeconds(0.2) at timeScale %s wakes on the right frames (100 ms frames)', (scale, expected) => {
    const { world, host, clock } = setup();
    world.time.timeScale = scale;
    const times: number[] = [];
    host.startCoroutine(wakeTimes(host, new WaitForSeconds(0.2), times, 2));
    clock.run(10);
    // Started before frame 1 at time 0; frame n runs at scaled time n * 0.1 * scale, and each
    // wait of 0.2 s starts from the time of the frame that yielded it.
    expect(times).toEqual(expected);
  });

  it('WaitForSecondsRealtime ignores timeScale, even 0', () => {
    const { world, host, clock } = setup();
    world.time.timeScale = 0;
    const times: number[] = [];
    const scaled: number[] = [];
    host.startCoroutine(wakeTimes(host, new WaitForSecondsRealtime(0.3), times, 2));
    host.startCoroutine(wakeTimes(host, new WaitForSeconds(0.1), scaled, 1));
    clock.run(7);
    expect(times).toEqual([3, 6]);
    expect(scaled).toEqual([]);
    expect(world.time.time).toBe(0);
  });

  it('wakes after a full second with 60 frames of 1000/60 ms', () => {
    const { host, clock } = setup({ dtMs: 1000 / 60 });
    const times: number[] = [];
    host.startCoroutine(wakeTimes(host, new WaitForSeconds(1), times, 3));
    clock.run(181);
    expect(times).toEqual([60, 120, 180]);
  });

  it('one WaitForSeconds instance shared by 100 coroutines started on different frames wakes each at its own time', () => {
    const { host, clock } = setup({ dtMs: 10 });
    const wait = new WaitForSeconds(0.25); // 25 frames of 10 ms
    const starts: number[] = [];
    const wakes: number[][] = [];
    for (let i = 0; i < 100; i++) {
      starts.push(host.world.time.frameCount);
      const times: number[] = [];
      wakes.push(times);
      host.startCoroutine(wakeTimes(host, wait, times, 2));
      clock.step();
    }
    clock.run(60);
    for (let i = 0; i < 100; i++) expect(wakes[i]).toEqual([starts[i]! + 25, starts[i]! + 50]);
  });

  it('WaitForEndOfFrame resumes after every lateUpdate of the same frame', () => {
    const world = new World();
    const host = world.createGameObject('h').addComponent(Noisy);
    const clock = new ManualClock(world);
    const eof = new WaitForEndOfFrame();
    host.startCoroutine(
      (function* () {
        yield null;
        host.note('co');
        yield eof;
        host.note('end of frame');
        yield eof;
        host.note('end of next frame');
      })(),
    );
    clock.run(2);
    expect(host.log).toEqual(['1:update', '1:co', '1:lateUpdate', '1:end of frame', '2:update', '2:lateUpdate', '2:end of next frame']);
  });

  it('WaitUntil and WaitWhile poll their predicate each frame', () => {
    const { host, clock } = setup();
    const flag = { on: false };
    const until = new WaitUntil(() => flag.on);
    const whileOn = new WaitWhile(() => flag.on);
    const events: number[] = [];
    host.startCoroutine(
      (function* () {
        yield until;
        events.push(host.world.time.frameCount);
        yield whileOn;
        events.push(host.world.time.frameCount);
      })(),
    );
    clock.run(3);
    expect(events).toEqual([]);
    flag.on = true;
    clock.step();
    expect(events).toEqual([4]);
    clock.run(2);
    flag.on = false;
    clock.step();
    expect(events).toEqual([4, 7]);
  });

  it('yielding a Coroutine handle waits for that coroutine to finish', () => {
    const { host, clock } = setup();
    const order: string[] = [];
    const inner = host.startCoroutine(
      (function* () {
        yield null;
        yield null;
        order.push('inner done @' + host.world.time.frameCount);
      })(),
    );
    expect(inner).toBeInstanceOf(Coroutine);
    host.startCoroutine(
      (function* () {
        yield inner;
        order.push('outer resumed @' + host.world.time.frameCount);
      })(),
    );
    clock.run(4);
    expect(order).toEqual(['inner done @2', 'outer resumed @2']);
    expect(inner.running).toBe(false);
  });

  it('yielding a generator runs it as a nested coroutine and resumes the parent when it ends', () => {
    const { host, clock } = setup();
    const order: string[] = [];
    function* child(): Generator<unknown, void, unknown> {
      order.push('child start @' + host.world.time.frameCount);
      yield null;
      order.push('child end @' + host.world.time.frameCount);
    }
    host.startCoroutine(
      (function* () {
        order.push('parent start');
        yield child();
        order.push('parent after child @' + host.world.time.frameCount);
        yield child();
        order.push('parent done @' + host.world.time.frameCount);
      })(),
    );
    clock.run(4);
    expect(order).toEqual([
      'parent start',
      'child start @0',
      'child end @1',
      'parent after child @1',
      'child start @1',
      'child end @2',
      'parent done @2',
    ]);
  });

  it('a yielded promise resumes the coroutine in the first frame after it resolves, with the value', async () => {
    const { host, clock } = setup();
    let resolve!: (v: string) => void;
    const promise = new Promise<string>((r) => (resolve = r));
    const got: string[] = [];
    host.startCoroutine(
      (function* () {
        const value = (yield promise) as string;
        got.push(value + ' @' + host.world.time.frameCount);
      })(),
    );
    clock.run(2);
    resolve('loaded');
    clock.step(); // settlement callbacks run as microtasks, after this synchronous code
    expect(got).toEqual([]);
    await promise;
    expect(got).toEqual([]);
    clock.step();
    expect(got).toEqual(['loaded @4']);
  });

  it('a rejected promise is thrown into the generator, where it can be caught', async () => {
    const { host, clock, errors } = setup();
    const failure = Promise.reject(new Error('404'));
    failure.catch(() => {});
    const got: string[] = [];
    host.startCoroutine(
      (function* () {
        try {
          yield failure;
          got.push('not reached');
        } catch (e) {
          got.push('caught ' + (e as Error).message);
        }
        yield null;
        got.push('carried on');
      })(),
    );
    await Promise.resolve();
    await Promise.resolve();
    clock.run(2);
    expect(got).toEqual(['caught 404', 'carried on']);
    expect(errors).toEqual([]);
  });

  it('an uncaught rejection stops the coroutine and is reported', async () => {
    const { host, clock, errors } = setup();
    const failure = Promise.reject(new Error('gone'));
    failure.catch(() => {});
    host.startCoroutine(
      (function* () {
        yield failure;
      })(),
    );
    await new Promise((r) => setTimeout(r, 0));
    clock.step();
    expect(errors.map((e) => [e.objectName, e.behaviourType, e.phase, (e.error as Error).message])).toEqual([
      ['host', 'Host', 'coroutine', 'gone'],
    ]);
    expect(host.world.coroutineCount).toBe(0);
  });

  it('stopCoroutine stops one, stopAllCoroutines stops all', () => {
    const { host, clock } = setup();
    const ticks = { a: 0, b: 0 };
    function* count(key: 'a' | 'b'): Generator<unknown, void, unknown> {
      while (true) {
        yield null;
        ticks[key]++;
      }
    }
    const a = host.startCoroutine(count('a'));
    host.startCoroutine(count('b'));
    clock.run(2);
    host.stopCoroutine(a);
    expect(a.running).toBe(false);
    clock.run(2);
    expect(ticks).toEqual({ a: 2, b: 4 });
    host.stopAllCoroutines();
    clock.run(2);
    expect(ticks).toEqual({ a: 2, b: 4 });
    expect(host.world.coroutineCount).toBe(0);
    host.stopCoroutine(a); // stopping a finished handle is harmless
  });

  it('a stale handle does not stop a coroutine that reuses its pooled state', () => {
    const { host, clock } = setup();
    const first = host.startCoroutine(
      (function* () {
        yield null;
      })(),
    );
    clock.run(2); // first finishes; its state returns to the pool
    let runs = 0;
    const second = host.startCoroutine(
      (function* () {
        while (true) {
          yield null;
          runs++;
        }
      })(),
    );
    expect(second._state).toBe(first._state);
    host.stopCoroutine(first);
    clock.run(2);
    expect(runs).toBe(2);
    expect(second.running).toBe(true);
  });

  it('stops coroutines when the behaviour is disabled, its object deactivated, or destroyed', () => {
    const { world, clock } = setup();
    const counters: number[] = [];
    function makeCounter(index: number): Generator<unknown, void, unknown> {
      return (function* () {
        while (true) {
          yield null;
          counters[index]!++;
        }
      })();
    }
    const hosts = [0, 1, 2].map((i) => world.createGameObject('h' + i).addComponent(Host));
    hosts.forEach((h, i) => {
      counters.push(0);
      h.startCoroutine(makeCounter(i));
    });
    clock.run(2);
    hosts[0]!.enabled = false;
    hosts[1]!.gameObject.setActive(false);
    hosts[2]!.gameObject.destroy();
    clock.run(3);
    expect(counters).toEqual([2, 2, 3]); // h2 still ran in its destroy frame
    hosts[0]!.enabled = true;
    hosts[1]!.gameObject.setActive(true);
    clock.run(2);
    expect(counters).toEqual([2, 2, 3]); // re-enabling does not restart them
    expect(world.coroutineCount).toBe(0);
    hosts[0]!.enabled = false;
    expect(() => hosts[0]!.startCoroutine(makeCounter(0))).toThrow(
      'startCoroutine: Host on "h0" is not active and enabled, so it cannot start a coroutine',
    );
  });

  it('an error in one coroutine stops it only and is reported; others and updates go on', () => {
    const errors: EngineErrorReport[] = [];
    const world = new World({ errorSink: (r) => errors.push(r) });
    const host = world.createGameObject('h').addComponent(Noisy);
    let healthy = 0;
    host.startCoroutine(
      (function* () {
        yield null;
        throw new Error('coroutine broke');
      })(),
    );
    host.startCoroutine(
      (function* () {
        while (true) {
          yield null;
          healthy++;
        }
      })(),
    );
    new ManualClock(world).run(3);
    expect(healthy).toBe(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ objectName: 'h', behaviourType: 'Noisy', phase: 'coroutine', frame: 1 });
    expect((errors[0]!.error as Error).message).toBe('coroutine broke');
    expect(host.log.filter((e) => e.endsWith(':update'))).toHaveLength(3);
    expect(host.log.filter((e) => e.endsWith(':lateUpdate'))).toHaveLength(3);
  });

  it('runs IEnumerator objects, resuming them like generators', () => {
    const { host, clock } = setup();
    const wait = new WaitForSeconds(0.2);
    class Ticker implements IEnumerator {
      current: unknown = null;
      steps = 0;
      moveNext(): boolean {
        this.steps++;
        this.current = wait;
        return this.steps < 3;
      }
    }
    const ticker = new Ticker();
    const handle = host.startCoroutine(ticker);
    expect(ticker.steps).toBe(1);
    clock.run(2);
    expect(ticker.steps).toBe(2);
    clock.run(2);
    expect(ticker.steps).toBe(3);
    expect(handle.running).toBe(false);
  });

  it('rejects routines that are neither generators nor IEnumerators', () => {
    const { host } = setup();
    expect(() => host.startCoroutine((() => 1) as never)).toThrow('startCoroutine: expected a generator (call your function* first)');
  });

  it('counts resumes in world.stats', () => {
    const { world, host, clock } = setup();
    host.startCoroutine(
      (function* () {
        while (true) yield null;
      })(),
    );
    clock.step();
    expect(world.stats.coroutineResumes).toBe(1);
    expect(world.stats.generatorResumes).toBe(1);
  });
});
