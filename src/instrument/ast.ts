/**
 * Small helpers over oxc's ESTree output (with TypeScript nodes and ParenthesizedExpression).
 * Nodes are read loosely: the analysis only needs `type`, offsets and a few fields per type.
 */

/** An ESTree node as oxc returns it: `start`/`end` are UTF-16 offsets into the source. */
export interface AstNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [field: string]: any;
}

/** Fields that hold types or decorators only: nothing in them runs per evaluation. */
const SKIPPED_FIELDS = new Set([
  'type',
  'start',
  'end',
  'typeAnnotation',
  'typeParameters',
  'typeArguments',
  'returnType',
  'superTypeArguments',
  'implements',
  'decorators',
]);

/** TypeScript expression wrappers that stay expressions after types are stripped. */
export const TS_EXPRESSION_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSNonNullExpression']);

/** TypeScript nodes that contain run-time code worth walking. */
const TS_WALKED = new Set([...TS_EXPRESSION_WRAPPERS, 'TSParameterProperty', 'TSExportAssignment', 'TSInstantiationExpression']);

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Whether the walk should skip a node: types, ambient declarations, enums and namespaces. */
export function isSkipped(node: AstNode): boolean {
  if (node.type.startsWith('TS') && !TS_WALKED.has(node.type)) return true;
  return node.declare === true;
}

/** Calls `visit` for each child node in source order of fields. */
export function forEachChild(node: AstNode, visit: (child: AstNode) => void): void {
  for (const field in node) {
    if (SKIPPED_FIELDS.has(field)) continue;
    const value = node[field];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

export function isFunction(node: AstNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Nodes whose `body` (or `consequent`) is a list of statements. */
export function statementList(node: AstNode): AstNode[] | null {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return node.body as AstNode[];
    case 'SwitchCase':
      return node.consequent as AstNode[];
    default:
      return null;
  }
}

/** Strips parentheses and TS wrappers: what the expression is at run time. */
export function unwrap(node: AstNode): AstNode {
  let n = node;
  while (n.type === 'ParenthesizedExpression' || TS_EXPRESSION_WRAPPERS.has(n.type)) n = n.expression as AstNode;
  return n;
}

/** A property key as a name: `x`, `'x'`, `1` -> '1', `#x`; computed keys give '[computed]'. */
export function keyName(key: AstNode, computed: boolean): string {
  if (computed) return '[computed]';
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'PrivateIdentifier') return `#${key.name as string}`;
  if (key.type === 'Literal') return String(key.value);
  return '[computed]';
}

/** A callee written as a name or dotted path (`Map`, `THREE.Vector3`), else ''. */
export function dottedName(node: AstNode): string {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const object = dottedName(n.object as AstNode);
    return object === '' ? '' : `${object}.${n.property.name as string}`;
  }
  if (n.type === 'ThisExpression') return 'this';
  return '';
}

/**
 * The offset of `token` between `from` and `to`, skipping comments; -1 if absent.
 * Used for operator and dot positions, which ESTree does not record.
 */
export function findToken(code: string, from: number, to: number, token: string): number {
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? to : nl;
    } else if (c === '/' && code[i + 1] === '*') {
      const close = code.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 1;
    } else if (code.startsWith(token, i)) {
      return i;
    }
  }
  return -1;
}
