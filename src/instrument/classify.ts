/**
 * Which expressions allocate: the rules of the site transform that look at one node at a time.
 * Context-dependent rules (chains, names, statements) live in the analyzer.
 */
import { type AstNode, unwrap, dottedName } from './ast.ts';
import type { SiteKind } from '../profiler/sites/siteKinds.ts';

/** Methods that return a new object, array, string or iterator on the built-ins that have them. */
export const ALLOCATING_METHODS = new Set([
  'map',
  'filter',
  'slice',
  'concat',
  'split',
  'flatMap',
  'flat',
  'toFixed',
  'toString',
  'toSorted',
  'toReversed',
  'join',
  'bind',
  'substring',
  'substr',
  'trim',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'toUpperCase',
  'toLowerCase',
  'match',
  'matchAll',
  'entries',
  'keys',
  'values',
]);

/** Static calls that allocate, by object then method. */
const STATIC_CALLS: Record<string, ReadonlySet<string>> = {
  Object: new Set(['keys', 'values', 'entries']),
  Array: new Set(['from', 'of']),
  JSON: new Set(['stringify', 'parse']),
};

/** A site found on one node: what it is and where users should see it. */
export interface Classified {
  kind: SiteKind;
  detail: string;
  count: number;
  /** Offset reported as line/column: the `{`, the `new`, the method name, the operator. */
  pos: number;
}

/** The method name of a member callee (`a.map`, `a['map']`), else ''. */
export function calleeMethod(callee: AstNode): string {
  if (callee.type !== 'MemberExpression') return '';
  const p = callee.property as AstNode;
  if (!callee.computed && p.type === 'Identifier') return p.name as string;
  if (callee.computed && p.type === 'Literal' && typeof p.value === 'string') return p.value;
  return '';
}

/**
 * Classifies a call: an allocating built-in, or a call of a generator or async function declared
 * in this module (`generators` / `asyncs` hold their names). Returns null for other calls.
 */
export function classifyCall(node: AstNode, generators: ReadonlySet<string>, asyncs: ReadonlySet<string>): Classified | null {
  const callee = unwrap(node.callee as AstNode);
  if (callee.type === 'Identifier') {
    const name = callee.name as string;
    if (name === 'String') return { kind: 'builtin', detail: 'String', count: -1, pos: callee.start };
    if (generators.has(name)) return { kind: 'generator-call', detail: name, count: -1, pos: callee.start };
    if (asyncs.has(name)) return { kind: 'async-call', detail: name, count: -1, pos: callee.start };
    return null;
  }
  const method = calleeMethod(callee);
  if (method === '') return null;
  const pos = (callee.property as AstNode).start;
  const owner = dottedName(callee.object as AstNode);
  const statics = STATIC_CALLS[owner];
  if (statics?.has(method)) return { kind: 'builtin', detail: `${owner}.${method}`, count: -1, pos };
  if (owner === 'Object' && method === 'assign') {
    const first = node.arguments[0] as AstNode | undefined;
    if (first && unwrap(first).type === 'ObjectExpression') return { kind: 'builtin', detail: 'Object.assign', count: -1, pos };
    return null;
  }
  if (owner in STATIC_CALLS) return null;
  if (ALLOCATING_METHODS.has(method)) return { kind: 'builtin', detail: method, count: -1, pos };
  return null;
}

/** Evaluates to a string: a string literal, a template, or a `+` with such a side. */
export function isStringy(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral') return true;
  if (n.type === 'BinaryExpression' && n.operator === '+') return isStringy(n.left as AstNode) || isStringy(n.right as AstNode);
  return false;
}

/** A constant the compiler folds: literals and operators over literals (no RegExp). */
export function isConstant(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return n.regex === undefined || n.regex === null;
  if (n.type === 'TemplateLiteral') return (n.expressions as AstNode[]).length === 0;
  if (n.type === 'BinaryExpression') return isConstant(n.left as AstNode) && isConstant(n.right as AstNode);
  if (n.type === 'UnaryExpression') return isConstant(n.argument as AstNode);
  return false;
}

/** `a + b` that builds a string at run time: a string side and a side that is not constant. */
export function isStringConcat(node: AstNode): boolean {
  if (node.operator !== '+') return false;
  const left = node.left as AstNode;
  const right = node.right as AstNode;
  if (!isStringy(left) && !isStringy(right)) return false;
  return !(isConstant(left) && isConstant(right));
}

/** Every RestElement inside a binding or assignment pattern. */
export function collectRests(pattern: AstNode | null, out: AstNode[]): AstNode[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'RestElement':
      out.push(pattern);
      collectRests(pattern.argument as AstNode, out);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties as AstNode[]) collectRests(p.type === 'RestElement' ? p : (p.value as AstNode), out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements as Array<AstNode | null>) collectRests(e, out);
      break;
    case 'AssignmentPattern':
      collectRests(pattern.left as AstNode, out);
      break;
    case 'TSParameterProperty':
      collectRests(pattern.parameter as AstNode, out);
      break;
  }
  return out;
}
