import { describe, it, expect } from 'vitest';
import { Behaviour, Vector2, World } from '../../src/engine/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';

const log: string[] = [];

class Probe extends Behaviour {
  updates = 0;
  override awake(): void {
    log.push(this.gameObject.name + '.awake');
  }
  override onEnable(): void {
    log.push(this.gameObject.name + '.onEnable');
  }
  override onDisable(): void {
    log.push(this.gameObject.name + '.onDisable');
  }
  override update(): void {
    this.updates++;
  }
  override onDestroy(): void {
    log.push(this.gameObject.name + '.onDestroy');
  }
}

function tree(world: World) {
  const parent = world.createGameObject('parent');
  const child = world.createGameObject('child', { parent });
  const grandchild = world.createGameObject('grandchild', { parent: child.transform });
  const probes = [parent.addComponent(Probe), child.addComponent(Probe), grandchild.addComponent(Probe)];
  return { parent, child, grandchild, probes };
}

describe('activation', () => {
  it('deactivating a parent disables its subtree (parent first) and stops their updates', () => {
    const world = new World();
    const { parent, child, grandchild, probes } = tree(world);
    const clock = new ManualClock(world);
    clock.step();
    log.length = 0;
    parent.setActive(false);
    expect(log).toEqual(['parent.onDisable', 'child.onDisable', 'grandchild.onDisable']);
    expect(parent.activeSelf).toBe(false);
    expect(child.activeSelf).toBe(true);
    expect(child.activeInHierarchy).toBe(false);
    expect(grandchild.activeInHierarchy).toBe(false);
    clock.run(3);
    expect(probes.map((p) => p.updates)).toEqual([1, 1, 1]);
    log.length = 0;
    parent.setActive(true);
    expect(log).toEqual(['parent.onEnable', 'child.onEnable', 'grandchild.onEnable']);
    clock.step();
    expect(probes.map((p) => p.updates)).toEqual([2, 2, 2]);
  });

  it('keeps a child inactive under an active parent when its own flag is off', () => {
    const world = new World();
    const { parent, child, grandchild } = tree(world);
    child.setActive(false);
    log.length = 0;
    parent.setActive(false);
    parent.setActive(true);
    expect(log).toEqual(['parent.onDisable', 'parent.onEnable']);
    expect(child.activeInHierarchy).toBe(false);
    expect(grandchild.activeInHierarchy).toBe(false);
  });

  it('delays awake of a behaviour added to an inactive object until the object activates', () => {
    const world = new World();
    const go = world.createGameObject('sleepy', { active: false });
    log.length = 0;
    const probe = go.addComponent(Probe);
    expect(log).toEqual([]);
    expect(probe.isActiveAndEnabled).toBe(false);
    go.setActive(true);
    expect(log).toEqual(['sleepy.awake', 'sleepy.onEnable']);
  });

  it('setParent moves a subtree under an inactive parent and updates activeInHierarchy', () => {
    const world = new World();
    const holder = world.createGameObject('holder', { active: false });
    const { child } = tree(world);
    log.length = 0;
    child.transform.setParent(holder);
    expect(child.activeInHierarchy).toBe(false);
    expect(log).toEqual(['child.onDisable', 'grandchild.onDisable']);
    expect(() => holder.transform.setParent(child)).toThrow('cannot be a child of its own descendant');
    child.transform.setParent(null);
    expect(child.activeInHierarchy).toBe(true);
  });

  it('computes world positions through the hierarchy into an out vector', () => {
    const world = new World();
    const parent = world.createGameObject('p');
    const child = world.createGameObject('c', { parent });
    parent.transform.position.set(10, 0);
    parent.transform.rotation = Math.PI / 2;
    parent.transform.scale.set(2, 2);
    child.transform.position.set(1, 0);
    const out = new Vector2();
    expect(child.transform.getWorldPosition(out)).toBe(out);
    expect(out.x).toBeCloseTo(10);
    expect(out.y).toBeCloseTo(2);
    expect(child.transform.worldRotation).toBeCloseTo(Math.PI / 2);
    expect(parent.transform.childCount).toBe(1);
    expect(parent.transform.getChild(0)).toBe(child.transform);
  });
});

describe('deferred destroy', () => {
  it('keeps the object updating for the rest of the frame, then onDisable and onDestroy, then it is gone', () => {
    const world = new World();
    const order: string[] = [];
    class Killer extends Behaviour {
      target: Probe | null = null;
      override update(): void {
        if (this.world.time.frameCount === 2) {
          order.push('destroy called');
          this.target!.gameObject.destroy();
          this.target!.gameObject.destroy(); // twice is harmless
        }
      }
    }
    class Watch extends Behaviour {
      target: Probe | null = null;
      override lateUpdate(): void {
        order.push('lateUpdate sees destroyed=' + this.target!.gameObject.destroyed);
      }
    }
    const killer = world.createGameObject('killer').addComponent(Killer);
    const victim = world.createGameObject('victim').addComponent(Probe);
    const watch = world.createGameObject('watch').addComponent(Watch);
    killer.target = victim;
    watch.target = victim;
    const clock = new ManualClock(world);
    clock.step();
    log.length = 0;
    clock.step();
    // The victim comes after the killer in update order: it still updated in frame 2.
    expect(victim.updates).toBe(2);
    expect(order).toEqual(['lateUpdate sees destroyed=false', 'destroy called', 'lateUpdate sees destroyed=false']);
    expect(log).toEqual(['victim.onDisable', 'victim.onDestroy']);
    expect(victim.gameObject.destroyed).toBe(true);
    expect(world.find('victim')).toBeNull();
    expect(world.gameObjectCount).toBe(2);
    clock.run(2);
    expect(victim.updates).toBe(2);
  });

  it('destroys children with their parent and runs onDestroy once for each', () => {
    const world = new World();
    const { parent, probes } = tree(world);
    const clock = new ManualClock(world);
    clock.step();
    log.length = 0;
    parent.destroy();
    expect(log).toEqual([]);
    clock.step();
    expect(log).toEqual([
      'parent.onDisable',
      'child.onDisable',
      'grandchild.onDisable',
      'parent.onDestroy',
      'child.onDestroy',
      'grandchild.onDestroy',
    ]);
    expect(world.gameObjectCount).toBe(0);
    expect(world.behaviourCount).toBe(0);
    clock.step();
    expect(probes.map((p) => p.updates)).toEqual([2, 2, 2]);
  });

  it('destroys a single behaviour at the end of the frame and leaves the object', () => {
    const world = new World();
    const go = world.createGameObject('host');
    const probe = go.addComponent(Probe);
    const clock = new ManualClock(world);
    clock.step();
    log.length = 0;
    probe.destroy();
    expect(go.getComponent(Probe)).toBe(probe);
    clock.step();
    expect(log).toEqual(['host.onDisable', 'host.onDestroy']);
    expect(go.getComponent(Probe)).toBeNull();
    expect(go.destroyed).toBe(false);
    expect(probe.updates).toBe(2);
  });

  it('world.clear() destroys everything now; world.destroy() refuses further ticks', () => {
    const world = new World();
    tree(world);
    log.length = 0;
    world.clear();
    expect(log.filter((e) => e.endsWith('onDestroy'))).toHaveLength(3);
    expect(world.gameObjectCount).toBe(0);
    world.tick(16);
    world.destroy();
    expect(world.destroyed).toBe(true);
    expect(() => world.tick(16)).toThrow('World.tick: this world was destroyed');
  });
});
