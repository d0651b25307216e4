/**
 * What an allocation site allocates, as recognised in the source:
 * - `object`, `array`: object and array literals (`count` = properties / elements).
 * - `new`: a `new` expression (`detail` = the constructor's name as written).
 * - `closure`: an arrow function, function expression, or a function declaration nested in a block
 *   (created each time the block is entered).
 * - `template`: a template literal with at least one expression (not tagged).
 * - `concat`: a `+` or `+=` that builds a new string at run time.
 * - `spread`: `...x` in an array literal or in call arguments.
 * - `rest`: a rest parameter or rest element of a destructuring (a fresh array or object).
 * - `regexp`: a RegExp literal (a new RegExp object per evaluation).
 * - `builtin`: a call of an allocating built-in (`detail` = method name, e.g. `map`, `Object.keys`).
 * - `generator-call`, `async-call`: a call of a generator or async function of the same module.
 */
export type SiteKind =
  | 'object'
  | 'array'
  | 'new'
  | 'closure'
  | 'template'
  | 'concat'
  | 'spread'
  | 'rest'
  | 'regexp'
  | 'builtin'
  | 'generator-call'
  | 'async-call';

/** Every kind, in a stable order (for tables and tests). */
export const SITE_KINDS: readonly SiteKind[] = [
  'object',
  'array',
  'new',
  'closure',
  'template',
  'concat',
  'spread',
  'rest',
  'regexp',
  'builtin',
  'generator-call',
  'async-call',
];

/** One allocation site of the instrumented source, as `sites()` reports it. */
export interface SiteInfo {
  /** Index into the counters that `snapshot` copies; stable for a (file, line, column, kind) across HMR. */
  readonly id: number;
  /** Project-relative path with `/` separators. */
  file: string;
  /** 1-based line of the site in the original source. */
  line: number;
  /** 1-based column (UTF-16 code units) of the site in the original source. */
  column: number;
  kind: SiteKind;
  /** Constructor, method or function name where it matters (`Map`, `map`, `Object.keys`), else ''. */
  detail: string;
  /** Properties of an object literal or elements of an array literal; -1 when not applicable. */
  count: number;
  /** The enclosing function (`update`, `Bullet.update`), or '<module>' for top-level code. */
  functionName: string;
  /** The start of the site's source text on one line, at most ~60 characters. */
  excerpt: string;
}

/**
 * The compact form the transform embeds in each module and passes to `register`:
 * `[line, column, kind, detail, count, functionName, excerpt]`.
 */
export type SiteRecord = readonly [
  line: number,
  column: number,
  kind: SiteKind,
  detail: string,
  count: number,
  functionName: string,
  excerpt: string,
];
