/**
 * Read-only supervision facts of the catalog module (主动公开) for the supervision boards and the
 * scorecards (issue 19): late publication under 条例第二十六条, stale and blank columns. Callers pass
 * the agencies they may read (orgs.readableAgencyIds); no access checks here, no writes.
 *
 * Same rules as the agency's own timeliness dashboard (catalog.dashboard.ts): itemTimeliness (more than
 * 20 working days from 成文日期 to 发布日期 is late) and columnFreshness / updateLimitDays by update class,
 * a parent column counting its children's publications. Each fact is a fixed number of aggregated
 * queries over all the given agencies, whatever their number.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { columnFreshness, latestOnTimeDay, updateLimitDays } from './catalog.rules.js';
import type { UpdateClass } from './catalog.tables.js';
import * as repo from './catalog.supervision.repository.js';
import * as timeliness from './catalog.timeliness.repository.js';

type Db = Kysely<DB>;

export interface AsOf {
  today: string;
  calendar: WorkCalendar;
}

/** A publication window; the default is the 12 months up to today (as on the agency's dashboard). */
export type Window = repo.Window;

const defaultWindow = (asOf: AsOf): Window => ({ from: addDays(asOf.today, -365), to: asOf.today });

export { latestOnTimeDay };

export interface CatalogTimelinessFacts {
  orgId: string;
  /** Items first published in the window that carry a 成文日期. */
  published: number;
  /** Of those, published more than 20 working days after 成文日期 (第二十六条). */
  late: number;
  /** Live leaf columns past their update interval (dynamic 14 days, periodic 6 months). */
  staleColumns: number;
  /** Live leaf columns with no publication at all. */
  blankColumns: number;
  /** Live leaf columns (the denominator of the two above). */
  leafColumns: number;
}

/**
 * 成文日期 → its last on-time 发布日期 for every day from `start` to the window's end, where `start` is
 * early enough that its last on-time day falls before the window: any earlier 成文日期 is late for every
 * publication in the window (the on-time day never decreases with the 成文日期). Computed without reading
 * the items (no DISTINCT scan of the window's 成文日期).
 */
export function onTimeTable(w: Window, calendar: WorkCalendar): repo.OnTimeTable {
  // loadWorkCalendar hands out the same calendar object until the schedule changes: remember its tables.
  let byWindow = onTimeTables.get(calendar);
  if (!byWindow) onTimeTables.set(calendar, (byWindow = new Map<string, repo.OnTimeTable>()));
  const key = `${w.from}|${w.to}`;
  let table = byWindow.get(key);
  if (!table) {
    if (byWindow.size >= 64) byWindow.clear();
    byWindow.set(key, (table = buildOnTimeTable(w, calendar)));
  }
  return table;
}

const onTimeTables = new WeakMap<WorkCalendar, Map<string, repo.OnTimeTable>>();

function buildOnTimeTable(w: Window, calendar: WorkCalendar): repo.OnTimeTable {
  let start = addDays(w.from, -60);
  while (latestOnTimeDay(calendar, start) >= w.from) start = addDays(start, -30);
  const pairs: (readonly [string, string])[] = [];
  for (let g = start; g <= w.to; g = addDays(g, 1)) pairs.push([g, latestOnTimeDay(calendar, g)] as const);
  return { start, pairs };
}

/**
 * Pure: the window as whole months (read from the late-publication counters) and the partial months at
 * its ends (counted from the items): a 12-month board window is 11 months of counters and two short edges.
 */
export function splitWindow(w: Window): { months: readonly [string, string] | null; edges: Window[] } {
  const firstFull = w.from.endsWith('-01')
    ? w.from
    : `${addDays(`${w.from.slice(0, 8)}01`, 32).slice(0, 8)}01`;
  const lastFull = addDays(w.to, 1).endsWith('-01') ? w.to : addDays(`${w.to.slice(0, 8)}01`, -1);
  if (firstFull > lastFull) return { months: null, edges: [w] };
  const edges: Window[] = [];
  if (w.from < firstFull) edges.push({ from: w.from, to: addDays(firstFull, -1) });
  if (lastFull < w.to) edges.push({ from: addDays(lastFull, 1), to: w.to });
  return { months: [firstFull.slice(0, 7), lastFull.slice(0, 7)], edges };
}

/**
 * Per agency: published (with 成文日期) and late items of the window — whole months from the counters
 * kept on write (catalog.timeliness.repository.ts), the partial months at the ends from the items; all
 * from the items while the counters have not been built.
 */
async function lateCountsOf(db: Db, ids: string[], w: Window, calendar: WorkCalendar) {
  if (!(await timeliness.timelinessCountsBuilt(db)))
    return repo.lateCounts(db, ids, w, onTimeTable(w, calendar));
  const { months, edges } = splitWindow(w);
  const parts = await Promise.all([
    months ? timeliness.timelinessMonths(db, ids, months[0], months[1]) : Promise.resolve(new Map()),
    ...edges.map((e) => repo.lateCounts(db, ids, e, onTimeTable(e, calendar))),
  ]);
  const out = new Map<string, { published: number; late: number }>();
  for (const part of parts)
    for (const [orgId, c] of part as Map<string, { published: number; late: number }>) {
      const prev = out.get(orgId) ?? { published: 0, late: 0 };
      out.set(orgId, { published: prev.published + c.published, late: prev.late + c.late });
    }
  return out;
}

export interface ColumnFinding {
  orgId: string;
  columnId: string;
  columnCode: string;
  columnName: string;
  updateClass: UpdateClass;
  kind: 'stale' | 'blank';
  lastPublishedOn: string | null;
  daysSince: number | null;
  dueBy: string | null;
  limitDays: number | null;
}

interface ColumnLike {
  id: string;
  org_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  update_class: UpdateClass;
  sort_order: number;
  depth: number;
}

/**
 * Pure: stale and blank leaf columns from the live columns and each column's last 发布日期, rolled up
 * to ancestors (a parent with fresh children is not blank) — the rule of the agency's own dashboard.
 */
export function columnFindings(
  columns: readonly ColumnLike[],
  lastByColumn: ReadonlyMap<string, string>,
  today: string,
): ColumnFinding[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const lastOf = new Map<string, string>();
  for (const [columnId, last] of lastByColumn) {
    for (let c = byId.get(columnId); c; c = c.parent_id ? byId.get(c.parent_id) : undefined) {
      const prev = lastOf.get(c.id);
      if (!prev || last > prev) lastOf.set(c.id, last);
    }
  }
  const hasChildren = new Set(columns.flatMap((c) => (c.parent_id ? [c.parent_id] : [])));
  const out: ColumnFinding[] = [];
  for (const c of columns) {
    if (hasChildren.has(c.id)) continue;
    const base = {
      orgId: c.org_id,
      columnId: c.id,
      columnCode: c.code,
      columnName: c.name,
      updateClass: c.update_class,
      limitDays: updateLimitDays(c.update_class),
    };
    const lp = lastOf.get(c.id) ?? null;
    if (lp === null) {
      out.push({ ...base, kind: 'blank', lastPublishedOn: null, daysSince: null, dueBy: null });
      continue;
    }
    const f = columnFreshness(c.update_class, lp, today);
    if (f.stale)
      out.push({ ...base, kind: 'stale', lastPublishedOn: lp, daysSince: f.daysSince, dueBy: f.dueBy });
  }
  return out;
}

function columnsAndLast(db: Db, ids: string[]) {
  return repo.liveColumnsWithLast(db, ids);
}

/** Stale and blank leaf columns of the given agencies (drill-down), stalest first. */
export async function catalogColumnFindings(
  db: Db,
  orgIds: readonly string[],
  asOf: Pick<AsOf, 'today'>,
): Promise<ColumnFinding[]> {
  if (orgIds.length === 0) return [];
  const { columns, lastByColumn } = await columnsAndLast(db, [...orgIds]);
  return columnFindings(columns, lastByColumn, asOf.today).sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      (b.daysSince ?? 0) - (a.daysSince ?? 0) ||
      a.columnName.localeCompare(b.columnName),
  );
}

/** Per agency: publications and late ones in the window, stale / blank / leaf column counts. */
export async function catalogTimelinessFacts(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  window: Window = defaultWindow(asOf),
): Promise<CatalogTimelinessFacts[]> {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  const [late, cols] = await Promise.all([
    lateCountsOf(db, ids, window, asOf.calendar),
    columnsAndLast(db, ids),
  ]);
  const out = new Map<string, CatalogTimelinessFacts>(
    ids.map((orgId) => [
      orgId,
      {
        orgId,
        published: late.get(orgId)?.published ?? 0,
        late: late.get(orgId)?.late ?? 0,
        staleColumns: 0,
        blankColumns: 0,
        leafColumns: 0,
      },
    ]),
  );
  const parents = new Set(cols.columns.flatMap((c) => (c.parent_id ? [c.parent_id] : [])));
  for (const c of cols.columns) if (!parents.has(c.id)) out.get(c.org_id)!.leafColumns++;
  for (const f of columnFindings(cols.columns, cols.lastByColumn, asOf.today)) {
    const row = out.get(f.orgId)!;
    if (f.kind === 'stale') row.staleColumns++;
    else row.blankColumns++;
  }
  return [...out.values()];
}

export interface LateItemFact {
  id: string;
  orgId: string;
  columnId: string;
  title: string;
  indexNumber: string | null;
  generatedOn: string;
  publishedOn: string;
  /** Working days from 成文日期 to 发布日期 (start day not counted). */
  workdays: number;
}

/** The late items behind a count (drill-down), latest first; `limit` rows at most. */
export async function catalogLateItems(
  db: Db,
  orgIds: readonly string[],
  asOf: AsOf,
  opts: { window?: Window; limit?: number } = {},
): Promise<LateItemFact[]> {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  const w = opts.window ?? defaultWindow(asOf);
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 5000);
  const table = onTimeTable(w, asOf.calendar);
  const out: LateItemFact[] = (await repo.lateItems(db, ids, w, table, limit)).map((r) => ({
    id: r.id,
    orgId: r.org_id,
    columnId: r.column_id,
    title: r.title,
    indexNumber: r.index_number,
    generatedOn: r.generated_on,
    publishedOn: r.published_on,
    workdays: asOf.calendar.workdaysBetween(r.generated_on, r.published_on),
  }));
  return out
    .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || b.id.localeCompare(a.id))
    .slice(0, limit);
}
