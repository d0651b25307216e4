import { describe, it, expect, afterEach } from 'vitest';
import { Behaviour, World, formatErrorReport, type EngineErrorReport } from '../../src/engine/index.ts';
import { setActiveSink, type MarkerSink } from '../../src/profiler/MarkerSink.ts';
import { markerName, type ProfilerMarker } from '../../src/profiler/ProfilerMarker.ts';
import type { FrameProfiler } from '../../src/profiler/FrameProfiler.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';

/** Records frame and marker events as text, in order. */
class RecordingProfiler implements FrameProfiler, MarkerSink {
  events: string[] = [];
  beginFrame(dtMs: number, first?: ProfilerMarker): void {
    this.events.push('frame ' + dtMs);
    first?.begin();
  }
  endFrame(last?: ProfilerMarker): void {
    last?.end();
    this.events.push('/frame');
  }
  beginMarker(id: number): void {
    this.events.push(markerName(id));
  }
  endMarker(id: number): void {
    this.events.push('/' + markerName(id));
  }
  switchMarker(endId: number, beginId: number): void {
    this.endMarker(endId);
    this.beginMarker(beginId);
  }
}

class DestroysItself extends Behaviour {
  override update(): void {
    this.gameObject.destroy();
  }
}

class Mover extends Behaviour {
  x = 0;
  override start(): void {}
  override update(): void {
    this.x++;
  }
  override lateUpdate(): void {
    this.x += 0.5;
  }
}

class Thrower extends Behaviour {
  override update(): void {
    throw new Error('update failed');
  }
  override lateUpdate(): void {
    throw new Error('late failed');
  }
}

afterEach(() => setActiveSink(null));

describe('World', () => {
  it('wraps each phase in its marker, inside beginFrame/endFrame; phases with nothing to run are not marked', () => {
    const profiler = new RecordingProfiler();
    const world = new World({ profiler });
    world.createGameObject('m').addComponent(Mover);
    setActiveSink(profiler);
    world.tick(20);
    // A start is queued; no coroutine, nothing for end of frame.
    expect(profiler.events).toEqual(['frame 20', 'Start', '/Start', 'Update', '/Update', 'LateUpdate', '/LateUpdate', '/frame']);

    profiler.events = [];
    world.tick(20);
    expect(profiler.events).toEqual(['frame 20', 'Update', '/Update', 'LateUpdate', '/LateUpdate', '/frame']);

    // A destroy queued during the frame gives EndOfFrame its work.
    world.createGameObject('doomed').addComponent(DestroysItself);
    profiler.events = [];
    world.tick(20);
    expect(profiler.events).toEqual([
      'frame 20',
      'Start',
      '/Start',
      'Update',
      '/Update',
      'LateUpdate',
      '/LateUpdate',
      'EndOfFrame',
      '/EndOfFrame',
      '/frame',
    ]);

    // A coroutine gives the Coroutines phase (and EndOfFrame, which looks for its waiters) something to look at.
    const host = world.createGameObject('host').addComponent(Mover);
    world.tick(20);
    host.startCoroutine(
      (function* () {
        for (;;) yield null;
      })(),
    );
    profiler.events = [];
    world.tick(20);
    expect(profiler.events).toEqual([
      'frame 20',
      'Update',
      '/Update',
      'Coroutines',
      '/Coroutines',
      'LateUpdate',
      '/LateUpdate',
      'EndOfFrame',
      '/EndOfFrame',
      '/frame',
    ]);
  });

  it('with deepProfile, marks each behaviour type and method, even when one throws', () => {
    const profiler = new RecordingProfiler();
    const world = new World({ profiler, deepProfile: true, errorSink: () => {} });
    world.createGameObject('m').addComponent(Mover);
    world.createGameObject('t').addComponent(Thrower);
    setActiveSink(profiler);
    world.tick(20);
    expect(profiler.events).toEqual([
      'frame 20',
      'Start',
      'Mover.start',
      '/Mover.start',
      '/Start',
      'Update',
      'Mover.update',
      '/Mover.update',
      'Thrower.update',
      '/Thrower.update',
      '/Update',
      'LateUpdate',
      'Mover.lateUpdate',
      '/Mover.lateUpdate',
      'Thrower.lateUpdate',
      '/Thrower.lateUpdate',
      '/LateUpdate',
      '/frame',
    ]);
  });

  it('isolates errors: a throwing behaviour does not stop the others, and the sink gets name, type and phase', () => {
    const reports: EngineErrorReport[] = [];
    const world = new World({ errorSink: (r) => reports.push(r) });
    const before = world.createGameObject('before').addComponent(Mover);
    world.createGameObject('bad guy').addComponent(Thrower);
    const after = world.createGameObject('after').addComponent(Mover);
    new ManualClock(world).run(2);
    expect(before.x).toBe(3);
    expect(after.x).toBe(3);
    expect(reports.map((r) => [r.objectName, r.behaviourType, r.phase, (r.error as Error).message, r.frame])).toEqual([
      ['bad guy', 'Thrower', 'update', 'update failed', 1],
      ['bad guy', 'Thrower', 'lateUpdate', 'late failed', 1],
      ['bad guy', 'Thrower', 'update', 'update failed', 2],
      ['bad guy', 'Thrower', 'lateUpdate', 'late failed', 2],
    ]);
    expect(world.stats.errors).toBe(2);
    expect(formatErrorReport(reports[0]!)).toBe('Thrower on "bad guy" threw in update (frame 1): Error: update failed');
  });

  it('reports errors from awake, onEnable, start, onDisable and onDestroy', () => {
    const phases: string[] = [];
    const world = new World({ errorSink: (r) => phases.push(r.phase) });
    class Fragile extends Behaviour {
      override awake(): void {
        throw new Error('a');
      }
      override onEnable(): void {
        throw new Error('b');
      }
      override start(): void {
        throw new Error('c');
      }
      override onDisable(): void {
        throw new Error('d');
      }
      override onDestroy(): void {
        throw new Error('e');
      }
    }
    const go = world.createGameObject('f');
    go.addComponent(Fragile);
    world.tick(16);
    go.destroy();
    world.tick(16);
    expect(phases).toEqual(['awake', 'onEnable', 'start', 'onDisable', 'onDestroy']);
  });

  it('prints one console.error line per error by default', () => {
    const world = new World();
    world.createGameObject('bad').addComponent(Thrower);
    const lines: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => lines.push(args);
    try {
      world.tick(16);
    } finally {
      console.error = original;
    }
    expect(lines).toEqual([
      ['AllocLab: Thrower on "bad" threw in update (frame 1): Error: update failed'],
      ['AllocLab: Thrower on "bad" threw in lateUpdate (frame 1): Error: late failed'],
    ]);
  });

  it('advances Time: scaled and unscaled deltas and totals, frame count, time scale', () => {
    const world = new World();
    const time = world.time;
    expect([time.frameCount, time.time, time.deltaTime]).toEqual([0, 0, 0]);
    world.tick(100);
    expect([time.frameCount, time.deltaTime, time.unscaledDeltaTime, time.time, time.unscaledTime]).toEqual([1, 0.1, 0.1, 0.1, 0.1]);
    time.timeScale = 0.5;
    world.tick(200);
    expect([time.frameCount, time.deltaTime, time.unscaledDeltaTime]).toEqual([2, 0.1, 0.2]);
    expect(time.time).toBeCloseTo(0.2);
    expect(time.unscaledTime).toBeCloseTo(0.3);
    time.timeScale = 0;
    world.tick(100);
    expect(time.deltaTime).toBe(0);
    expect(time.time).toBeCloseTo(0.2);
    expect(() => (time.timeScale = -1)).toThrow('Time.timeScale must be a finite number >= 0, got -1');
    expect(() => world.tick(Number.NaN)).toThrow('World.tick: dtMs must be a number >= 0, got NaN');
  });

  it('refuses a tick from inside a frame', () => {
    const errors: EngineErrorReport[] = [];
    const world = new World({ errorSink: (r) => errors.push(r) });
    class Reentrant extends Behaviour {
      override update(): void {
        this.world.tick(16);
      }
    }
    world.createGameObject('r').addComponent(Reentrant);
    world.tick(16);
    expect((errors[0]!.error as Error).message).toBe('World.tick: called during a frame');
  });
});
