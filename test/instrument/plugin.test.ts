import { describe, expect, it } from 'vitest';
import { alloclabInstrument, instrumentCacheKey, RUNTIME_PATH } from '../../src/instrument/plugin.ts';
import { InstrumentFilter } from '../../src/instrument/filter.ts';

const ROOT = '/project';

describe('vitest cache key', () => {
  it('changes with every option that changes the output', () => {
    const base = instrumentCacheKey({}, ROOT);
    expect(instrumentCacheKey({}, ROOT)).toBe(base);
    const variants = [
      instrumentCacheKey({ include: ['game/'] }, ROOT),
      instrumentCacheKey({ include: [/game/] }, ROOT),
      instrumentCacheKey({ exclude: ['scenes/old/'] }, ROOT),
      instrumentCacheKey({ runtimeImport: 'alloclab/runtime' }, ROOT),
      instrumentCacheKey({}, '/elsewhere'),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    expect(base).toMatch(/^alloclab-instrument@\d+:/);
  });

  it('is what the plugin registers through configureVitest', () => {
    const options = { include: ['game/'] };
    const plugin = alloclabInstrument(options);
    const generators: Array<(ctx: { id: string; sourceCode: string }) => unknown> = [];
    const hook = plugin.configureVitest as (ctx: unknown) => void;
    hook({ project: { config: { root: ROOT } }, defineCacheKeyGenerator: (g: (typeof generators)[number]) => generators.push(g) });
    expect(generators).toHaveLength(1);
    expect(generators[0]!({ id: '/project/game/a.ts', sourceCode: '' })).toBe(instrumentCacheKey(options, ROOT));
  });
});

describe('which modules are instrumented', () => {
  const defaults = new InstrumentFilter(ROOT, RUNTIME_PATH);

  it.each([
    ['/project/scenes/bullets/allocating.ts', '', true],
    ['/project/scenes/bullets/allocating.ts?v=123', '', true],
    ['/project/scenes/x.mjs', '', true],
    ['/project/scenes/x.css', '', false],
    ['/project/scenes/x.json', '', false],
    ['/project/game/player.ts', '', false],
    ['/project/game/player.ts', '// @alloclab-instrument\nexport {}', true],
    ['/project/game/player.tsx', '/* @alloclab-instrument */', true],
    // A user's src/ is their game: out unless included, in with the pragma (AllocLab's own code is under node_modules).
    ['/project/src/player.ts', '', false],
    ['/project/src/player.ts', '// @alloclab-instrument', true],
    ['/project/node_modules/lib/scenes/a.js', '// @alloclab-instrument', false],
    ['\0virtual:scenes/a.ts', '', false],
  ])('%s %j -> %s', (id, code, expected) => {
    expect(defaults.accepts(id, code)).toBe(expected);
  });

  it('an exclude wins over an include and the pragma (this repository excludes its own src/ but the engine)', () => {
    const repository = new InstrumentFilter(ROOT, RUNTIME_PATH, { include: ['scenes/', 'src/engine/'], exclude: [/^src\/(?!engine\/)/] });
    expect(repository.accepts('/project/src/profiler/Profiler.ts', '// @alloclab-instrument')).toBe(false);
    expect(repository.accepts('/project/src/engine/World.ts', '')).toBe(true);
  });

  it('never instruments the runtime, whatever the options say', () => {
    const all = new InstrumentFilter(ROOT, RUNTIME_PATH, { include: [/./], exclude: [] });
    expect(all.accepts(RUNTIME_PATH, '// @alloclab-instrument')).toBe(false);
    expect(all.accepts('/project/src/engine/World.ts', '')).toBe(true);
  });

  it('takes user include and exclude lists, strings as path prefixes and RegExps', () => {
    const custom = new InstrumentFilter(ROOT, RUNTIME_PATH, { include: ['game/', /\/levels\//g], exclude: ['game/vendor/'] });
    expect(custom.accepts('/project/game/player.ts', '')).toBe(true);
    expect(custom.accepts('/project/game/vendor/lib.ts', '')).toBe(false);
    expect(custom.accepts('/project/content/levels/one.ts', '')).toBe(true);
    expect(custom.accepts('/project/content/levels/one.ts', '')).toBe(true);
    expect(custom.accepts('/project/scenes/a.ts', '')).toBe(false);
  });

  it('names files relative to the project root', () => {
    expect(defaults.relativePath('/project/scenes/a.ts?t=1')).toBe('scenes/a.ts');
    expect(defaults.relativePath('/other/b.ts')).toBe('/other/b.ts');
  });
});
