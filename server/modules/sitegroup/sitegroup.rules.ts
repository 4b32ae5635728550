/**
 * Site group (站群) rules, pure: who belongs to a government's group, how its 部门导航 is grouped, the
 * trail from an agency up to its government (上级政府门户, breadcrumbs), the portal address of each
 * agency, and the agency filter of the group-wide search and 目录.
 *
 * The org tree (orgs module): 政府 → 部门 → 所属单位 (units) and 内设科室 (divisions, never a portal);
 * a government may hold lower governments (县区政府), each the root of its own group below.
 */
import type { OrgKind } from '../orgs/orgs.tables.js';

/** The org fields the site group needs (a subset of the orgs row). */
export interface GroupOrg {
  id: string;
  parent_id: string | null;
  kind: OrgKind;
  code: string;
  name: string;
  short_name: string | null;
  address: string | null;
  phone: string | null;
  is_default: number;
  sort_order: number;
  retired_at: string | null;
}

/** A link: where and what it says. */
export interface GroupLink {
  href: string;
  label: string;
}

/** Agencies have portals; divisions (内设科室) do not, and retired orgs are gone from the portal. */
export function hasPortal(o: Pick<GroupOrg, 'kind' | 'retired_at'>): boolean {
  return o.kind !== 'division' && o.retired_at === null;
}

/** The path prefix of an agency's portal: '' for the default agency (served at `/`), else `/a/<code>`. */
export function portalBase(o: Pick<GroupOrg, 'is_default' | 'code'>): string {
  return o.is_default ? '' : `/a/${o.code}`;
}

/** The home page of an agency's portal. */
export function portalHome(o: Pick<GroupOrg, 'is_default' | 'code'>): string {
  return `${portalBase(o)}/`;
}

function indexById<T extends GroupOrg>(orgs: readonly T[]): Map<string, T> {
  return new Map(orgs.map((o) => [o.id, o]));
}

/**
 * The agencies above an agency whose portals a visitor may climb to, top first (divisions and retired
 * orgs skipped). A loop in the tree (bad data) ends the walk rather than hanging it.
 */
export function ancestorsOf<T extends GroupOrg>(orgs: readonly T[], agencyId: string): T[] {
  const byId = indexById(orgs);
  const out: T[] = [];
  const seen = new Set<string>([agencyId]);
  let parentId = byId.get(agencyId)?.parent_id ?? null;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const p = byId.get(parentId);
    if (!p) break;
    if (hasPortal(p)) out.unshift(p);
    parentId = p.parent_id;
  }
  return out;
}

/** The nearest government above the agency (its 上级政府), or null (a top government, or none). */
export function superiorGovernmentOf<T extends GroupOrg>(orgs: readonly T[], agencyId: string): T | null {
  const above = ancestorsOf(orgs, agencyId);
  for (let i = above.length - 1; i >= 0; i--) if (above[i]!.kind === 'government') return above[i]!;
  return null;
}

/** What an agency's pages show of its group: the 上级政府门户 link and the breadcrumb trail above it. */
export interface GroupTrail {
  superior: GroupLink | null;
  trail: GroupLink[];
}

export function groupTrailOf(orgs: readonly GroupOrg[], agencyId: string): GroupTrail {
  const gov = superiorGovernmentOf(orgs, agencyId);
  return {
    superior: gov ? { href: portalHome(gov), label: gov.name } : null,
    trail: ancestorsOf(orgs, agencyId).map((o) => ({ href: portalHome(o), label: o.name })),
  };
}

/**
 * The members of a government's site group: the government and every agency below it with a portal
 * (lower governments and their departments included), in tree order (sort order, then name).
 */
export function groupMembers<T extends GroupOrg>(orgs: readonly T[], governmentId: string): T[] {
  const children = new Map<string | null, T[]>();
  for (const o of orgs) {
    const list = children.get(o.parent_id) ?? [];
    list.push(o);
    children.set(o.parent_id, list);
  }
  for (const list of children.values()) list.sort(byOrder);
  const root = orgs.find((o) => o.id === governmentId);
  if (!root || !hasPortal(root)) return [];
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (o: T) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    // A retired agency takes its subtree off the group with it; divisions are walked through.
    if (o.retired_at !== null) return;
    if (o.kind !== 'division') out.push(o);
    for (const c of children.get(o.id) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function byOrder(a: GroupOrg, b: GroupOrg): number {
  return a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN');
}

/** One entry of the 部门导航: an agency with its subordinate units. */
export interface DirectoryEntry<T extends GroupOrg = GroupOrg> {
  org: T;
  units: T[];
}

/** One heading of the 部门导航 and its entries. */
export interface DirectorySection<T extends GroupOrg = GroupOrg> {
  key: 'departments' | 'governments';
  title: string;
  entries: DirectoryEntry<T>[];
}

export const SECTION_TITLES: Record<DirectorySection['key'], string> = {
  departments: '政府部门',
  governments: '下级人民政府',
};

/**
 * The 部门导航 of a government: its departments (each with its subordinate units under it) and its lower
 * governments; empty sections are left out. Only orgs with a portal are listed.
 */
export function directoryOf<T extends GroupOrg>(
  orgs: readonly T[],
  governmentId: string,
): DirectorySection<T>[] {
  const byParent = new Map<string, T[]>();
  for (const o of orgs) {
    if (!hasPortal(o) || o.parent_id === null) continue;
    const list = byParent.get(o.parent_id) ?? [];
    list.push(o);
    byParent.set(o.parent_id, list);
  }
  const childrenOf = (id: string) => [...(byParent.get(id) ?? [])].sort(byOrder);
  const under = childrenOf(governmentId);
  const sections: DirectorySection<T>[] = [
    {
      key: 'departments',
      title: SECTION_TITLES.departments,
      entries: under
        .filter((o) => o.kind === 'department')
        .map((org) => ({ org, units: childrenOf(org.id).filter((u) => u.kind === 'unit') })),
    },
    {
      key: 'governments',
      title: SECTION_TITLES.governments,
      entries: under.filter((o) => o.kind === 'government').map((org) => ({ org, units: [] })),
    },
  ];
  return sections.filter((s) => s.entries.length > 0);
}

/** The 政府信息公开 sections every agency's portal has, linked from the 部门导航. */
export const DISCLOSURE_SECTIONS: readonly { path: string; label: string }[] = [
  { path: '/guide', label: '公开指南' },
  { path: '/catalog', label: '公开目录' },
  { path: '/reports', label: '公开年报' },
  { path: '/apply', label: '依申请公开' },
];

export function disclosureLinks(o: Pick<GroupOrg, 'is_default' | 'code'>): GroupLink[] {
  return DISCLOSURE_SECTIONS.map((s) => ({ href: `${portalBase(o)}${s.path}`, label: s.label }));
}

/**
 * The agency filter of a group page: '' → every member; a member's code → that one; anything else →
 * `unknown` (the page says so and shows nothing rather than quietly widening the search).
 */
export type AgencyChoice<T> = { kind: 'all'; orgs: T[] } | { kind: 'one'; org: T } | { kind: 'unknown' };

export function chooseAgency<T extends GroupOrg>(members: readonly T[], code: string): AgencyChoice<T> {
  const c = code.trim();
  if (!c) return { kind: 'all', orgs: [...members] };
  const org = members.find((m) => m.code === c);
  return org ? { kind: 'one', org } : { kind: 'unknown' };
}

/** One option of the agency facet: the member, its hit count (null when not counted), selected or not. */
export interface FacetEntry<T extends GroupOrg = GroupOrg> {
  org: T;
  count: number | null;
  capped: boolean;
  selected: boolean;
}

/**
 * The agency facet of the group search: members with at least one hit, most hits first (tree order among
 * equals); the selected member stays listed even with none. Without counts, every member is listed in
 * tree order. With `incomplete` counts (only some of the matches were counted: each count is a lower
 * bound), the members without a counted hit follow in tree order without a number — they may have hits.
 */
export function agencyFacet<T extends GroupOrg>(
  members: readonly T[],
  counts: ReadonlyMap<string, { n: number; capped: boolean }> | null,
  selectedId: string | null,
  incomplete = false,
): FacetEntry<T>[] {
  const entries = members.map((org, i) => {
    const c = counts?.get(org.id);
    return {
      org,
      i,
      count: counts && (c || !incomplete) ? (c?.n ?? 0) : null,
      capped: c?.capped ?? false,
      selected: org.id === selectedId,
    };
  });
  const shown = counts && !incomplete ? entries.filter((e) => (e.count ?? 0) > 0 || e.selected) : entries;
  if (counts) shown.sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.i - b.i);
  return shown.map(({ org, count, capped, selected }) => ({ org, count, capped, selected }));
}

/** A trimmed query value (first of repeated) of at most `max` characters, never half a surrogate pair. */
export function queryParam(value: unknown, max = 100): string {
  const s = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof s !== 'string') return '';
  const t = s
    .replace(/\u0000/g, '')
    .trim()
    .slice(0, max);
  return /[\uD800-\uDBFF]$/.test(t) ? t.slice(0, -1) : t;
}

/** A page number from a query value: 1 … max, else 1. */
export function pageParam(value: unknown, max = 10_000): number {
  const s = queryParam(value, 8);
  const n = /^\d{1,7}$/.test(s) ? Number(s) : 1;
  return Math.min(Math.max(1, n), max);
}

/** A 发布年份 filter: a four-digit year, else undefined. */
export function yearParam(value: unknown): number | undefined {
  const s = queryParam(value, 4);
  return /^(19|20)\d\d$/.test(s) ? Number(s) : undefined;
}

/** Pages a list of `total` rows in pages of `pageSize` may show when no row beyond `maxRows` is served. */
export function pageCountOf(total: number, pageSize: number, maxRows = Infinity): number {
  return Math.max(1, Math.ceil(Math.min(total, maxRows) / pageSize));
}
