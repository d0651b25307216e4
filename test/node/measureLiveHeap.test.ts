import { describe, it, expect } from 'vitest';
import { countSnapshotNodes, measureLiveHeap } from '../../src/node/measureLiveHeap.ts';

/** A tiny heap snapshot in V8's format: five nodes, one a synthetic root and one native. */
const SNAPSHOT =
  '{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],' +
  '"node_types":[["hidden","object","synthetic","native","number"],"string","number","number","number"],' +
  '"edge_fields":["type","name_or_index","to_node"]},"node_count":5,"edge_count":0},\n' +
  '"nodes":[2,0,1,0,3\n,1,0,3,40,0\n,1,0,5,56,0\n,4,0,7,16,0\n,3,0,9,1000,0],\n"edges":[],"strings":["a"]}';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('countSnapshotNodes', () => {
  it('counts heap objects by type from the node table, whatever the chunking', async () => {
    for (const size of [1, 7, 64, SNAPSHOT.length]) {
      expect(await countSnapshotNodes(chunks(SNAPSHOT, size))).toEqual({ objects: 3, bytes: 112, byType: { object: 2, number: 1 } });
    }
  });

  it('says so when the node table is cut short', async () => {
    await expect(countSnapshotNodes(chunks(SNAPSHOT.slice(0, 200), 50))).rejects.toThrow('heap snapshot: the node table ended early');
  });
});

describe('measureLiveHeap', () => {
  it('sees 10,000 kept objects, and times forced full GCs', async () => {
    const before = await measureLiveHeap({ gcRuns: 3 });
    const kept = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: i }));
    const after = await measureLiveHeap({ gcRuns: 3 });
    expect(kept).toHaveLength(10_000);
    expect(after.objects - before.objects).toBeGreaterThanOrEqual(10_000);
    expect(after.byType.object! - before.byType.object!).toBeGreaterThanOrEqual(10_000);
    expect(after.fullGcMs.runs).toBe(3);
    expect(after.fullGcMs.min).toBeGreaterThan(0);
    expect(after.fullGcMs.min).toBeLessThanOrEqual(after.fullGcMs.median);
    expect(after.fullGcMs.median).toBeLessThanOrEqual(after.fullGcMs.max);
  });
});
