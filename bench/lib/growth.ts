/**
 * In-process measurements on a generated dataset, repeated at three sizes for the cost-growth curves:
 * - search: the search module's publicSearch (first page + capped count, as the portal asks) for
 *   two-character words, multi-word AND queries and phrases with filters, next to the naive
 *   `LIKE '%…%'` query over the same documents (first page + exact count);
 * - list pages: the catalog portal's column list queries (a page of items + the count);
 * - report: annual-report generation (gathering the facts from the three modules and building the
 *   tables, checks and texts) for the main agency, and the consolidated report of the 50 agencies.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../server/db/database.js';
import type { DB } from '../../server/db/schema.js';
import { fixedClock } from '../../server/platform/clock.js';
import { userActor } from '../../server/platform/actor.js';
import type { Ctx } from '../../server/platform/context.js';
import { publicSearch } from '../../server/modules/search/search.service.js';
import type { SearchFilters } from '../../server/modules/search/search.index.js';
import * as portalQueries from '../../server/modules/catalog/portal/public.repository.js';
import * as reports from '../../server/modules/annual-report/annual-report.service.js';
import { liveSources } from '../../server/modules/annual-report/report-sources.js';
import { GENERATED_AT, MAIN_AGENCY_CODE } from '../generate/spec.js';
import { summarize, timeCalls, type LatencySummary } from './stats.js';

type Db = Kysely<DB>;

export interface SearchCase {
  label: string;
  group: 'word' | 'and' | 'phrase+filter' | 'relevance';
  q: string;
  /** LIKE patterns ANDed (each over title, body, extra) */
  like: string[];
  filters?: (ctx: Resolved) => SearchFilters;
  order?: 'newest' | 'relevance';
}

interface Resolved {
  mainId: string;
  columnIds: (code: string) => string[];
}

export const SEARCH_CASES: SearchCase[] = [
  { label: '安全', group: 'word', q: '安全', like: ['安全'] },
  { label: '消防', group: 'word', q: '消防', like: ['消防'] },
  { label: '防汛', group: 'word', q: '防汛', like: ['防汛'] },
  { label: '液氨', group: 'word', q: '液氨', like: ['液氨'] },
  { label: '危险化学品 检查', group: 'and', q: '危险化学品 检查', like: ['危险化学品', '检查'] },
  { label: '防汛 预案', group: 'and', q: '防汛 预案', like: ['防汛', '预案'] },
  { label: '消防 培训 企业', group: 'and', q: '消防 培训 企业', like: ['消防', '培训', '企业'] },
  {
    label: '"安全生产责任制" + year 2025',
    group: 'phrase+filter',
    q: '"安全生产责任制"',
    like: ['安全生产责任制'],
    filters: () => ({ year: 2025 }),
  },
  {
    label: '"应急预案" + column 通知公告',
    group: 'phrase+filter',
    q: '"应急预案"',
    like: ['应急预案'],
    filters: (r) => ({ columnIds: r.columnIds('tzgg') }),
  },
  {
    label: '"液氨制冷" + validity 有效',
    group: 'phrase+filter',
    q: '"液氨制冷"',
    like: ['液氨制冷'],
    filters: () => ({ validity: 'valid' }),
  },
  { label: '安全 (relevance order)', group: 'relevance', q: '安全', like: ['安全'], order: 'relevance' },
];

function ctxOf(database: Database): Ctx {
  return { db: database.db, dialect: database.dialect, clock: fixedClock(GENERATED_AT) };
}

async function resolve(db: Db): Promise<Resolved & { columns: portalQueries.ItemListFilter[] }> {
  const main = await db
    .selectFrom('orgs')
    .select('id')
    .where('code', '=', MAIN_AGENCY_CODE)
    .executeTakeFirstOrThrow();
  const columns = await portalQueries.publicColumns(db, main.id);
  return {
    mainId: main.id,
    columnIds: (code) => {
      const c = columns.find((x) => x.code === code);
      return c ? portalQueries.subtreeIds(columns, c.id) : [];
    },
    columns: [],
  };
}

/** The naive query: LIKE over the same documents and filters, newest first, plus the exact count. */
function likeWhere(database: Database, orgId: string, c: SearchCase, r: Resolved): RawBuilder<unknown> {
  const op = sql.raw(database.dialect === 'postgres' ? 'ILIKE' : 'LIKE');
  const parts: RawBuilder<unknown>[] = [
    sql`org_id = ${orgId}`,
    sql`(visible_until IS NULL OR visible_until > ${GENERATED_AT})`,
  ];
  for (const w of c.like) {
    const p = `%${w}%`;
    parts.push(sql`(title ${op} ${p} OR body ${op} ${p} OR extra ${op} ${p})`);
  }
  const f = c.filters?.(r) ?? {};
  if (f.year) parts.push(sql`year = ${f.year}`);
  if (f.validity) parts.push(sql`validity = ${f.validity}`);
  if (f.columnIds) parts.push(f.columnIds.length ? sql`column_id IN (${sql.join(f.columnIds)})` : sql`1 = 0`);
  return sql.join(parts, sql` AND `);
}

async function likeSearch(database: Database, orgId: string, c: SearchCase, r: Resolved): Promise<number> {
  const where = likeWhere(database, orgId, c, r);
  await sql`SELECT sort_key, title, url FROM search_documents WHERE ${where} ORDER BY sort_key DESC LIMIT 20`.execute(
    database.db,
  );
  const { rows } = await sql<{
    n: number | string;
  }>`SELECT count(*) AS n FROM search_documents WHERE ${where}`.execute(database.db);
  return Number(rows[0]?.n ?? 0);
}

export interface SearchMeasurement {
  label: string;
  group: SearchCase['group'];
  /** matches the search module reports (capped at 1000) */
  total: number;
  totalCapped: boolean;
  search: LatencySummary;
  /** exact matches the LIKE query counted */
  likeCount: number;
  like: LatencySummary;
  /** LIKE p50 / search p50 */
  speedup: number;
}

export async function measureSearch(
  database: Database,
  options: { iterations: number; likeIterations: number },
): Promise<SearchMeasurement[]> {
  const ctx = ctxOf(database);
  const r = await resolve(database.db);
  const out: SearchMeasurement[] = [];
  for (const c of SEARCH_CASES) {
    const input = {
      q: c.q,
      orgIds: [r.mainId],
      filters: c.filters?.(r) ?? {},
      order: c.order ?? ('newest' as const),
    };
    const first = await publicSearch(ctx, input);
    const search = summarize(await timeCalls(() => publicSearch(ctx, input), options.iterations, 5));
    let likeCount = 0;
    const like = summarize(
      await timeCalls(
        async () => {
          likeCount = await likeSearch(database, r.mainId, c, r);
        },
        options.likeIterations,
        1,
      ),
    );
    out.push({
      label: c.label,
      group: c.group,
      total: first.total,
      totalCapped: first.totalCapped,
      search,
      likeCount,
      like,
      speedup: like.p50 / search.p50,
    });
  }
  return out;
}

export interface ListMeasurement {
  label: string;
  count: number;
  latency: LatencySummary;
}

/** The column list page's queries (what a cache miss of /columns/:code costs in the database). */
export async function measureLists(database: Database, iterations: number): Promise<ListMeasurement[]> {
  const db = database.db;
  const r = await resolve(db);
  const cases: { label: string; code: string; offset: number }[] = [
    { label: '工作动态 (largest column), page 1', code: 'gzdt', offset: 0 },
    { label: '工作动态, page 50', code: 'gzdt', offset: 980 },
    { label: '政策文件 (column with children), page 1', code: 'zcwj', offset: 0 },
    { label: '规章 (small column), page 1', code: 'gz', offset: 0 },
  ];
  const out: ListMeasurement[] = [];
  for (const c of cases) {
    const f = { columnIds: r.columnIds(c.code) };
    let count = 0;
    const latency = summarize(
      await timeCalls(
        async () => {
          await portalQueries.publicItems(db, r.mainId, f, 20, c.offset);
          count = await portalQueries.countPublicItems(db, r.mainId, f);
        },
        iterations,
        3,
      ),
    );
    out.push({ label: c.label, count, latency });
  }
  return out;
}

export interface ReportMeasurement {
  /** cases of the main agency in the database / counted in the report year */
  cases: number;
  reportYearCases: number;
  /** gathering the facts from the three modules only */
  facts: LatencySummary;
  /** the whole generation (facts, tables, checks, texts, stored in one transaction) */
  generate: LatencySummary;
  agencies: number;
  consolidated: LatencySummary;
}

async function actorOf(db: Db, username: string) {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute()).map(
    (x) => x.role,
  );
  return userActor({ userId: u.id, name: u.display_name, orgId: u.org_id, divisionId: null, roles });
}

export async function measureReport(
  database: Database,
  iterations: number,
  year = 2025,
): Promise<ReportMeasurement> {
  const ctx = ctxOf(database);
  const db = database.db;
  const r = await resolve(db);
  const office = await actorOf(db, 'office');
  const cases = Number(
    (
      await db
        .selectFrom('request_cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', r.mainId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const reportYearCases = Number(
    (
      await db
        .selectFrom('request_cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', r.mainId)
        .where('received_on', '<=', `${year}-12-31`)
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', `${year}-01-01`)]))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const facts = summarize(
    await timeCalls(() => reports.gatherFacts(ctx, liveSources, r.mainId, year), iterations, 1),
  );
  const generate = summarize(
    await timeCalls(
      () => reports.generate(ctx, office, liveSources, { orgId: r.mainId, year }),
      iterations,
      1,
    ),
  );
  // Every other agency gets its working report, then the government consolidates the 50.
  const agencies = await db
    .selectFrom('orgs')
    .select(['id', 'code'])
    .where('kind', '=', 'department')
    .execute();
  for (const a of agencies) {
    if (a.id === r.mainId) continue;
    const actor = await actorOf(db, `office-${a.code}`);
    await reports.generate(ctx, actor, liveSources, { orgId: a.id, year });
  }
  const supervisor = await actorOf(db, 'supervisor');
  const consolidated = summarize(
    await timeCalls(() => reports.consolidated(ctx, supervisor, year), iterations, 1),
  );
  return { cases, reportYearCases, facts, generate, agencies: agencies.length, consolidated };
}
