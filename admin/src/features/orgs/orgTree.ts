import type { OrgKind, OrgView } from '../../api/types';

export interface OrgNode {
  org: OrgView;
  children: OrgNode[];
}

/** Builds the tree from parentId links; orgs whose parent is not visible become roots. */
export function buildOrgTree(orgs: readonly OrgView[]): OrgNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { org: o, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.org.parentId ? nodes.get(n.org.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.org.sortOrder - b.org.sortOrder || a.org.name.localeCompare(b.org.name, 'zh-CN'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Which kinds may sit under a kind (mirrors server/modules/orgs/orgs.rules.ts): 政府 → 部门 → 科室 / 事业单位. */
export const CHILD_KINDS: Record<OrgKind | 'root', OrgKind[]> = {
  root: ['government', 'department'],
  government: ['department', 'government'],
  department: ['division', 'unit'],
  unit: ['division'],
  division: [],
};

/** Child kinds the user may create: 政务公开办 (org.settings) only 科室 and 所属单位 in its agency. */
export function creatableChildKinds(parentKind: OrgKind | null, canManageTree: boolean): OrgKind[] {
  const kinds = CHILD_KINDS[parentKind ?? 'root'];
  return canManageTree ? kinds : kinds.filter((k) => k === 'division' || k === 'unit');
}

/** Agencies (everything but 内设科室): users belong to one. */
export function isAgency(o: OrgView): boolean {
  return o.kind !== 'division';
}
