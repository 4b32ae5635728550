/**
 * The three modules' report facts (counted in SQL over the year's index ranges) against a plain
 * computation over every row of the agency — the way the facts were computed before — on seeded
 * data with every closing outcome, every applicant type and every boundary of the year, on both
 * engines. Drill-down ids are compared exactly, also with a small cap so the capping is exercised.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../test/each-dialect.js';
import type { DB } from '../../db/schema.js';
import { fixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { catalogReportFacts } from '../catalog/catalog.report.js';
import { yearStartUtc } from '../catalog/catalog.dashboard.js';
import { CHANNELS } from '../catalog/catalog.rules.js';
import * as catalogRepo from '../catalog/catalog.repository.js';
import { orderTree } from '../catalog/catalog.service.js';
import { enforcementReportFacts } from '../enforcement/enforcement.report.js';
import { OUTCOMES, TABLE3_ROWS_2021, outcomeByCode } from '../requests/outcomes.js';
import { requestReportFacts, requestReportFactsCapped } from '../requests/requests.report.js';
import { APPLICANT_TYPE_KEYS } from '../requests/requests.rules.js';
import type { CatalogReportFacts, Counted, EnforcementReportFacts, RequestReportFacts } from './sources.js';
import type { Table3ColKey, Table4ColKey } from './types.js';

type Db = Kysely<DB>;
const AT = '2026-11-20T00:00:00.000Z';
const YEARS = [2024, 2025, 2026];

/** mulberry32: the same data on both engines. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    date: (year: number) =>
      `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
  };
}

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ------------------------------------------------------------------------------------------------
// Seed

async function seed(db: Db, orgId: string, otherOrgId: string): Promise<void> {
  const r = prng(20261124);
  for (const [id, code] of [
    [orgId, 'facts-main'],
    [otherOrgId, 'facts-other'],
  ] as const)
    await db
      .insertInto('orgs')
      .values({ id, kind: 'department', code, name: `机关${code}`, created_at: AT, updated_at: AT } as never)
      .execute();

  // columns: two top-level with children, one flat (items of a child roll up to its top)
  const columns: { id: string; org: string; parent: string | null; code: string }[] = [];
  for (const org of [orgId, otherOrgId]) {
    const top1 = newId();
    const top2 = newId();
    const top3 = newId();
    columns.push(
      { id: top1, org, parent: null, code: 'zcwj' },
      { id: newId(), org, parent: top1, code: 'gz' },
      { id: newId(), org, parent: top1, code: 'gfxwj' },
      { id: top2, org, parent: null, code: 'gzdt' },
      { id: top3, org, parent: null, code: 'tzgg' },
      { id: newId(), org, parent: top3, code: 'tzgg-sub' },
    );
  }
  for (const [i, c] of columns.entries())
    await db
      .insertInto('catalog_columns')
      .values({
        id: c.id,
        org_id: c.org,
        parent_id: c.parent,
        code: c.code,
        name: `栏目${c.code}`,
        depth: c.parent ? 2 : 1,
        sort_order: 10 - (i % 6),
        update_class: 'dynamic',
        created_at: AT,
        updated_at: AT,
      } as never)
      .execute();

  // catalog items: every doc kind × status × validity, dates around the years' edges
  const items: Record<string, unknown>[] = [];
  const deliveries: Record<string, unknown>[] = [];
  const edge = (year: number) => r.pick([`${year}-01-01`, `${year}-12-31`, r.date(year)]);
  for (let i = 0; i < 400; i++) {
    const org = i % 10 === 9 ? otherOrgId : orgId;
    const col = r.pick(columns.filter((c) => c.org === org));
    const status = r.pick(['published', 'published', 'withdrawn', 'unpublished', 'draft'] as const);
    const publishedOn =
      status === 'unpublished' || (status === 'draft' && r.next() < 0.5) ? null : edge(2023 + r.int(4));
    const validity = r.pick(['valid', 'valid', 'invalid', 'repealed'] as const);
    const id = newId();
    items.push({
      id,
      org_id: org,
      column_id: col.id,
      status,
      title: `信息${i}`,
      body_html: '<p>正文</p>',
      body_text: '正文',
      publisher: '机关',
      generated_on: r.next() < 0.1 ? null : edge(2023 + r.int(4)),
      doc_kind: r.pick(['regulation', 'normative', 'other'] as const),
      disclosure_mode: '主动公开',
      validity,
      validity_date: validity === 'valid' || r.next() < 0.1 ? null : edge(2023 + r.int(4)),
      published_on: publishedOn,
      published_at: publishedOn ? `${publishedOn}T02:00:00.000Z` : null,
      withdrawn_at:
        status === 'withdrawn' && r.next() < 0.9
          ? `${r.pick([`${2023 + r.int(4)}-12-31`, edge(2023 + r.int(4))])}T${r.pick(['00', '15', '23'])}:30:00.000Z`
          : null,
      created_at: AT,
      updated_at: AT,
    });
    if (publishedOn)
      for (const channel of ['portal', ...(r.next() < 0.3 ? ['wechat'] : [])])
        deliveries.push({
          id: newId(),
          org_id: org,
          item_id: id,
          revision_id: newId(),
          channel,
          status: r.pick(['delivered', 'recorded', 'failed', 'pending'] as const),
          payload: '{}',
          completed_at: r.pick([
            `${publishedOn}T03:00:00.000Z`,
            `${Number(publishedOn.slice(0, 4)) - 1}-12-31T16:30:00.000Z`,
          ]),
          created_at: AT,
          updated_at: AT,
        });
  }
  for (let i = 0; i < items.length; i += 100)
    await db
      .insertInto('catalog_items')
      .values(items.slice(i, i + 100) as never)
      .execute();
  for (let i = 0; i < deliveries.length; i += 100)
    await db
      .insertInto('catalog_deliveries')
      .values(deliveries.slice(i, i + 100) as never)
      .execute();

  // request cases: every outcome × every applicant type in each scenario around 2025, plus noise
  const cases: Record<string, unknown>[] = [];
  const caseRow = (
    org: string,
    type: string,
    receivedOn: string | null,
    closedOn: string | null,
    outcome: string | null,
  ) => {
    const id = newId();
    cases.push({
      id,
      org_id: org,
      case_number: `C-${cases.length}`,
      query_code_hash: 'x',
      channel: 'online',
      applicant_type: type,
      applicant_name: '申请人',
      id_doc_type: 'resident_id',
      id_number_enc: 'x',
      id_number_hmac: 'x',
      id_number_masked: 'x',
      description: '申请公开某信息',
      description_key: '申请公开某信息',
      requested_form: 'paper',
      delivery_method: 'post',
      submitted_at: AT,
      received_on: receivedOn,
      stage: closedOn ? 'archived' : 'assigned',
      outcome_code: outcome,
      closed_on: closedOn,
      created_at: AT,
      updated_at: AT,
    });
    return id;
  };
  for (const o of OUTCOMES)
    for (const type of APPLICANT_TYPE_KEYS) {
      caseRow(orgId, type, r.date(2025), `2025-12-31`, o.code); // received and closed in the year
      caseRow(orgId, type, '2024-12-31', '2025-01-01', o.code); // carried, closed on 1 January
      caseRow(orgId, type, `2025-12-${20 + r.int(9)}`, '2026-01-01', o.code); // closed the next year
      caseRow(orgId, type, r.date(2024), `2024-12-31`, o.code); // closed before the year
    }
  for (let i = 0; i < 500; i++) {
    const org = i % 10 === 9 ? otherOrgId : orgId;
    const received = r.next() < 0.03 ? null : edge(2023 + r.int(4));
    const closed =
      received && r.next() < 0.8 ? edge(Number(received.slice(0, 4)) + (r.next() < 0.2 ? 1 : 0)) : null;
    const outcome = closed ? (r.next() < 0.05 ? null : r.pick(OUTCOMES).code) : null;
    caseRow(
      org,
      r.pick(APPLICANT_TYPE_KEYS),
      received,
      closed && received && closed < received ? received : closed,
      outcome,
    );
  }
  for (let i = 0; i < cases.length; i += 100)
    await db
      .insertInto('request_cases')
      .values(cases.slice(i, i + 100) as never)
      .execute();

  const appeals: Record<string, unknown>[] = [];
  const fees: Record<string, unknown>[] = [];
  for (const [i, c] of cases.entries()) {
    if (i % 3 === 0)
      appeals.push({
        id: newId(),
        org_id: c.org_id,
        case_id: c.id,
        kind: r.pick(['review', 'litigation_direct', 'litigation_after_review'] as const),
        filed_on: edge(2024 + r.int(3)),
        body_name: '复议机关',
        outcome: r.pick(['upheld', 'corrected', 'other', 'pending'] as const),
        decided_on: r.next() < 0.3 ? null : edge(2024 + r.int(3)),
        created_at: AT,
        updated_at: AT,
      });
    if (i % 7 === 0)
      fees.push({
        id: newId(),
        org_id: c.org_id,
        case_id: c.id,
        basis: 'per_item',
        quantity: 1,
        amount_fen: 10000,
        quote: '{}',
        notice_sent_on: '2025-01-01',
        state: 'paid',
        paid_on: r.next() < 0.2 ? null : edge(2024 + r.int(3)),
        paid_amount_fen: r.next() < 0.1 ? null : 100 + r.int(100000),
        created_at: AT,
        updated_at: AT,
      });
  }
  for (let i = 0; i < appeals.length; i += 100)
    await db
      .insertInto('request_appeals')
      .values(appeals.slice(i, i + 100) as never)
      .execute();
  for (let i = 0; i < fees.length; i += 100)
    await db
      .insertInto('request_fees')
      .values(fees.slice(i, i + 100) as never)
      .execute();

  // enforcement: decisions of every kind, several on the same day (ties ordered by id)
  const decisions: Record<string, unknown>[] = [];
  for (let i = 0; i < 300; i++) {
    const org = i % 10 === 9 ? otherOrgId : orgId;
    decisions.push({
      id: newId(),
      org_id: org,
      kind: r.pick(['license', 'penalty', 'coercion'] as const),
      decision_number: `示应急〔2025〕${i}号`,
      decision_date: r.pick([
        '2024-12-31',
        '2025-01-01',
        '2025-06-01',
        '2025-12-31',
        '2026-01-01',
        edge(2024 + r.int(3)),
      ]),
      counterparty_type: 'legal_person',
      counterparty_name: '某公司',
      legal_basis: '依据',
      content: '内容',
      legal_status: 'in_force',
      pub_state: 'published',
      publish_due: '2026-01-01',
      content_hash: 'x',
      created_at: AT,
      updated_at: AT,
    });
  }
  for (let i = 0; i < decisions.length; i += 100)
    await db
      .insertInto('enforcement_decisions')
      .values(decisions.slice(i, i + 100) as never)
      .execute();
  const enforcementItems: Record<string, unknown>[] = [];
  for (const year of [2023, 2024, 2025, 2026])
    for (const kind of ['license', 'penalty', 'coercion'])
      for (let k = 0; k < 1 + r.int(4); k++)
        enforcementItems.push({
          id: newId(),
          org_id: orgId,
          year,
          kind,
          name: `事项${year}${kind}${k}`,
          created_at: AT,
          updated_at: AT,
        });
  await db
    .insertInto('enforcement_items')
    .values(enforcementItems as never)
    .execute();
}

// ------------------------------------------------------------------------------------------------
// The plain computations: every row of the agency, filtered in JavaScript

const ids = (xs: { id: string }[], cap = 1000): Counted => ({
  count: xs.length,
  records: xs.slice(0, cap).map((x) => x.id),
});

async function plainCatalog(db: Db, orgId: string, year: number): Promise<CatalogReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const items = (await db.selectFrom('catalog_items').selectAll().where('org_id', '=', orgId).execute())
    .filter((i) => i.published_on !== null)
    .sort((a, b) => byStr(a.published_on!, b.published_on!) || byStr(a.id, b.id));
  const facts = (kind: string) => {
    const docs = items.filter((i) => i.doc_kind === kind);
    return {
      issued: ids(
        docs.filter((i) => i.generated_on !== null && i.generated_on >= from && i.generated_on <= to),
      ),
      published: ids(docs.filter((i) => i.published_on! >= from && i.published_on! <= to)),
      repealed: ids(
        docs.filter(
          (i) =>
            i.validity !== 'valid' &&
            i.validity_date !== null &&
            i.validity_date >= from &&
            i.validity_date <= to,
        ),
      ),
      inForce: ids(
        docs.filter(
          (i) =>
            i.published_on! <= to &&
            !(i.status === 'withdrawn' && i.withdrawn_at !== null && i.withdrawn_at.slice(0, 10) <= to) &&
            !(i.validity !== 'valid' && i.validity_date !== null && i.validity_date <= to),
        ),
      ),
    };
  };
  const inYear = items.filter((i) => i.published_on! >= from && i.published_on! <= to);
  const columns = orderTree(await catalogRepo.listColumns(db, orgId, true));
  const topOf = (id: string): string => {
    let c = columns.find((x) => x.id === id);
    while (c?.parent_id) c = columns.find((x) => x.id === c!.parent_id);
    return c?.id ?? id;
  };
  const deliveries = await db
    .selectFrom('catalog_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .execute();
  const channels: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
  for (const d of deliveries)
    if (
      d.status === 'delivered' && // recorded-only deliveries are not releases (issue 17)
      d.completed_at !== null &&
      d.completed_at >= yearStartUtc(year) &&
      d.completed_at < yearStartUtc(year + 1)
    )
      channels[d.channel] = (channels[d.channel] ?? 0) + 1;
  return {
    documents: { regulation: facts('regulation'), normativeDoc: facts('normative') },
    publishedTotal: inYear.length,
    publishedByColumn: columns
      .filter((c) => c.parent_id === null)
      .map((c) => ({
        columnId: c.id,
        name: c.name,
        count: inYear.filter((i) => topOf(i.column_id) === c.id).length,
      })),
    publishedByChannel: channels,
  };
}

type RowKey = keyof RequestReportFacts['table3'];
const COLS: Table3ColKey[] = [...APPLICANT_TYPE_KEYS, 'total'];
const ROWS: RowKey[] = ['new', 'carried', ...TABLE3_ROWS_2021, 'r7', 'next'];

/**
 * Table 三 by walking every case; a cell's ids in the documented order: applicant type (column
 * order), new before carried, closing outcome (outcomes.ts order, 结转 last), then id.
 */
async function plainRequests(db: Db, orgId: string, year: number, cap: number): Promise<RequestReportFacts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const cells = new Map<string, { key: number; id: string }[]>();
  const put = (row: RowKey, col: Table3ColKey, key: number, id: string) => {
    for (const c of [col, 'total'])
      cells.set(`${row}|${c}`, [...(cells.get(`${row}|${c}`) ?? []), { key, id }]);
  };
  const cases = await db.selectFrom('request_cases').selectAll().where('org_id', '=', orgId).execute();
  let received = 0;
  let answered = 0;
  for (const c of cases) {
    if (!c.received_on || c.received_on > end || (c.closed_on && c.closed_on < start)) continue;
    const isNew = c.received_on >= start;
    const closed = Boolean(c.closed_on && c.closed_on <= end && c.outcome_code);
    const key =
      APPLICANT_TYPE_KEYS.indexOf(c.applicant_type) * 1000 +
      (isNew ? 0 : 500) +
      (closed ? OUTCOMES.findIndex((o) => o.code === c.outcome_code) : 499);
    put(isNew ? 'new' : 'carried', c.applicant_type, key, c.id);
    if (isNew) received++;
    if (closed) {
      put(outcomeByCode(c.outcome_code!).row2021, c.applicant_type, key, c.id);
      put('r7', c.applicant_type, key, c.id);
      answered++;
    } else put('next', c.applicant_type, key, c.id);
  }
  const table3 = Object.fromEntries(
    ROWS.map((row) => [
      row,
      Object.fromEntries(
        COLS.map((col) => {
          const members = (cells.get(`${row}|${col}`) ?? []).sort(
            (a, b) => a.key - b.key || byStr(a.id, b.id),
          );
          return [col, ids(members, cap)];
        }),
      ),
    ]),
  ) as RequestReportFacts['table3'];

  const GROUP = {
    review: 'review',
    litigation_direct: 'suitDirect',
    litigation_after_review: 'suitAfterReview',
  };
  const table4 = {} as Record<string, { id: string }[]>;
  for (const g of Object.values(GROUP))
    for (const o of ['upheld', 'corrected', 'other', 'pending', 'total']) table4[`${g}_${o}`] = [];
  const appeals = (await db.selectFrom('request_appeals').selectAll().where('org_id', '=', orgId).execute())
    .filter((a) => a.filed_on >= start && a.filed_on <= end)
    .sort((a, b) => byStr(a.id, b.id));
  for (const a of appeals) {
    const g = GROUP[a.kind];
    const outcome = a.outcome !== 'pending' && a.decided_on && a.decided_on <= end ? a.outcome : 'pending';
    table4[`${g}_${outcome}`]!.push(a);
    table4[`${g}_total`]!.push(a);
  }
  const fees = (await db.selectFrom('request_fees').selectAll().where('org_id', '=', orgId).execute()).filter(
    (f) => f.paid_on !== null && f.paid_on >= start && f.paid_on <= end,
  );
  return {
    table3,
    table4: Object.fromEntries(Object.entries(table4).map(([k, v]) => [k, ids(v, cap)])) as Record<
      Table4ColKey,
      Counted
    >,
    feesCollectedFen: fees.reduce((s, f) => s + Number(f.paid_amount_fen ?? 0), 0),
    received,
    answered,
  };
}

async function plainEnforcement(db: Db, orgId: string, year: number): Promise<EnforcementReportFacts> {
  const decisions = (
    await db.selectFrom('enforcement_decisions').selectAll().where('org_id', '=', orgId).execute()
  )
    .filter((d) => d.decision_date >= `${year}-01-01` && d.decision_date <= `${year}-12-31`)
    .sort((a, b) => byStr(a.decision_date, b.decision_date) || byStr(a.id, b.id));
  const items = await db.selectFrom('enforcement_items').selectAll().where('org_id', '=', orgId).execute();
  const n = (y: number, kind: string) => items.filter((i) => i.year === y && i.kind === kind).length;
  const kinds = {} as EnforcementReportFacts['kinds'];
  for (const kind of ['license', 'penalty', 'coercion'] as const)
    kinds[kind] = {
      decisions: ids(decisions.filter((d) => d.kind === kind)),
      previousItems: n(year - 1, kind),
      itemChange: n(year, kind) - n(year - 1, kind),
      items: n(year, kind),
    };
  return { kinds };
}

// ------------------------------------------------------------------------------------------------

describeEachDialect('annual-report facts in SQL = the plain computation', (getDatabase) => {
  const orgId = newId();
  const otherOrgId = newId();
  let ctx: Ctx;
  let db: Db;

  beforeAll(async () => {
    const database = getDatabase();
    db = database.db;
    ctx = { db, dialect: database.dialect, clock: fixedClock(AT) };
    await seed(db, orgId, otherOrgId);
  });

  it('the seed has every closing outcome in each year, every applicant type and the odd cases', async () => {
    const rows = await db
      .selectFrom('request_cases')
      .select(['outcome_code', 'applicant_type', 'closed_on', 'received_on'])
      .execute();
    for (const year of ['2024', '2025', '2026'])
      expect(
        new Set(
          rows.filter((r) => r.closed_on?.startsWith(year) && r.outcome_code).map((r) => r.outcome_code),
        ),
      ).toEqual(new Set(OUTCOMES.map((o) => o.code)));
    expect(new Set(rows.map((r) => r.applicant_type))).toEqual(new Set(APPLICANT_TYPE_KEYS));
    // closed without an outcome (counted as 结转), never received (not counted)
    expect(rows.some((r) => r.closed_on && !r.outcome_code)).toBe(true);
    expect(rows.some((r) => !r.received_on)).toBe(true);
  });

  it('catalog facts', async () => {
    for (const year of YEARS) {
      const facts = await catalogReportFacts(ctx, orgId, year);
      expect(facts).toEqual(await plainCatalog(db, orgId, year));
      expect(facts.publishedTotal).toBeGreaterThan(0);
      expect(facts.documents.normativeDoc.inForce.count).toBeGreaterThan(0);
      expect(facts.documents.regulation.repealed.count).toBeGreaterThan(0);
    }
  });

  it('request facts, uncapped and with a cap of 3 ids per cell', async () => {
    for (const year of YEARS) {
      const facts = await requestReportFacts(ctx, orgId, year);
      expect(facts).toEqual(await plainRequests(db, orgId, year, 1000));
      expect(await requestReportFactsCapped(ctx, orgId, year, 3)).toEqual(
        await plainRequests(db, orgId, year, 3),
      );
      // 一 + 二 = （七） + 四 per column (C1) and every result row is filled in 2025
      for (const col of COLS)
        expect(facts.table3.new[col].count + facts.table3.carried[col].count).toBe(
          facts.table3.r7[col].count + facts.table3.next[col].count,
        );
      if (year === 2025)
        for (const row of TABLE3_ROWS_2021) expect(facts.table3[row].total.count).toBeGreaterThan(0);
    }
  });

  it('enforcement facts', async () => {
    for (const year of YEARS) {
      const facts = await enforcementReportFacts(ctx, orgId, year);
      expect(facts).toEqual(await plainEnforcement(db, orgId, year));
      expect(facts.kinds.penalty.decisions.count).toBeGreaterThan(0);
    }
  });
});
