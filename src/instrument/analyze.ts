/**
 * Walks a module's AST, finds its allocation sites and plans the edits that count them.
 *
 * Most sites become `(__alloclab_slots[(__alloclab_base + k) | 0]++, <expr>)`. Where a comma expression
 * would change behaviour, the hit goes elsewhere, evaluated at the same moment:
 * - inside optional chains (a wrapped middle link would stop short-circuiting): into the first
 *   argument, or into the method key (`a?.[(hit, "trim")]()`);
 * - anonymous closures that take their `name` from where they stand (`const f = () => {}`,
 *   `{ f: () => {} }`, class fields, `export default`): a statement before, a computed key, or a
 *   private field before the field, so `f.name` stays 'f';
 * - rest parameters and nested function declarations: a statement at the start of the body/block.
 */
import {
  type AstNode,
  forEachChild,
  isFunction,
  isSkipped,
  keyName,
  statementList,
  findToken,
  dottedName,
  TS_EXPRESSION_WRAPPERS,
} from './ast.ts';
import { classifyCall, isStringConcat, isStringy, collectRests, type Classified } from './classify.ts';
import { Edits } from './edits.ts';
import { collectAllocatingFunctions } from './declarations.ts';
import type { SiteKind } from '../profiler/sites/siteKinds.ts';

/** A site as the analyzer found it; `register` receives it as a `SiteRecord`. */
export interface FoundSite {
  kind: SiteKind;
  detail: string;
  count: number;
  pos: number;
  functionName: string;
  /** Range whose text becomes the excerpt. */
  start: number;
  end: number;
}

/** The sites of a module and the edits that count them. */
export interface Analysis {
  sites: FoundSite[];
  edits: Edits;
}

export function analyze(program: AstNode, code: string): Analysis {
  return new Analyzer(program, code).run();
}

class Analyzer {
  private readonly _sites: FoundSite[] = [];
  private readonly _edits = new Edits();
  private readonly _ancestors: AstNode[] = [];
  private readonly _functionNames: string[] = [];
  private readonly _classNames: string[] = [];
  /** Calls and members on the spine of an optional chain, where wrapping would break it. */
  private readonly _chainSpine = new Set<AstNode>();
  private readonly _generators: ReadonlySet<string>;
  private readonly _asyncs: ReadonlySet<string>;

  private readonly _program: AstNode;
  private readonly _code: string;

  constructor(program: AstNode, code: string) {
    this._program = program;
    this._code = code;
    const found = collectAllocatingFunctions(program);
    this._generators = found.generators;
    this._asyncs = found.asyncs;
  }

  run(): Analysis {
    this._visit(this._program);
    return { sites: this._sites, edits: this._edits };
  }

  private _visit(node: AstNode): void {
    if (isSkipped(node)) return;
    const parent = this._ancestors[this._ancestors.length - 1];
    if (parent && node.type === 'ExpressionStatement' && statementList(parent)) this._edits.markStatementStart(node.start);
    this._classify(node, parent);
    const scope = this._enterScope(node, parent);
    this._ancestors.push(node);
    forEachChild(node, (child) => this._visit(child));
    this._ancestors.pop();
    if (scope === 'function') this._functionNames.pop();
    if (scope === 'class') this._classNames.pop();
  }

  private _classify(node: AstNode, parent: AstNode | undefined): void {
    switch (node.type) {
      case 'ObjectExpression':
        return this._wrapSite(node, { kind: 'object', detail: '', count: node.properties.length, pos: node.start });
      case 'ArrayExpression':
        return this._wrapSite(node, { kind: 'array', detail: '', count: node.elements.length, pos: node.start });
      case 'NewExpression':
        return this._wrapSite(node, { kind: 'new', detail: dottedName(node.callee), count: -1, pos: node.start });
      case 'Literal':
        if (node.regex) this._wrapSite(node, { kind: 'regexp', detail: '', count: -1, pos: node.start });
        return;
      case 'TemplateLiteral':
        if (parent?.type === 'TaggedTemplateExpression' && parent.quasi === node) return;
        if (node.expressions.length > 0) this._wrapSite(node, { kind: 'template', detail: '', count: -1, pos: node.start });
        return;
      case 'BinaryExpression':
        if (isStringConcat(node)) this._wrapSite(node, { kind: 'concat', detail: '+', count: -1, pos: this._operator(node, '+') });
        return;
      case 'AssignmentExpression':
        return this._assignment(node);
      case 'SpreadElement':
        if (parent && (parent.type === 'ArrayExpression' || parent.type === 'CallExpression' || parent.type === 'NewExpression')) {
          this._wrapSite(node.argument, { kind: 'spread', detail: '', count: -1, pos: node.start }, node);
        }
        return;
      case 'CallExpression':
        return this._call(node);
      case 'VariableDeclarator':
        if (node.init) for (const rest of collectRests(node.id, [])) this._wrapSite(node.init, restSite(rest), rest);
        return;
      case 'FunctionDeclaration':
        return this._functionDeclaration(node, parent);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this._closure(node, parent);
    }
  }

  private _assignment(node: AstNode): void {
    if (node.operator === '+=' && isStringy(node.right)) {
      this._wrapSite(node, { kind: 'concat', detail: '+=', count: -1, pos: this._operator(node, '+=') });
    }
    if (node.operator === '=') for (const rest of collectRests(node.left, [])) this._wrapSite(node.right, restSite(rest), rest);
  }

  private _call(node: AstNode): void {
    const site = classifyCall(node, this._generators, this._asyncs);
    if (!site) return;
    if (!this._chainSpine.has(node)) return this._wrapSite(node, site);
    // On an optional chain's spine: count where the call's own evaluation happens.
    const args = node.arguments as AstNode[];
    if (args.length > 0) {
      const first = args[0]!;
      return this._wrapSite(first.type === 'SpreadElement' ? first.argument : first, site, node);
    }
    const callee = node.callee as AstNode;
    if (callee.type !== 'MemberExpression' || callee.property.type === 'PrivateIdentifier') return;
    const k = this._addSite(site, node);
    const property = callee.property as AstNode;
    if (callee.computed) {
      this._edits.wrap(property.start, property.end, `(${hit(k)}, `, ')');
      return;
    }
    const dot = findToken(this._code, callee.object.end, property.start, '.');
    const optional = this._code[dot - 1] === '?';
    this._edits.overwrite(optional ? dot + 1 : dot, property.end, `[(${hit(k)}, ${JSON.stringify(property.name)})]`);
  }

  /** A function declaration inside a block is created each time the block is entered. */
  private _functionDeclaration(node: AstNode, parent: AstNode | undefined): void {
    if (!parent || !node.body) return;
    const site = { kind: 'closure' as const, detail: node.id?.name ?? '', count: -1, pos: node.start };
    if (parent.type === 'BlockStatement' || parent.type === 'StaticBlock') {
      this._edits.insert(this._blockStart(parent), `;${hit(this._addSite(site, node))};`);
    } else if (parent.type === 'SwitchCase') {
      // Declarations in a switch exist from its entry: count when the discriminant is evaluated.
      const switchNode = this._ancestors[this._ancestors.length - 2]!;
      const k = this._addSite(site, node);
      this._edits.wrap(switchNode.discriminant.start, switchNode.discriminant.end, `(${hit(k)}, `, ')');
    }
  }

  private _closure(node: AstNode, parent: AstNode | undefined): void {
    if (parent && isMethodValue(node, parent)) return;
    const site: Classified = { kind: 'closure', detail: node.id?.name ?? '', count: -1, pos: node.start };
    if (node.id) return this._wrapSite(node, site);
    // Anonymous: the name comes from the context, which a comma expression would hide.
    let top = node;
    let depth = this._ancestors.length - 1;
    while (depth >= 0 && isTransparent(this._ancestors[depth]!)) top = this._ancestors[depth--]!;
    const holder = this._ancestors[depth];
    if (!holder) return this._wrapSite(node, site);
    switch (holder.type) {
      case 'VariableDeclarator': {
        if (holder.init !== top || holder.id.type !== 'Identifier') break;
        const statement = this._statementOf(depth - 1);
        if (statement) this._edits.insert(statement.start, `;${hit(this._addSite({ ...site, detail: holder.id.name }, node))};`);
        return;
      }
      case 'AssignmentExpression':
        if (holder.right === top && holder.left.type === 'Identifier') {
          return this._wrapSite(holder, { ...site, detail: holder.left.name }, node);
        }
        break;
      case 'Property':
        if (holder.value === top && holder.kind === 'init' && !holder.shorthand) return this._namedProperty(holder, site, node);
        break;
      case 'PropertyDefinition':
      case 'AccessorProperty':
        if (holder.value === top) {
          const k = this._addSite({ ...site, detail: keyName(holder.key, holder.computed) }, node);
          const at = holder.decorators?.[0]?.start ?? holder.start;
          this._edits.insert(at, `;${holder.static ? 'static ' : ''}#__alloclab_${k} = void ${hit(k)};`);
          return;
        }
        break;
      case 'AssignmentPattern':
        // `{ f = () => {} }`: a default value named after its binding; no place counts it exactly.
        if (holder.right === top && holder.left.type === 'Identifier') return;
        break;
      case 'ExportDefaultDeclaration': {
        const statement = this._statementOf(depth);
        if (statement) this._edits.insert(statement.start, `;${hit(this._addSite({ ...site, detail: 'default' }, node))};`);
        return;
      }
    }
    this._wrapSite(node, site);
  }

  /** `{ f: () => {} }` -> `{ [(hit, "f")]: () => {} }`: a computed key names the function too. */
  private _namedProperty(property: AstNode, site: Classified, node: AstNode): void {
    const key = property.key as AstNode;
    if (property.computed) return this._wrapSite(key, { ...site, detail: '[computed]' }, node);
    const name = keyName(key, false);
    // `__proto__: f` sets the prototype, a computed `["__proto__"]` would not; it names nothing.
    if (name === '__proto__') return this._wrapSite(node, site);
    const k = this._addSite({ ...site, detail: name }, node);
    const text = key.type === 'Identifier' ? JSON.stringify(name) : this._code.slice(key.start, key.end);
    this._edits.overwrite(key.start, key.end, `[(${hit(k)}, ${text})]`);
  }

  /** Wraps `target` (or the TS wrappers around it) in a counted comma expression. */
  private _wrapSite(target: AstNode, site: Classified, shown: AstNode = target): void {
    const k = this._addSite(site, shown);
    let outer = target;
    for (let i = this._ancestors.length - 1; i >= 0; i--) {
      const a = this._ancestors[i]!;
      if (!TS_EXPRESSION_WRAPPERS.has(a.type) || a.expression !== outer) break;
      outer = a;
    }
    this._edits.wrap(outer.start, outer.end, `(${hit(k)}, `, ')');
  }

  private _addSite(site: Classified, shown: AstNode): number {
    const functionName = this._functionNames[this._functionNames.length - 1] ?? '<module>';
    this._sites.push({ ...site, functionName, start: shown.start, end: shown.end });
    return this._sites.length - 1;
  }

  /** Pushes the function or class name for the sites inside `node`; returns what was pushed. */
  private _enterScope(node: AstNode, parent: AstNode | undefined): 'function' | 'class' | null {
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      this._classNames.push(node.id?.name ?? this._nameFromHolder(parent) ?? '<class>');
      return 'class';
    }
    if (isFunction(node)) {
      this._functionNames.push(this._functionName(node, parent));
      this._countRestParameters(node);
      return 'function';
    }
    if (node.type === 'StaticBlock') {
      this._functionNames.push(`${this._className()}.<static>`);
      return 'function';
    }
    if (node.type === 'ChainExpression') markSpine(node.expression, this._chainSpine);
    if (node.type === 'PropertyDefinition' || node.type === 'AccessorProperty') {
      // Field initialisers run per instance, as part of construction.
      this._functionNames.push(`${this._className()}.${keyName(node.key, node.computed)}`);
      return 'function';
    }
    return null;
  }

  private _countRestParameters(fn: AstNode): void {
    if (!fn.body) return;
    for (const param of fn.params as AstNode[]) {
      for (const rest of collectRests(param, [])) {
        const k = this._addSite(restSite(rest), rest);
        if (fn.body.type === 'BlockStatement') this._edits.insert(this._blockStart(fn.body), `;${hit(k)};`);
        else this._edits.wrap(fn.body.start, fn.body.end, `(${hit(k)}, `, ')');
      }
    }
  }

  private _functionName(fn: AstNode, parent: AstNode | undefined): string {
    if (fn.id) return fn.id.name as string;
    if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
      return `${this._className()}.${keyName(parent.key, parent.computed)}`;
    }
    const named = this._nameFromHolder(parent);
    if (named) return named;
    const outer = this._functionNames[this._functionNames.length - 1];
    return outer ? `${outer}/<anonymous>` : '<anonymous>';
  }

  private _nameFromHolder(holder: AstNode | undefined): string | null {
    if (!holder) return null;
    if (holder.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name as string;
    if (holder.type === 'Property') return keyName(holder.key, holder.computed);
    if (holder.type === 'AssignmentExpression') return dottedName(holder.left) || null;
    return null;
  }

  private _className(): string {
    return this._classNames[this._classNames.length - 1] ?? '<class>';
  }

  /** Offset after `{` and after any directive prologue, where a statement may be inserted. */
  private _blockStart(block: AstNode): number {
    let pos = block.start + 1;
    for (const statement of block.body as AstNode[]) {
      if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
      pos = statement.end;
    }
    return pos;
  }

  /** The statement, child of a statement list, that holds ancestor `depth`; null if none. */
  private _statementOf(depth: number): AstNode | null {
    for (let i = depth; i > 0; i--) {
      const node = this._ancestors[i]!;
      const parent = this._ancestors[i - 1]!;
      if (statementList(parent)) return node;
      const passes =
        parent.type === 'ExportNamedDeclaration' ||
        parent.type === 'ExportDefaultDeclaration' ||
        parent.type === 'LabeledStatement' ||
        (parent.type === 'ForStatement' && parent.init === node);
      if (!passes) return null;
    }
    return null;
  }

  private _operator(node: AstNode, op: string): number {
    const at = findToken(this._code, node.left.end, node.right.start, op);
    return at < 0 ? node.start : at;
  }
}

function hit(k: number): string {
  // Inline increments rather than a call: see runtime.ts. `| 0` sends a hit that arrives before
  // the module registered (`__alloclab_base` still undefined) to the sink at slot 0.
  return `__alloclab_slots[(__alloclab_base + ${k}) | 0]++`;
}

function restSite(rest: AstNode): Classified {
  return { kind: 'rest', detail: '', count: -1, pos: rest.start };
}

/** Parentheses and TS wrappers keep a function anonymous-named by its holder. */
function isTransparent(node: AstNode): boolean {
  return node.type === 'ParenthesizedExpression' || TS_EXPRESSION_WRAPPERS.has(node.type);
}

function isMethodValue(fn: AstNode, parent: AstNode): boolean {
  if (parent.type === 'MethodDefinition' || parent.type === 'TSAbstractMethodDefinition') return true;
  return parent.type === 'Property' && parent.value === fn && (parent.method || parent.kind !== 'init');
}

/** Marks the calls and members of a chain through which its short-circuit runs. */
function markSpine(node: AstNode, spine: Set<AstNode>): void {
  let n: AstNode | null = node;
  while (n) {
    if (n.type === 'CallExpression') {
      spine.add(n);
      n = n.callee as AstNode;
    } else if (n.type === 'MemberExpression') {
      spine.add(n);
      n = n.object as AstNode;
    } else if (n.type === 'TSNonNullExpression') {
      n = n.expression as AstNode;
    } else {
      n = null;
    }
  }
}
