/**
 * `npm run diffs`: how far each scene's two variants are apart. A scene's allocating.ts and
 * optimized.ts share a skeleton so that their diff shows only the idiom; this lists, per scene, the
 * lines of each file and the lines their diff adds and removes (`git diff --no-index --numstat`),
 * largest first, so a pair that drifted apart stands out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import { scenes } from '../scenes/index.ts';

const root = join(import.meta.dirname, '..');
const rows: { scene: string; allocating: number; optimized: number; added: number; removed: number }[] = [];
for (const scene of scenes) {
  const dir = join(root, 'scenes', scene.name);
  const [a, b] = [join(dir, 'allocating.ts'), join(dir, 'optimized.ts')];
  if (!existsSync(a) || !existsSync(b)) continue;
  const diff = spawnSync('git', ['diff', '--no-index', '--numstat', a, b], { encoding: 'utf8' });
  const [added, removed] = (diff.stdout.trim().split(/\s+/) as [string?, string?]).map((n) => Number(n ?? 0));
  const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length;
  rows.push({ scene: scene.name, allocating: lines(a), optimized: lines(b), added: added!, removed: removed! });
}
rows.sort((x, y) => y.added + y.removed - (x.added + x.removed));
const table = new Table({
  head: ['scene', 'allocating.ts lines', 'optimized.ts lines', 'diff +', 'diff -'],
  style: { head: [], border: [], compact: true },
});
for (const r of rows) table.push([r.scene, r.allocating, r.optimized, r.added, r.removed]);
console.log(table.toString());
