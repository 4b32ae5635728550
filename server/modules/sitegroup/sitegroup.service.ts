/**
 * Site group (站群) use cases: the org tree as the group sees it, the 部门导航 of a government, the
 * group-wide search (the search module's index over every member, with an agency facet) and the
 * group-wide 政府信息公开目录 (the catalog's public facts of every member). Everything here is public
 * content: the search index holds only public documents and the catalog facts only published items.
 */
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { publicAgencyCounts, publicSearch } from '../search/search.service.js';
import type { SearchResultPage } from '../search/search.index.js';
import {
  GROUP_CATALOG_MAX_ROWS,
  groupCatalogCounts,
  groupCatalogItems,
  groupCatalogYears,
  type GroupCatalogItem,
} from '../catalog/index.js';
import {
  agencyFacet,
  chooseAgency,
  directoryOf,
  groupMembers,
  groupTrailOf,
  pageCountOf,
  type AgencyChoice,
  type DirectorySection,
  type FacetEntry,
  type GroupTrail,
} from './sitegroup.rules.js';

/**
 * Matches counted for the agency facet, in one query over every member (search.countByAgency): beyond it
 * the counts are lower bounds, shown as "n+ 条" with a note (bench/sitegroup measures the cost).
 */
export const FACET_COUNT_CAP = 5000;
export const GROUP_CATALOG_PAGE_SIZE = 20;

/** Every org (the tree is small: hundreds of rows at most). */
export async function allOrgs(ctx: Ctx): Promise<Org[]> {
  return orgRepo.listAll(ctx.db);
}

/** Where an agency sits in its group: 上级政府门户 and the breadcrumb trail. */
export async function trailOf(ctx: Ctx, orgId: string): Promise<GroupTrail> {
  return groupTrailOf(await allOrgs(ctx), orgId);
}

/** The group pages exist on a government's portal only. */
function assertGovernment(agency: Org): void {
  if (agency.kind !== 'government') throw notFound('sitegroup', '该页面仅在人民政府门户网站提供');
}

/** The 部门导航 of a government's portal (its departments with their units, lower governments). */
export async function directory(ctx: Ctx, government: Org): Promise<DirectorySection<Org>[]> {
  assertGovernment(government);
  return directoryOf(await allOrgs(ctx), government.id);
}

/** Departments of a government for its home-page block (no units, no lower governments). */
export async function departmentsOf(ctx: Ctx, government: Org): Promise<Org[]> {
  if (government.kind !== 'government') return [];
  return (
    directoryOf(await allOrgs(ctx), government.id).find((s) => s.key === 'departments')?.entries ?? []
  ).map((e) => e.org);
}

export interface GroupSearchInput {
  q: string;
  agency: string;
  year?: number;
  order: 'newest' | 'relevance';
  page: number;
}

export interface GroupSearchView {
  members: Org[];
  choice: AgencyChoice<Org>;
  result: SearchResultPage | null;
  facet: FacetEntry<Org>[];
  /** How the facet counted: null without a query; `capped` when only `counted` of the matches were counted. */
  facetCount: { counted: number; capped: boolean; cap: number } | null;
}

/** Searches the public index of every member of the government's group (or of the chosen member). */
export async function groupSearch(
  ctx: Ctx,
  government: Org,
  input: GroupSearchInput,
): Promise<GroupSearchView> {
  assertGovernment(government);
  const members = groupMembers(await allOrgs(ctx), government.id);
  const choice = chooseAgency(members, input.agency);
  const orgIds =
    choice.kind === 'all' ? members.map((m) => m.id) : choice.kind === 'one' ? [choice.org.id] : [];
  const filters = input.year ? { year: input.year } : {};
  if (!input.q)
    return {
      members,
      choice,
      result: null,
      facet: agencyFacet(members, null, selectedId(choice)),
      facetCount: null,
    };
  const result = await publicSearch(ctx, {
    q: input.q,
    orgIds,
    filters,
    page: input.page,
    order: input.order,
  });
  // The facet counts every member's hits in one query (also while one member is chosen, so the others
  // stay reachable with their numbers), over at most FACET_COUNT_CAP matches.
  const c = await publicAgencyCounts(
    ctx,
    { q: input.q, orgIds: members.map((m) => m.id), filters },
    FACET_COUNT_CAP,
  );
  const counts = new Map([...c.counts].map(([id, n]) => [id, { n, capped: c.capped }]));
  return {
    members,
    choice,
    result,
    facet: agencyFacet(members, counts, selectedId(choice), c.capped),
    facetCount: { counted: c.counted, capped: c.capped, cap: c.cap },
  };
}

function selectedId(choice: AgencyChoice<Org>): string | null {
  return choice.kind === 'one' ? choice.org.id : null;
}

export interface GroupCatalogInput {
  agency: string;
  year?: number;
  page: number;
}

export interface GroupCatalogView {
  members: Org[];
  choice: AgencyChoice<Org>;
  years: number[];
  items: GroupCatalogItem[];
  total: number;
  perAgency: Map<string, number>;
  page: number;
  pageCount: number;
  /** True when the list across agencies stops before its end (choose an agency to page further). */
  truncated: boolean;
}

/** The group-wide 政府信息公开目录: published items of every member (or one), newest first. */
export async function groupCatalog(
  ctx: Ctx,
  government: Org,
  input: GroupCatalogInput,
): Promise<GroupCatalogView> {
  assertGovernment(government);
  const members = groupMembers(await allOrgs(ctx), government.id);
  const choice = chooseAgency(members, input.agency);
  const memberIds = members.map((m) => m.id);
  const years = await groupCatalogYears(ctx, memberIds);
  if (choice.kind === 'unknown')
    return {
      members,
      choice,
      years,
      items: [],
      total: 0,
      perAgency: new Map(),
      page: 1,
      pageCount: 1,
      truncated: false,
    };
  const orgIds = choice.kind === 'all' ? memberIds : [choice.org.id];
  const maxRows = orgIds.length === 1 ? Infinity : GROUP_CATALOG_MAX_ROWS;
  const size = GROUP_CATALOG_PAGE_SIZE;
  // Counts of every member come from the maintained counters (one query): the agency filter shows
  // them, and a page beyond the end shows the last page.
  const perAgency = await groupCatalogCounts(ctx, memberIds, { year: input.year });
  const total = orgIds.reduce((s, id) => s + (perAgency.get(id) ?? 0), 0);
  const pageCount = pageCountOf(total, size, maxRows);
  const page = Math.min(input.page, pageCount);
  const items = await groupCatalogItems(ctx, orgIds, { year: input.year, total }, size, (page - 1) * size);
  return {
    members,
    choice,
    years,
    items,
    total,
    perAgency,
    page,
    pageCount,
    truncated: total > maxRows,
  };
}
