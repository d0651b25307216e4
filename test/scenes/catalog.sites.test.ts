import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenes } from '../../scenes/index.ts';
import { profileScene } from '../../src/testing/index.ts';

/** A site row of a scene README's generated allocation-site table, and the share of frames it ran in. */
interface NamedSite {
  where: string;
  share: number;
}

/** The sites the README names for a variant (see scripts/scene-figures.ts). */
function readmeSites(scene: string, variant: string): NamedSite[] {
  const readme = readFileSync(fileURLToPath(new URL(`../../scenes/${scene}/README.md`, import.meta.url)), 'utf8');
  const start = readme.indexOf(`Allocation sites, ${variant} variant`);
  if (start < 0) throw new Error(`scenes/${scene}/README.md names no allocation sites for ${variant}: run npm run figures -- ${scene}`);
  const next = readme.indexOf('Allocation sites, ', start + 1);
  const section = readme.slice(start, next < 0 ? readme.indexOf('<!-- figures:end -->') : next);
  return [...section.matchAll(/^\| `([^`]+)` \|.*\| (\d+)% \|[^|]*\|[^|]*\|$/gm)].map((m) => ({ where: m[1]!, share: Number(m[2]) / 100 }));
}

describe('allocation sites of every scene', () => {
  for (const scene of scenes) {
    it(`${scene.name}: no site runs per frame in the optimized variant`, async () => {
      const run = await profileScene(scene, { variant: 'optimized', frames: 200 });
      expect(run).toHaveNoAllocationSitesPerFrame();
      expect(readmeSites(scene.name, 'optimized')).toEqual([]);
    });

    it(`${scene.name}: the allocating variant runs the sites its README names`, async () => {
      const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
      const fired = new Set(run.sites!.list.map((s) => `${s.file}:${s.line}:${s.column}`));
      const named = readmeSites(scene.name, 'allocating');
      // Every site that ran is in the README; those that ran in at least a tenth of the README's
      // frames ran here too (rarer ones may fall outside these 300 frames).
      expect([...fired].filter((where) => !named.some((n) => n.where === where))).toEqual([]);
      expect(named.filter((n) => n.share >= 0.1 && !fired.has(n.where)).map((n) => n.where)).toEqual([]);
      if (named.length === 0) {
        // Allocations no source expression shows (boxed doubles): measured, never counted.
        expect(run.sites!.list).toEqual([]);
        expect(run.bytesPerFrame.median).toBeGreaterThan(0);
      }
    });
  }
});
