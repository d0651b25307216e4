import { describe, it, expect } from 'vitest';
import { Behaviour, type GameObject, Tags, World } from '../../src/engine/index.ts';

class Enemy extends Behaviour {}
class Boss extends Enemy {}
class Pickup extends Behaviour {}

function scene() {
  const world = new World();
  const enemies: Enemy[] = [];
  for (let i = 0; i < 5; i++) enemies.push(world.createGameObject('enemy' + i, { tag: 'Enemy' }).addComponent(Enemy));
  const boss = world.createGameObject('boss', { tag: 'Enemy' }).addComponent(Boss);
  world.createGameObject('coin').addComponent(Pickup);
  const hidden = world.createGameObject('hidden', { tag: 'Enemy', active: false }).addComponent(Enemy);
  return { world, enemies, boss, hidden };
}

describe('queries', () => {
  it('findObjectsOfType returns instances (subclasses included) on active objects, in a new array each call', () => {
    const { world, enemies, boss } = scene();
    const found = world.findObjectsOfType(Enemy);
    expect(found).toEqual([...enemies, boss]);
    expect(world.findObjectsOfType(Enemy)).not.toBe(found);
    expect(world.findObjectsOfType(Boss)).toEqual([boss]);
  });

  it('findObjectsOfTypeNonAlloc fills the same objects into out and respects out.length', () => {
    const { world } = scene();
    const all = world.findObjectsOfType(Enemy);
    const big: Enemy[] = new Array(10).fill(null);
    const count = world.findObjectsOfTypeNonAlloc(Enemy, big);
    expect(count).toBe(6);
    expect(big.slice(0, count)).toEqual(all);
    expect(big.length).toBe(10);
    expect(big[6]).toBeNull();
    const small: Enemy[] = new Array(2).fill(null);
    expect(world.findObjectsOfTypeNonAlloc(Enemy, small)).toBe(2);
    expect(small).toEqual(all.slice(0, 2));
    expect(world.findObjectsOfTypeNonAlloc(Enemy, [])).toBe(0);
  });

  it('tag queries: allocating and NonAlloc agree, inactive objects are left out, findWithTag returns the first', () => {
    const { world, enemies, boss } = scene();
    const tagged = world.findGameObjectsWithTag('Enemy');
    expect(tagged.map((g) => g.name)).toEqual(['enemy0', 'enemy1', 'enemy2', 'enemy3', 'enemy4', 'boss']);
    const out: GameObject[] = new Array(4).fill(null);
    expect(world.findGameObjectsWithTagNonAlloc(Tags.get('Enemy'), out)).toBe(4);
    expect(out).toEqual(tagged.slice(0, 4));
    expect(world.findWithTag('Enemy')).toBe(enemies[0]!.gameObject);
    expect(world.findWithTag('Player')).toBeNull();
    enemies[0]!.gameObject.setActive(false);
    expect(world.findWithTag('Enemy')).toBe(enemies[1]!.gameObject);
    expect(world.findGameObjectsWithTag('Enemy')).toHaveLength(5);
    expect(world.find('boss')).toBe(boss.gameObject);
    expect(world.find('hidden')).toBeNull();
  });

  it('leaves destroyed objects out once their frame has ended', () => {
    const { world, boss } = scene();
    boss.gameObject.destroy();
    expect(world.findObjectsOfType(Boss)).toEqual([boss]);
    world.tick(16);
    expect(world.findObjectsOfType(Boss)).toEqual([]);
    expect(world.findGameObjectsWithTag('Enemy')).toHaveLength(5);
    expect(world.gameObjectAt(world.gameObjectCount - 1).name).toBe('hidden');
  });
});
