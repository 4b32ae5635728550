/**
 * The data set of the site-group supervision benchmarks (issue 19: bench/supervision, bench/scorecards): a
 * government with N agencies and M business records — 60 % catalog items with 成文日期, 20 % request cases,
 * 10 % interaction items, 10 % 双公示 decisions — over 2025-01-01 … 2026-12-06, plus 20 督办 tasks per agency,
 * inserted through Kysely in batches (deterministic: seeded PRNG). Open cases/items only in the last ~40 days.
 */
import type { Ctx } from '../../server/platform/context.js';
import { newId } from '../../server/platform/ids.js';
import { insertEvents } from '../../server/modules/requests/requests.repository.js';
import {
  buildCase,
  buildCatalogItem,
  buildDecision,
  buildOrg,
  buildRequestEvent,
} from '../../test/factories.js';
import { rngFor } from '../generate/prng.js';

/** The clock of the data set: every record is dated on or before this instant (10:00 China time). */
export const GOVERNMENT_NOW = '2026-12-07T02:00:00.000Z';
const NOW = GOVERNMENT_NOW;
const BATCH = 500;
const DAY0 = Date.UTC(2025, 0, 1);
const DAYS = 705; // 2025-01-01 … 2026-12-06

const day = (n: number) => new Date(DAY0 + n * 86400_000).toISOString().slice(0, 10);
const daysSinceStart = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00.000Z`) - DAY0) / 86400_000);
const IKINDS = ['mailbox', 'consult', 'complaint', 'hotline', 'site_error'] as const;
const DKINDS = ['license', 'penalty', 'coercion'] as const;

export async function loadGovernment(
  ctx: Ctx,
  size: { agencies: number; items: number },
  log: (s: string) => void,
) {
  const AGENCIES = size.agencies;
  const ITEMS = size.items;
  const db = ctx.db;
  const gov = buildOrg({ kind: 'government', name: '基准市人民政府', code: 'bench-gov' });
  const orgs = [gov];
  for (let i = 1; i < AGENCIES; i++)
    orgs.push(buildOrg({ parent_id: gov.id, name: `基准市第${i}局`, code: `bench-${i}`, sort_order: i }));
  for (let i = 0; i < orgs.length; i += BATCH)
    await db
      .insertInto('orgs')
      .values(orgs.slice(i, i + BATCH))
      .execute();
  // Per agency: 政策文件 (periodic) with a child, 通知公告 (periodic), 工作动态 (dynamic), 规划计划 (blank).
  const columns: { id: string; org: string }[] = [];
  const colRows = orgs.flatMap((o) => {
    const [top1, child, top2, dyn, blank] = [newId(), newId(), newId(), newId(), newId()];
    columns.push({ id: child, org: o.id }, { id: top2, org: o.id }, { id: dyn, org: o.id });
    const common = {
      org_id: o.id,
      art20_items: '[]',
      second_approval: 0,
      channels: '["portal"]',
      description: null,
      retired_at: null,
      created_at: NOW,
      updated_at: NOW,
    };
    const col = (
      id: string,
      parent: string | null,
      code: string,
      name: string,
      depth: number,
      cls: 'periodic' | 'dynamic',
      sort: number,
    ) => ({
      id,
      parent_id: parent,
      code,
      name,
      depth,
      sort_order: sort,
      update_class: cls,
      ...common,
    });
    return [
      col(top1, null, 'zcwj', '政策文件', 1, 'periodic', 0),
      col(child, top1, 'gfxwj', '规范性文件', 2, 'periodic', 0),
      col(top2, null, 'tzgg', '通知公告', 1, 'periodic', 1),
      col(dyn, null, 'gzdt', '工作动态', 1, 'dynamic', 2),
      col(blank, null, 'ghjh', '规划计划', 1, 'periodic', 3),
    ];
  });
  for (let i = 0; i < colRows.length; i += BATCH)
    await db
      .insertInto('catalog_columns')
      .values(colRows.slice(i, i + BATCH))
      .execute();

  const counts = {
    catalog: Math.round(ITEMS * 0.6),
    requests: Math.round(ITEMS * 0.2),
    interaction: Math.round(ITEMS * 0.1),
    decisions: ITEMS - Math.round(ITEMS * 0.6) - Math.round(ITEMS * 0.2) - Math.round(ITEMS * 0.1),
  };
  const started = Date.now();
  const insert = async <T>(
    table: string,
    n: number,
    row: (i: number) => T,
    extra?: (rows: T[]) => Promise<void>,
  ) => {
    for (let i = 0; i < n; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => row(i + k));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto(table as 'orgs')
          .values(rows as never)
          .execute();
      });
      if (extra) await extra(rows);
      if ((i / BATCH) % 200 === 0)
        log(`${table}: ${i}/${n} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await insert('catalog_items', counts.catalog, (i) => {
    const r = rngFor(41, 'item', i);
    const col = columns[r.int(columns.length)]!;
    const p = r.int(DAYS);
    // Most published within 3 weeks of 成文日期, one in eight later (late under 第二十六条).
    const g = Math.max(0, p - (r.int(8) === 0 ? 30 + r.int(60) : r.int(20)));
    return buildCatalogItem({
      org_id: col.org,
      column_id: col.id,
      status: 'published',
      generated_on: day(g),
      published_on: day(p),
      published_at: `${day(p)}T02:00:00.000Z`,
      title: `基准信息${i}`,
    });
  });
  let seq = 0;
  /**
   * What moves a case's clock, in realistic shares: 补正 (10 % of cases: asked 2 days after receipt, the
   * corrected application 5 days later), extension (5 %: approved and notified on days 20–21) and a third-party
   * consultation (3 %: days 5–15). Each event only before the case's answer and before the data set's today,
   * so a case still open may be waiting for its 补正 or consultation (its clock paused).
   */
  const movedClock = (c: { case_number: string; received_on: string | null; closed_on: string | null }) => {
    const r = rngFor(41, 'clock', Number(c.case_number.slice(2)));
    const start = daysSinceStart(c.received_on!);
    const before = (n: number) => start + n < DAYS && (!c.closed_on || day(start + n) < c.closed_on);
    const out: [string, string, object][] = [];
    const roll = r.int(100);
    if (roll < 10 && before(2)) {
      out.push([
        'supplement_requested',
        day(start + 2),
        { items: ['申请内容不明确'], supplementDeadline: day(start + 17) },
      ]);
      if (before(7)) out.push(['supplement_received', day(start + 7), {}]);
    } else if (roll < 15 && before(21)) {
      out.push(['extension_approved', day(start + 20), { workdays: 20, approvedBy: '负责人' }]);
      out.push(['extension_notified', day(start + 21), {}]);
    } else if (roll < 18 && before(5)) {
      out.push(['third_party_consultation_sent', day(start + 5), { consultationId: `k${c.case_number}` }]);
      if (before(15))
        out.push([
          'third_party_consultation_replied',
          day(start + 15),
          { consultationId: `k${c.case_number}` },
        ]);
    }
    return out;
  };
  await insert(
    'request_cases',
    counts.requests,
    (i) => {
      const r = rngFor(41, 'case', i);
      const org = orgs[r.int(orgs.length)]!;
      const received = r.int(DAYS);
      // Open only when received in the last 40 days (a real register), else answered in 3–55 days.
      const open = received > DAYS - 40 && r.int(2) === 0;
      const took = r.int(6) === 0 ? 25 + r.int(30) : 3 + r.int(22);
      const closed = !open && received + took < DAYS ? day(received + took) : null;
      return buildCase({
        org_id: org.id,
        case_number: `B-${i}`,
        received_on: day(received),
        closed_on: closed,
        outcome_code: closed ? 'provided' : null,
        stage: closed ? 'replied' : 'assigned',
        id_number_hmac: `h${i % 5000}`,
      });
    },
    async (rows) => {
      const events = rows.flatMap((c) =>
        (
          [
            ['received', c.received_on!, { channel: c.channel }],
            ...movedClock(c),
            ...(c.closed_on ? [['answered', c.closed_on, {}]] : []),
          ] as [string, string, object][]
        ).map(([type, date, payload]) =>
          buildRequestEvent(c, ++seq, { type, date, ...payload }, { actor_name: '基准', created_at: NOW }),
        ),
      );
      // Through the repository's insert, which keeps each case's clock_moved flag.
      for (let k = 0; k < events.length; k += BATCH) await insertEvents(db, events.slice(k, k + BATCH));
    },
  );
  await insert('interaction_items', counts.interaction, (i) => {
    const r = rngFor(41, 'letter', i);
    const org = orgs[r.int(orgs.length)]!;
    const received = r.int(DAYS);
    const open = received > DAYS - 30 && r.int(2) === 0;
    const replied = open ? null : Math.min(DAYS, received + 1 + r.int(20));
    return {
      id: newId(),
      org_id: org.id,
      number: `HD-${i}`,
      query_code_hash: '!',
      kind: IKINDS[r.int(IKINDS.length)]!,
      channel: 'portal' as const,
      status: open ? ('assigned' as const) : ('replied' as const),
      subject: `基准来信${i}`,
      body: '内容',
      anonymous: 0,
      identity_enc: null,
      name_masked: null,
      contact_masked: null,
      notify_by: null,
      publish_consent: 0,
      submitted_at: `${day(received)}T02:00:00.000Z`,
      received_on: day(received),
      order_number: null,
      order_hash: null,
      external_due_on: null,
      accepted_on: day(received),
      decision_reason: null,
      transferred_to_org_id: null,
      merged_into_id: null,
      request_case_id: null,
      request_case_number: null,
      enforcement_ref: null,
      division_id: null,
      handler_id: null,
      draft_reply: null,
      draft_scan: null,
      scan_passed_at: null,
      signed_by: null,
      signed_at: null,
      reply: null,
      reply_unit: null,
      replied_on: replied === null ? null : day(replied),
      replied_at: null,
      answer_restart_on: null,
      reopen_count: 0,
      rating: null,
      rating_comment: null,
      rated_at: null,
      archived_on: null,
      published: 0,
      published_at: null,
      published_month: null,
      public_subject: null,
      public_question: null,
      public_reply: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    };
  });
  await insert('enforcement_decisions', counts.decisions, (i) => {
    const r = rngFor(41, 'decision', i);
    const org = orgs[r.int(orgs.length)]!;
    const d = r.int(DAYS);
    const unpublished = d > DAYS - 30 && r.int(3) === 0;
    return buildDecision({
      org_id: org.id,
      kind: DKINDS[r.int(DKINDS.length)]!,
      decision_number: `基准〔${i}〕号`,
      decision_date: day(d),
      publish_due: day(Math.min(d + 9, DAYS + 20)),
      pub_state: unpublished ? 'review' : 'published',
      published_at: unpublished ? null : `${day(Math.min(d + r.int(12), DAYS))}T02:00:00.000Z`,
    });
  });
  // 督办: 20 per agency over the two years.
  const tasks = orgs.slice(1).flatMap((o, k) =>
    Array.from({ length: 20 }, (_, j) => {
      const r = rngFor(41, 'task', k * 20 + j);
      const issued = r.int(DAYS);
      const state: 'issued' | 'returned' | 'accepted' =
        issued > DAYS - 10 ? 'issued' : r.int(10) === 0 ? 'returned' : 'accepted';
      return {
        id: newId(),
        number: `DB-${k}-${j}`,
        issuer_org_id: gov.id,
        issued_by: null,
        issued_by_name: '基准督查',
        target_org_id: o.id,
        target_agency_id: o.id,
        title: `督办${j}`,
        body: '请整改。',
        source_kind: null,
        source_id: null,
        source_label: null,
        source_link: null,
        workdays: 5,
        issued_on: day(issued),
        due_on: day(Math.min(issued + 7, DAYS + 7)),
        due_estimated: 0,
        state,
        round: state === 'issued' ? 0 : 1,
        reply_text: null,
        replied_on: state === 'issued' ? null : day(Math.min(issued + r.int(10), DAYS)),
        replied_at: null,
        replied_by: null,
        replied_by_name: null,
        return_reason: null,
        closed_on: state === 'accepted' ? day(Math.min(issued + 10, DAYS)) : null,
        closed_on_time: state === 'accepted' ? (r.int(5) === 0 ? 0 : 1) : null,
        overdue_notified_on: null,
        created_at: NOW,
        updated_at: NOW,
      };
    }),
  );
  for (let i = 0; i < tasks.length; i += BATCH)
    await db
      .insertInto('supervision_tasks')
      .values(tasks.slice(i, i + BATCH))
      .execute();
  return { orgs, counts, loadSeconds: (Date.now() - started) / 1000 };
}

/** The data set a kept bench database already holds (`--reuse`): the orgs in load order and the counts. */
export async function readGovernment(ctx: Ctx) {
  const db = ctx.db;
  const all = await db.selectFrom('orgs').selectAll().where('code', 'like', 'bench-%').execute();
  const gov = all.find((o) => o.code === 'bench-gov');
  if (!gov) throw new Error('the kept database holds no bench government');
  const orgs = [gov, ...all.filter((o) => o !== gov).sort((a, b) => a.sort_order - b.sort_order)];
  const n = async (
    table: 'catalog_items' | 'request_cases' | 'interaction_items' | 'enforcement_decisions',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = {
    catalog: await n('catalog_items'),
    requests: await n('request_cases'),
    interaction: await n('interaction_items'),
    decisions: await n('enforcement_decisions'),
  };
  return { orgs, counts, loadSeconds: 0 };
}
