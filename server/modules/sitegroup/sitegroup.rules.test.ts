import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OrgKind } from '../orgs/orgs.tables.js';
import {
  agencyFacet,
  ancestorsOf,
  chooseAgency,
  directoryOf,
  disclosureLinks,
  groupMembers,
  groupTrailOf,
  hasPortal,
  pageCountOf,
  pageParam,
  portalBase,
  portalHome,
  queryParam,
  superiorGovernmentOf,
  yearParam,
  type GroupOrg,
} from './sitegroup.rules.js';

function org(id: string, kind: OrgKind, parent: string | null, extra: Partial<GroupOrg> = {}): GroupOrg {
  return {
    id,
    parent_id: parent,
    kind,
    code: id,
    name: extra.name ?? id,
    short_name: null,
    address: null,
    phone: null,
    is_default: 0,
    sort_order: 0,
    retired_at: null,
    ...extra,
  };
}

/** 市政府 → 应急局 (default; 科室, 大队) · 交通局 (执法支队) · 环境局 (retired) ; 县政府 → 县交通局. */
const TREE: GroupOrg[] = [
  org('gov', 'government', null, { name: '示例市人民政府' }),
  org('yjj', 'department', 'gov', { name: '示例市应急管理局', is_default: 1, sort_order: 1 }),
  org('yjj-d1', 'division', 'yjj', { name: '办公室' }),
  org('yjj-u1', 'unit', 'yjj', { name: '安全生产监察大队' }),
  org('jtj', 'department', 'gov', { name: '示例市交通运输局', sort_order: 2 }),
  org('jtj-u1', 'unit', 'jtj', { name: '交通运输综合行政执法支队' }),
  org('jtj-u1-d1', 'division', 'jtj-u1', { name: '一大队' }),
  org('hbj', 'department', 'gov', {
    name: '示例市生态环境局',
    sort_order: 3,
    retired_at: '2026-01-01T00:00:00Z',
  }),
  org('hbj-u1', 'unit', 'hbj', { name: '监测中心' }),
  org('county', 'government', 'gov', { name: '示例县人民政府', sort_order: 9 }),
  org('county-jt', 'department', 'county', { name: '示例县交通运输局' }),
];

describe('portal addresses', () => {
  it('serves the default agency at the root and the others under /a/<code>', () => {
    expect(portalBase(TREE[1]!)).toBe('');
    expect(portalHome(TREE[1]!)).toBe('/');
    expect(portalBase(TREE[4]!)).toBe('/a/jtj');
    expect(portalHome(TREE[4]!)).toBe('/a/jtj/');
    expect(disclosureLinks(TREE[4]!).map((l) => l.href)).toEqual([
      '/a/jtj/guide',
      '/a/jtj/catalog',
      '/a/jtj/reports',
      '/a/jtj/apply',
    ]);
    expect(disclosureLinks(TREE[1]!)[0]!.href).toBe('/guide');
  });

  it('gives portals to agencies only, and not when retired', () => {
    expect(hasPortal(TREE[0]!)).toBe(true);
    expect(hasPortal(TREE[2]!)).toBe(false);
    expect(hasPortal(TREE[7]!)).toBe(false);
  });
});

describe('the trail up to the government', () => {
  it('links a department and a unit back to their government, skipping divisions', () => {
    expect(groupTrailOf(TREE, 'jtj')).toEqual({
      superior: { href: '/a/gov/', label: '示例市人民政府' },
      trail: [{ href: '/a/gov/', label: '示例市人民政府' }],
    });
    expect(groupTrailOf(TREE, 'jtj-u1').trail.map((l) => l.label)).toEqual([
      '示例市人民政府',
      '示例市交通运输局',
    ]);
    expect(ancestorsOf(TREE, 'jtj-u1-d1').map((o) => o.id)).toEqual(['gov', 'jtj', 'jtj-u1']);
  });

  it('gives a top government no superior, and a county department its county government', () => {
    expect(groupTrailOf(TREE, 'gov')).toEqual({ superior: null, trail: [] });
    expect(superiorGovernmentOf(TREE, 'county-jt')?.id).toBe('county');
    expect(superiorGovernmentOf(TREE, 'county')?.id).toBe('gov');
  });

  it('ends on a loop in the tree instead of hanging', () => {
    const loop = [org('a', 'government', 'b'), org('b', 'department', 'a')];
    expect(ancestorsOf(loop, 'a').map((o) => o.id)).toEqual(['b']);
    expect(groupMembers(loop, 'a').map((o) => o.id)).toEqual(['a', 'b']);
  });
});

describe('group members and the 部门导航', () => {
  it('holds the government and every live agency below it, in tree order', () => {
    expect(groupMembers(TREE, 'gov').map((o) => o.id)).toEqual([
      'gov',
      'yjj',
      'yjj-u1',
      'jtj',
      'jtj-u1',
      'county',
      'county-jt',
    ]);
    expect(groupMembers(TREE, 'county').map((o) => o.id)).toEqual(['county', 'county-jt']);
    expect(groupMembers(TREE, 'hbj')).toEqual([]);
    expect(groupMembers(TREE, 'missing')).toEqual([]);
  });

  it('groups departments (with their units) and lower governments', () => {
    const dir = directoryOf(TREE, 'gov');
    expect(dir.map((s) => s.title)).toEqual(['政府部门', '下级人民政府']);
    expect(dir[0]!.entries.map((e) => [e.org.id, e.units.map((u) => u.id)])).toEqual([
      ['yjj', ['yjj-u1']],
      ['jtj', ['jtj-u1']],
    ]);
    expect(dir[1]!.entries.map((e) => e.org.id)).toEqual(['county']);
    expect(directoryOf(TREE, 'county').map((s) => s.key)).toEqual(['departments']);
    expect(directoryOf(TREE, 'county-jt')).toEqual([]);
  });

  it('orders by sort order, then by name', () => {
    const tree = [
      org('g', 'government', null),
      org('b', 'department', 'g', { name: '乙局', sort_order: 1 }),
      org('a', 'department', 'g', { name: '甲局', sort_order: 1 }),
      org('c', 'department', 'g', { name: '丙局', sort_order: 0 }),
    ];
    expect(directoryOf(tree, 'g')[0]!.entries.map((e) => e.org.name)).toEqual(['丙局', '甲局', '乙局']);
  });

  it('property: members are exactly the live agencies whose live ancestors lead to the government', () => {
    const kinds: OrgKind[] = ['department', 'division', 'unit', 'government'];
    const arb = fc.array(
      fc.record({ parent: fc.nat(20), kind: fc.constantFrom(...kinds), retired: fc.boolean() }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const tree = [org('n0', 'government', null)];
        rows.forEach((r, i) => {
          const parent = `n${r.parent % (i + 1)}`;
          tree.push(org(`n${i + 1}`, r.kind, parent, { retired_at: r.retired ? 'x' : null }));
        });
        const members = new Set(groupMembers(tree, 'n0').map((o) => o.id));
        for (const o of tree) {
          let live = o.retired_at === null;
          for (let p = o.parent_id; p && live; p = tree.find((x) => x.id === p)!.parent_id)
            live = tree.find((x) => x.id === p)!.retired_at === null;
          expect(members.has(o.id)).toBe(live && o.kind !== 'division');
        }
      }),
    );
  });
});

describe('the agency filter and facet', () => {
  const members = groupMembers(TREE, 'gov');

  it('chooses all, one member, or says the code is unknown (never widens)', () => {
    expect(chooseAgency(members, '')).toMatchObject({ kind: 'all' });
    expect(chooseAgency(members, ' jtj ')).toMatchObject({ kind: 'one', org: { id: 'jtj' } });
    expect(chooseAgency(members, 'hbj')).toEqual({ kind: 'unknown' }); // retired
    expect(chooseAgency(members, 'nope')).toEqual({ kind: 'unknown' });
  });

  it('lists members with hits, most first, keeping the selected one', () => {
    const counts = new Map([
      ['yjj', { n: 3, capped: false }],
      ['jtj', { n: 8, capped: true }],
      ['county', { n: 3, capped: false }],
    ]);
    const facet = agencyFacet(members, counts, 'gov');
    expect(facet.map((f) => [f.org.id, f.count, f.capped, f.selected])).toEqual([
      ['jtj', 8, true, false],
      ['yjj', 3, false, false],
      ['county', 3, false, false],
      ['gov', 0, false, true],
    ]);
    expect(agencyFacet(members, null, null).map((f) => f.count)).toEqual(members.map(() => null));
  });
});

describe('query parameters', () => {
  it('reads text, pages and years defensively', () => {
    expect(queryParam('  排污口 ')).toBe('排污口');
    expect(queryParam(['a', 'b'])).toBe('a');
    expect(queryParam(undefined)).toBe('');
    expect(queryParam('a\u0000b')).toBe('ab');
    expect(queryParam('ab𠀀', 3)).toBe('ab');
    expect(pageParam('3')).toBe(3);
    expect(pageParam('0')).toBe(1);
    expect(pageParam('-2')).toBe(1);
    expect(pageParam('99999999')).toBe(1);
    expect(pageParam('500', 50)).toBe(50);
    expect(yearParam('2026')).toBe(2026);
    expect(yearParam('26')).toBeUndefined();
    expect(yearParam('2026x')).toBe(2026); // cut to four characters
    expect(pageCountOf(0, 20)).toBe(1);
    expect(pageCountOf(41, 20)).toBe(3);
    expect(pageCountOf(5000, 20, 1000)).toBe(50);
  });

  it('property: never returns half a surrogate pair, NUL or more than max characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 120 }), (s, max) => {
        const out = queryParam(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/\u0000/);
        expect(out).not.toMatch(/[\uD800-\uDBFF]$/);
        const p = pageParam(s);
        expect(Number.isInteger(p) && p >= 1 && p <= 10_000).toBe(true);
      }),
    );
  });
});
