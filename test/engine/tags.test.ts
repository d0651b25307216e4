import { describe, it, expect } from 'vitest';
import { Tags, TagHandle, World } from '../../src/engine/index.ts';
import { NodeHeapMeter } from '../../src/node/NodeHeapMeter.ts';

describe('Tags', () => {
  it("has Unity's built-in tags and interns handles", () => {
    expect(Tags.names().slice(0, 7)).toEqual(['Untagged', 'Player', 'Enemy', 'Respawn', 'Finish', 'MainCamera', 'EditorOnly']);
    const enemy = Tags.get('Enemy');
    expect(enemy).toBeInstanceOf(TagHandle);
    expect(enemy.name).toBe('Enemy');
    expect(Tags.get('Enemy')).toBe(enemy);
    expect(Tags.byId(enemy.id)).toBe(enemy);
    const pickup = Tags.define('Pickup');
    expect(Tags.define('Pickup')).toBe(pickup);
    expect(Tags.has('Pickup')).toBe(true);
  });

  it('reports an unknown tag name clearly, wherever it is given', () => {
    const message = 'Unknown tag "Foo": define it first with Tags.define("Foo")';
    const world = new World();
    const go = world.createGameObject('x');
    expect(() => Tags.get('Foo')).toThrow(message);
    expect(() => go.compareTag('Foo')).toThrow(message);
    expect(() => (go.tag = 'Foo')).toThrow(message);
    expect(() => world.createGameObject('y', { tag: 'Foo' })).toThrow(message);
    expect(() => world.findGameObjectsWithTag('Foo')).toThrow(message);
    expect(() => world.findWithTag('Foo')).toThrow(message);
  });

  it('compareTag works with a name or a handle', () => {
    const world = new World();
    const player = world.createGameObject('p', { tag: 'Player' });
    const plain = world.createGameObject('q');
    expect(player.compareTag('Player')).toBe(true);
    expect(player.compareTag(Tags.get('Player'))).toBe(true);
    expect(player.compareTag('Enemy')).toBe(false);
    expect(plain.compareTag('Untagged')).toBe(true);
    plain.tag = Tags.get('Respawn');
    expect(plain.compareTag('Respawn')).toBe(true);
    plain.tag = 'Finish';
    expect(plain.tagHandle).toBe(Tags.get('Finish'));
  });

  it('the tag getter returns an equal but freshly built string on each read, which allocates even when optimised', () => {
    const world = new World();
    const go = world.createGameObject('e', { tag: 'Enemy' });
    const a = go.tag;
    const b = go.tag;
    expect(a).toBe('Enemy');
    expect(b).toBe('Enemy');
    const meter = new NodeHeapMeter();
    const SLOTS = meter.sampleSize;
    const samples = new Float64Array(2 * SLOTS);
    const holder: string[] = new Array(1000).fill('');
    const enemy = Tags.get('Enemy');
    function readTags(): number {
      let matches = 0;
      for (let i = 0; i < 1000; i++) {
        const tag = go.tag;
        holder[i] = tag;
        if (tag === 'Enemy') matches++;
      }
      return matches;
    }
    function compareTags(): number {
      let matches = 0;
      for (let i = 0; i < 1000; i++) if (go.compareTag(enemy)) matches++;
      return matches;
    }
    function compareNames(): number {
      let matches = 0;
      for (let i = 0; i < 1000; i++) if (go.compareTag('Enemy')) matches++;
      return matches;
    }
    function measure(fn: () => number): number {
      meter.sample(samples, 0);
      fn();
      meter.sample(samples, SLOTS);
      return meter.toBytes(samples, SLOTS) - meter.toBytes(samples, 0);
    }
    for (let i = 0; i < 2000; i++) {
      readTags();
      compareTags();
      compareNames();
      measure(compareTags);
    }
    (globalThis as { gc?: () => void }).gc?.();
    const tagBytes = measure(readTags);
    const handleBytes = Math.min(measure(compareTags), measure(compareTags));
    const nameBytes = Math.min(measure(compareNames), measure(compareNames));
    expect(readTags()).toBe(1000);
    expect(tagBytes).toBeGreaterThanOrEqual(1000 * 16); // a new string object per read
    expect(handleBytes).toBe(0);
    expect(nameBytes).toBe(0);
    expect(holder[999]).toBe('Enemy');
    if (process.env.ALLOCLAB_REPORT) console.log('tag getter: ' + tagBytes / 1000 + ' B per read');
  });
});
