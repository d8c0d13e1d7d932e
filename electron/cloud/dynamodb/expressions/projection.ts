import type { WireItem, WireValue } from '../attribute-values.js';
import type { Path } from './ast.js';
import { resolvePath } from './evaluate.js';

/**
 * ProjectionExpression: only the named paths, nested as in the item; list elements picked by
 * index come back as a shorter list in index order (`a[1], a[3]` → `a: [a1, a3]`).
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
 */

type Tree = { leaf: WireValue } | { map: Map<string, Tree> } | { list: Map<number, Tree> };

function branchOf(parent: Map<string | number, Tree>, element: string | number, next: string | number): Tree {
  let branch = parent.get(element);
  if (!branch) {
    branch = typeof next === 'number' ? { list: new Map() } : { map: new Map() };
    parent.set(element, branch);
  }
  return branch;
}

function toValue(tree: Tree): WireValue {
  if ('leaf' in tree) return tree.leaf;
  if ('map' in tree)
    return { M: Object.fromEntries([...tree.map].map(([name, child]) => [name, toValue(child)])) };
  return { L: [...tree.list].sort(([a], [b]) => a - b).map(([, child]) => toValue(child)) };
}

export function projectItem(item: WireItem, paths: readonly Path[]): WireItem {
  const root = new Map<string, Tree>();
  for (const path of paths) {
    const value = resolvePath(item, path);
    if (value === undefined) continue;
    let level = root as Map<string | number, Tree>;
    const { elements } = path;
    for (let i = 0; i < elements.length - 1; i++) {
      const branch = branchOf(level, elements[i] as string | number, elements[i + 1] as string | number);
      level = ('map' in branch ? branch.map : 'list' in branch ? branch.list : new Map()) as Map<
        string | number,
        Tree
      >;
    }
    level.set(elements[elements.length - 1] as string | number, { leaf: value });
  }
  return Object.fromEntries([...root].map(([name, tree]) => [name, toValue(tree)]));
}
