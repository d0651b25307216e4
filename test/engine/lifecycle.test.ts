import { describe, it, expect } from 'vitest';
import { Behaviour, World } from '../../src/engine/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';

/** Records every lifecycle call as "name.method" into a log shared by the test. */
class Recorder extends Behaviour {
  log: string[] = [];
  label = '';
  override awake(): void {
    this.log.push(this.label + '.awake');
  }
  override onEnable(): void {
    this.log.push(this.label + '.onEnable');
  }
  override start(): void {
    this.log.push(this.label + '.start');
  }
  override update(): void {
    this.log.push(this.label + '.update');
  }
  override lateUpdate(): void {
    this.log.push(this.label + '.lateUpdate');
  }
  override onDisable(): void {
    this.log.push(this.label + '.onDisable');
  }
  override onDestroy(): void {
    this.log.push(this.label + '.onDestroy');
  }
}

/** awake() runs inside addComponent, before fields assigned after it: the log lives on a module array. */
const shared: string[] = [];
class Tracked extends Recorder {
  override log = shared;
}

function add(world: World, label: string, log: string[]): Recorder {
  const b = world.createGameObject(label).addComponent(Recorder);
  b.log = log;
  b.label = label;
  return b;
}

describe('Behaviour lifecycle', () => {
  it('calls awake and onEnable on add, start before the first update, then update and lateUpdate each frame', () => {
    shared.length = 0;
    const world = new World();
    const go = world.createGameObject('a');
    go.addComponent(Tracked).label = 'a';
    expect(shared).toEqual(['.awake', '.onEnable']); // label is set after addComponent returns
    const clock = new ManualClock(world);
    clock.step();
    clock.step();
    expect(shared).toEqual(['.awake', '.onEnable', 'a.start', 'a.update', 'a.lateUpdate', 'a.update', 'a.lateUpdate']);
  });

  it('runs all starts, then all updates, then all lateUpdates, in insertion order', () => {
    const log: string[] = [];
    const world = new World();
    add(world, 'a', log);
    add(world, 'b', log);
    add(world, 'c', log);
    new ManualClock(world).step();
    expect(log).toEqual([
      'a.start',
      'b.start',
      'c.start',
      'a.update',
      'b.update',
      'c.update',
      'a.lateUpdate',
      'b.lateUpdate',
      'c.lateUpdate',
    ]);
  });

  it('starts a behaviour added during a frame in the next frame, and starts it exactly once', () => {
    const log: string[] = [];
    const world = new World();
    class Spawner extends Behaviour {
      spawned = false;
      override update(): void {
        if (this.spawned) return;
        this.spawned = true;
        log.push('spawn');
        add(this.world, 'late', log);
      }
    }
    world.createGameObject('spawner').addComponent(Spawner);
    const clock = new ManualClock(world);
    clock.step();
    expect(log).toEqual(['spawn']); // 'late' got awake/onEnable before its label was set; it did not start
    log.length = 0;
    clock.step();
    expect(log).toEqual(['late.start', 'late.update', 'late.lateUpdate']);
    log.length = 0;
    clock.run(3);
    expect(log.filter((e) => e.endsWith('.start'))).toEqual([]);
    expect(log.filter((e) => e === 'late.update')).toHaveLength(3);
  });

  it('does not start a disabled behaviour until it is enabled, and never twice', () => {
    const log: string[] = [];
    const world = new World();
    const b = add(world, 'b', log);
    b.enabled = false;
    const clock = new ManualClock(world);
    clock.run(2);
    expect(log).toEqual(['b.onDisable']);
    log.length = 0;
    b.enabled = true;
    clock.step();
    b.enabled = false;
    b.enabled = true;
    clock.step();
    expect(log).toEqual(['b.onEnable', 'b.start', 'b.update', 'b.lateUpdate', 'b.onDisable', 'b.onEnable', 'b.update', 'b.lateUpdate']);
  });

  it('dispatches update only to classes that override it', () => {
    const world = new World();
    class OnlyLate extends Behaviour {
      late = 0;
      override lateUpdate(): void {
        this.late++;
      }
    }
    const only = world.createGameObject('x').addComponent(OnlyLate);
    world.createGameObject('y').addComponent(Behaviour);
    new ManualClock(world).run(3);
    expect(only.late).toBe(3);
    expect(world.stats.updateCalls).toBe(0);
    expect(world.stats.lateUpdateCalls).toBe(1);
  });

  it('passes constructor arguments through addComponent and exposes gameObject in the constructor', () => {
    const world = new World();
    class Speedy extends Behaviour {
      readonly speed: number;
      readonly ownerName: string;
      constructor(speed: number) {
        super();
        this.speed = speed;
        this.ownerName = this.gameObject.name;
      }
    }
    const s = world.createGameObject('car').addComponent(Speedy, 12);
    expect(s.speed).toBe(12);
    expect(s.ownerName).toBe('car');
    expect(s.transform).toBe(s.gameObject.transform);
    expect(s.world).toBe(world);
  });

  it('refuses behaviours made with new', () => {
    class Loose extends Behaviour {}
    expect(() => new Loose()).toThrow('Behaviour: create behaviours with gameObject.addComponent(Loose), not with new');
  });

  it('finds components by class with getComponent and getComponents', () => {
    const world = new World();
    class Base extends Behaviour {}
    class Derived extends Base {}
    class Other extends Behaviour {}
    const go = world.createGameObject('multi');
    const base = go.addComponent(Base);
    const derived = go.addComponent(Derived);
    expect(go.getComponent(Base)).toBe(base);
    expect(go.getComponent(Derived)).toBe(derived);
    expect(go.getComponent(Other)).toBeNull();
    const out: Base[] = [go.getComponent(Base)!, base, base, base];
    expect(go.getComponents(Base, out)).toBe(out);
    expect(out).toEqual([base, derived]);
    expect(go.getComponents(Other)).toEqual([]);
  });
});
