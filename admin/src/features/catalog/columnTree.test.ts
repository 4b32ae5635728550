import { describe, expect, it } from 'vitest';
import {
  buildColumnTree,
  depthOf,
  dropRelation,
  filterColumnTree,
  idsOfTree,
  planMove,
  subtreeHeight,
  type ColumnLike,
} from './columnTree';

const c = (id: string, parentId: string | null, sortOrder = 0, name = id): ColumnLike => ({
  id,
  parentId,
  sortOrder,
  name,
});

// a ─ a1 ─ a11
//   └ a2
// b
const COLS = [c('a', null, 1), c('a1', 'a', 1), c('a11', 'a1', 1), c('a2', 'a', 2), c('b', null, 2)];

describe('column tree', () => {
  it('nests by parent in sort order and measures depth and height', () => {
    const tree = buildColumnTree([...COLS].reverse());
    expect(tree.map((n) => n.column.id)).toEqual(['a', 'b']);
    expect(tree[0]!.children.map((n) => n.column.id)).toEqual(['a1', 'a2']);
    expect(tree[0]!.children[0]!.children[0]!.depth).toBe(3);
    expect(depthOf(COLS, 'a11')).toBe(3);
    expect(depthOf(COLS, null)).toBe(0);
    expect(subtreeHeight(COLS, 'a')).toBe(3);
    expect(subtreeHeight(COLS, 'b')).toBe(1);
  });

  it('filters by typed name, keeping ancestors of a match and the subtree below it', () => {
    const named = [
      c('zc', null, 1, '政策文件'),
      c('gfx', 'zc', 1, '规范性文件'),
      c('qt', 'zc', 2, '其他文件'),
      c('jg', null, 2, '机构职能'),
      c('ld', 'jg', 1, '领导信息'),
    ];
    const tree = buildColumnTree(named);
    expect(idsOfTree(filterColumnTree(tree, '规范'))).toEqual(['zc', 'gfx']);
    expect(idsOfTree(filterColumnTree(tree, '机构'))).toEqual(['jg', 'ld']);
    expect(idsOfTree(filterColumnTree(tree, '文件'))).toEqual(['zc', 'gfx', 'qt']);
    expect(filterColumnTree(tree, '无此栏目')).toEqual([]);
    expect(filterColumnTree(tree, '  ')).toBe(tree);
  });

  it('plans a reorder among siblings', () => {
    expect(planMove(COLS, 'a2', 'a1', 'before')).toEqual({
      ok: true,
      parentId: 'a',
      position: 0,
      siblingIds: ['a2', 'a1'],
    });
    expect(planMove(COLS, 'a', 'b', 'after')).toMatchObject({ ok: true, parentId: null, position: 1 });
  });

  it('plans a move inside another column as its first child', () => {
    expect(planMove(COLS, 'b', 'a1', 'inside')).toEqual({
      ok: true,
      parentId: 'a1',
      position: 0,
      siblingIds: ['b', 'a11'],
    });
  });

  it('refuses a fourth level and moves into the own subtree', () => {
    const deep = planMove(COLS, 'b', 'a11', 'inside');
    expect(deep.ok).toBe(false);
    expect(!deep.ok && deep.reason).toContain('最多3级');
    // a1 has a child: under a2 it would reach level 4.
    expect(planMove(COLS, 'a1', 'a2', 'inside').ok).toBe(false);
    expect(planMove(COLS, 'a', 'a11', 'after')).toEqual({ ok: false, reason: '不能移动到自己的下级栏目中' });
    expect(planMove(COLS, 'a', 'a', 'inside').ok).toBe(false);
  });

  it("reads antd's drop info", () => {
    expect(dropRelation({ dropToGap: false, dropPosition: 0, nodePos: '0-1' })).toBe('inside');
    expect(dropRelation({ dropToGap: true, dropPosition: 0, nodePos: '0-1' })).toBe('before');
    expect(dropRelation({ dropToGap: true, dropPosition: 2, nodePos: '0-1' })).toBe('after');
  });
});
