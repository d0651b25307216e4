// The layering rules of README's architecture, checked on the import statements of the tree.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** A source file: its path from the repository root, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One import that breaks a rule. */
export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

const IMPORT = /(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of a file: the specifier, resolved to a root-relative path when relative, and whether it is type-only. */
export function importsOf(file: SourceFile): { target: string; typeOnly: boolean }[] {
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const match of file.text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4]!;
    const target = specifier.startsWith('.')
      ? normalize(join(dirname(file.path), specifier))
          .split('\\')
          .join('/')
      : specifier;
    found.push({ target, typeOnly: match[2] !== undefined });
  }
  return found;
}

const under = (target: string, ...prefixes: string[]) => prefixes.some((p) => target === p || target.startsWith(p));
/** Code that runs in a page: it must not load Node's modules or the Node side of AllocLab. */
const PAGE_CODE = ['src/page/', 'src/overlay/', 'src/panel/', 'src/sandbox/', 'src/testing/browser/', 'src/viewer/'];
const NODE_CODE = ['src/node/', 'src/chromium/', 'src/cli/', 'src/instrument/'];

/** The rules, each a predicate on (importer, imported) that returns a message when broken. */
const RULES: ((from: string, to: string, typeOnly: boolean) => string | null)[] = [
  (from, to) =>
    from.startsWith('src/profiler/') && (to.startsWith('src/') || to.startsWith('scenes/')) && !to.startsWith('src/profiler/')
      ? 'profiler imports nothing of ours'
      : null,
  (from, to) =>
    from.startsWith('src/engine/') && (to.startsWith('src/') || to.startsWith('scenes/')) && !under(to, 'src/engine/', 'src/profiler/')
      ? 'engine imports the profiler only'
      : null,
  (from, to) =>
    from.startsWith('src/measure/') &&
    (to.startsWith('src/') || to.startsWith('scenes/')) &&
    !under(to, 'src/measure/', 'src/engine/', 'src/profiler/', 'scenes/index.ts')
      ? 'measure imports the engine, the profiler and the catalog only'
      : null,
  (from, to, typeOnly) =>
    under(from, ...PAGE_CODE) && !typeOnly && (to.startsWith('node:') || under(to, ...NODE_CODE)) ? 'page code imports no Node code' : null,
  (from, to) =>
    from.startsWith('scenes/') && to.startsWith('src/') && to !== 'src/index.ts'
      ? 'scenes import the public API (src/index.ts) only'
      : null,
];

/** The imports in `files` that break a rule. */
export function layeringViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    for (const { target, typeOnly } of importsOf(file)) {
      for (const rule of RULES) {
        const broken = rule(file.path, target, typeOnly);
        if (broken !== null) violations.push({ file: file.path, imports: target, rule: broken });
      }
    }
  }
  return violations;
}

/** The TypeScript sources of `dirs` under `root`, with root-relative paths. */
export function readSources(root: string, dirs: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files;
}
