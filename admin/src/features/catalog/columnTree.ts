/**
 * Pure helpers of the column (栏目) tree editor: building the tree from the flat list the API
 * returns and planning a drag-and-drop move. The statutory catalog is at most three levels deep
 * (issue 4: 一级/二级/三级栏目), so a move that would make the tree deeper is refused here before
 * the server refuses it too.
 */

export const MAX_COLUMN_DEPTH = 3;

/** The fields of a column these helpers need. */
export interface ColumnLike {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

export interface ColumnNode<C extends ColumnLike> {
  column: C;
  /** 1 for a top-level column. */
  depth: number;
  children: ColumnNode<C>[];
}

const byOrder = <C extends ColumnLike>(a: C, b: C) =>
  a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');

/** Nests the flat list by parentId, siblings in sortOrder; orphans (parent filtered out) become roots. */
export function buildColumnTree<C extends ColumnLike>(columns: readonly C[]): ColumnNode<C>[] {
  const ids = new Set(columns.map((c) => c.id));
  const children = new Map<string | null, C[]>();
  for (const c of columns) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const build = (parent: string | null, depth: number): ColumnNode<C>[] =>
    (children.get(parent) ?? [])
      .slice()
      .sort(byOrder)
      .map((column) => ({ column, depth, children: build(column.id, depth + 1) }));
  return build(null, 1);
}

/** Depth of a column (1 = top level), following parentIds in the flat list. */
export function depthOf(columns: readonly ColumnLike[], id: string | null): number {
  const byId = new Map(columns.map((c) => [c.id, c]));
  let depth = 0;
  let cur = id ? byId.get(id) : undefined;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    depth++;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return depth;
}

/** Levels in the subtree rooted at `id` (1 = a leaf). */
export function subtreeHeight(columns: readonly ColumnLike[], id: string): number {
  const kids = columns.filter((c) => c.parentId === id);
  return 1 + kids.reduce((m, k) => Math.max(m, subtreeHeight(columns, k.id)), 0);
}

/** Whether `id` is `ancestorId` or lies below it. */
export function isWithin(columns: readonly ColumnLike[], id: string | null, ancestorId: string): boolean {
  const byId = new Map(columns.map((c) => [c.id, c]));
  let cur = id;
  const seen = new Set<string>();
  while (cur && !seen.has(cur)) {
    if (cur === ancestorId) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

export type DropRelation = 'before' | 'after' | 'inside';

export type MovePlan =
  | {
      ok: true;
      parentId: string | null;
      /** 0-based position among the new siblings (the moved column not counted). */
      position: number;
      /** The new siblings' ids in their new order, the moved column included. */
      siblingIds: string[];
    }
  | { ok: false; reason: string };

/**
 * Plans moving `dragId` before/after/inside `targetId`. Refuses moves into the column's own
 * subtree and moves that would exceed MAX_COLUMN_DEPTH levels.
 */
export function planMove(
  columns: readonly ColumnLike[],
  dragId: string,
  targetId: string,
  relation: DropRelation,
): MovePlan {
  const target = columns.find((c) => c.id === targetId);
  if (!columns.some((c) => c.id === dragId) || !target) return { ok: false, reason: '栏目不存在' };
  if (dragId === targetId) return { ok: false, reason: '不能移动到自身' };
  const parentId = relation === 'inside' ? targetId : target.parentId;
  if (parentId && isWithin(columns, parentId, dragId)) {
    return { ok: false, reason: '不能移动到自己的下级栏目中' };
  }
  const newDepth = depthOf(columns, parentId) + subtreeHeight(columns, dragId);
  if (newDepth > MAX_COLUMN_DEPTH) {
    return { ok: false, reason: `栏目最多${MAX_COLUMN_DEPTH}级，移动后将超过层级限制` };
  }
  const siblings = columns
    .filter((c) => c.parentId === parentId && c.id !== dragId)
    .slice()
    .sort(byOrder)
    .map((c) => c.id);
  let position: number;
  if (relation === 'inside') position = 0;
  else {
    const at = siblings.indexOf(targetId);
    position = relation === 'before' ? at : at + 1;
  }
  const siblingIds = [...siblings.slice(0, position), dragId, ...siblings.slice(position)];
  return { ok: true, parentId, position, siblingIds };
}

/**
 * The relation antd's Tree reports on drop: `dropToGap` false means "inside"; otherwise
 * `dropPosition` relative to the target's own index says before (-1) or after (1).
 */
export function dropRelation(info: {
  dropToGap: boolean;
  dropPosition: number;
  nodePos: string;
}): DropRelation {
  if (!info.dropToGap) return 'inside';
  const ownIndex = Number(info.nodePos.split('-').pop());
  return info.dropPosition - ownIndex < 0 ? 'before' : 'after';
}

/**
 * The tree narrowed to the columns whose name contains `query` (case-insensitive), each kept with its
 * ancestors so the match is shown where it sits; a match keeps its whole subtree. An empty query keeps all.
 */
export function filterColumnTree<C extends ColumnLike>(
  nodes: ColumnNode<C>[],
  query: string,
): ColumnNode<C>[] {
  const q = query.trim().toLowerCase();
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    if (n.column.name.toLowerCase().includes(q)) return [n];
    const children = filterColumnTree(n.children, q);
    return children.length > 0 ? [{ ...n, children }] : [];
  });
}

/** Every column id in a (filtered) tree, for expanding all of it. */
export function idsOfTree<C extends ColumnLike>(nodes: ColumnNode<C>[]): string[] {
  return nodes.flatMap((n) => [n.column.id, ...idsOfTree(n.children)]);
}
