import { type AstNode, forEachChild, isFunction, isSkipped, unwrap } from './ast.ts';

/** Names of the generator and async functions a module declares. */
export interface AllocatingFunctions {
  generators: Set<string>;
  asyncs: Set<string>;
}

/**
 * Finds the module's generator and async functions by name: declarations, and variables
 * initialised with a function expression or arrow. Calling one allocates (a generator object, a
 * promise) before its body runs. Names are matched without scope analysis, so a local variable
 * that shadows such a name is counted too.
 */
export function collectAllocatingFunctions(program: AstNode): AllocatingFunctions {
  const found: AllocatingFunctions = { generators: new Set(), asyncs: new Set() };
  const visit = (node: AstNode): void => {
    if (isSkipped(node)) return;
    if (node.type === 'FunctionDeclaration' && node.id) note(node.id.name as string, node, found);
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrap(node.init as AstNode);
      if (isFunction(init)) note(node.id.name as string, init, found);
    }
    forEachChild(node, visit);
  };
  visit(program);
  return found;
}

function note(name: string, fn: AstNode, found: AllocatingFunctions): void {
  if (fn.generator) found.generators.add(name);
  else if (fn.async) found.asyncs.add(name);
}
