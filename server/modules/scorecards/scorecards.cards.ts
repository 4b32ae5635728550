/**
 * Scoring use cases: compute (or recompute) the cards of a period from the data sources, read a card with
 * the records behind every point, rank the agencies, score manual indicators with evidence, and the
 * contest flow (the agency contests an item with a reason; the supervisor accepts with a new score or
 * rejects with a reason). Reads of other modules happen before the transaction; every write is one
 * transaction with its audit entry.
 */
import type { Static } from 'typebox';
import type {
  CardViewT,
  ContestAnswerBody,
  ContestBody,
  ManualScoreBody,
  Ranking,
} from '../../../contract/scorecards.js';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { fileStorage } from '../../platform/storage/storage.js';
import * as repo from './scorecards.repository.js';
import type { CardRow, ContestRow, Db, ManualRow, SetRow } from './scorecards.repository.js';
import {
  checkContestAnswer,
  checkManualScore,
  CONTEST_STATE_LABELS,
  grade,
  isMetricKey,
  ITEM_STATUS_LABELS,
  METRICS,
  parsePeriod,
  points,
  rank,
  sharePercent,
  type MetricKey,
} from './scorecards.rules.js';
import { sourceOf, type IndicatorSource, type SourceFacts } from './scorecards.sources.js';
import { scorecardSources } from './scorecards.adapters.js';
import {
  assembleItem,
  rescoreSnapshot,
  totalOf,
  type Adjustment,
  type CardSnapshot,
  type IndicatorWithId,
  type ManualEntry,
} from './scorecards.card.js';
import {
  assertReadsCard,
  audit,
  canManageSet,
  managedSet,
  rule,
  scoredAgencies,
  toIndicator,
  type ScoredAgency,
} from './scorecards.shared.js';
import { setSummary } from './scorecards.sets.js';
import { decodeSnapshot, encodeSnapshot } from './scorecards.snapshot.js';
import { dataVersions, periodClosed } from './scorecards.versions.js';

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const toManual = (m: ManualRow): ManualEntry => ({
  id: m.id,
  centi: Number(m.score_centi),
  evidence: m.evidence,
  attachmentName: m.attachment_name,
  scoredAt: m.scored_at,
});

/** Per card: the latest accepted contest of each indicator. */
function adjustmentsOf(contests: readonly ContestRow[]): Map<string, Map<string, Adjustment>> {
  const out = new Map<string, Map<string, Adjustment>>();
  const accepted = contests
    .filter((c) => c.state === 'accepted' && c.adjusted_centi !== null)
    .sort((a, b) => (a.answered_at ?? '').localeCompare(b.answered_at ?? ''));
  for (const c of accepted) {
    const m = out.get(c.agency_id) ?? new Map<string, Adjustment>();
    m.set(c.indicator_id, { contestId: c.id, centi: Number(c.adjusted_centi), reply: c.reply ?? '' });
    out.set(c.agency_id, m);
  }
  return out;
}

function manualByAgency(rows: readonly ManualRow[]): Map<string, Map<string, ManualEntry>> {
  const out = new Map<string, Map<string, ManualEntry>>();
  for (const r of rows) {
    const m = out.get(r.agency_id) ?? new Map<string, ManualEntry>();
    m.set(r.indicator_id, toManual(r));
    out.set(r.agency_id, m);
  }
  return out;
}

/** The as-of day of a period: its last day, or today while it runs. */
function asOfDay(ctx: Ctx, to: string): string {
  const today = todayInChina(ctx.clock);
  return today < to ? today : to;
}

/** Reads every automatic metric of the set for the agencies, one source call per metric, all at once. */
export async function gatherFacts(
  ctx: Ctx,
  indicators: readonly IndicatorWithId[],
  agencyIds: readonly string[],
  period: ReturnType<typeof parsePeriod>,
  asOf: string,
  sources: readonly IndicatorSource[],
): Promise<Map<MetricKey, Map<string, SourceFacts>>> {
  const metrics = [...new Set(indicators.map((i) => i.kind).filter(isMetricKey))];
  const out = new Map<MetricKey, Map<string, SourceFacts>>();
  if (agencyIds.length === 0) return out;
  // Concurrently: on PostgreSQL one source's queries run while another's facts are derived in JavaScript
  // (sequentially the compute waited on the database for most of its time); SQLite runs them in turn.
  const read = await Promise.all(
    metrics.map(async (metric) => {
      const src = sourceOf(sources, metric);
      return [metric, src ? await src.facts(ctx, metric, agencyIds, period, asOf) : undefined] as const;
    }),
  );
  for (const [metric, facts] of read) if (facts) out.set(metric, facts);
  return out;
}

/**
 * Computes (recomputes) the cards of the set, for every scored agency or one; audited. For a closed
 * period a card whose agency's data version (scorecards.versions.ts) and set revision are unchanged
 * stands as stored: its automatic items are what the data still says, and manual scores and accepted
 * contests are applied to the stored card in their own transactions (setManualScore, answerContest).
 * `force` re-reads every agency.
 */
export async function computeCards(
  ctx: Ctx,
  actor: Actor,
  setId: string,
  agencyId?: string,
  sources: readonly IndicatorSource[] = scorecardSources(),
  opts: { force?: boolean } = {},
): Promise<Static<typeof Ranking>> {
  const set = await managedSet(ctx.db, actor, setId);
  const period = parsePeriod(set.period);
  const today = todayInChina(ctx.clock);
  if (period.from > today) throw conflict('period_not_started', `${period.label}尚未开始，不能计算考核结果`);
  let agencies = await scoredAgencies(ctx, actor);
  if (agencyId) {
    agencies = agencies.filter((a) => a.id === agencyId);
    if (agencies.length === 0) throw forbidden('该机关不在本机关考核范围内');
  }
  const indicators = (await repo.listIndicators(ctx.db, setId)).map(toIndicator);
  const asOf = asOfDay(ctx, period.to);
  const ids = agencies.map((a) => a.id);
  // A closed period: the versions are read BEFORE the facts, so a change committed in between leaves the
  // card with an older version than its facts (re-read next time), never the other way round.
  const closed = periodClosed(period.to, today);
  const versions = closed ? await dataVersions(ctx, ids) : null;
  const reusable = new Set<string>();
  if (versions && !opts.force)
    for (const c of await repo.listCardVersions(ctx.db, setId))
      if (
        c.data_version !== null &&
        c.data_version === versions.get(c.agency_id) &&
        Number(c.set_revision) === Number(set.revision)
      )
        reusable.add(c.agency_id);
  const toRead = ids.filter((id) => !reusable.has(id));
  const facts = await gatherFacts(ctx, indicators, toRead, period, asOf, sources);
  await inTransaction(ctx, async (trx) => {
    const fresh = await managedSet(trx, actor, setId);
    const manual = manualByAgency(await repo.listManual(trx, setId, agencyId ? ids : undefined));
    const adjustments = adjustmentsOf(await repo.listContests(trx, { setId }));
    const now = nowIso(ctx.clock);
    // The indicators were read before the transaction: a change since then would mix two revisions.
    if (Number(fresh.revision) !== Number(set.revision))
      throw conflict('set_changed_during_compute', '计算期间考核指标被修改，请重新计算');
    const rows = agencies.flatMap((a) => {
      if (reusable.has(a.id)) return [];
      const snapshot: CardSnapshot = {
        asOf,
        items: indicators.map((ind) =>
          assembleItem(
            ind,
            isMetricKey(ind.kind) ? facts.get(ind.kind)?.get(a.id) : undefined,
            manual.get(a.id)?.get(ind.id),
            adjustments.get(a.id)?.get(ind.id),
          ),
        ),
      };
      const t = totalOf(snapshot);
      return [
        {
          id: newId(),
          set_id: setId,
          agency_id: a.id,
          set_revision: Number(fresh.revision),
          total_centi: t.centi,
          max_centi: t.maxCenti,
          scored_max_centi: t.scoredMaxCenti,
          provisional: t.provisional ? 1 : 0,
          snapshot_json: encodeSnapshot(snapshot),
          computed_at: now,
          computed_by: actor.userId,
          data_version: versions?.get(a.id) ?? null,
        },
      ];
    });
    await repo.saveCards(trx, rows);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.compute',
      { type: 'scorecard_set', id: setId, orgId: set.org_id },
      {
        period: set.period,
        revision: fresh.revision,
        asOf,
        agencies: agencies.length,
        // Cards of a closed period whose agency's data did not change keep their automatic items.
        reread: toRead.length,
        reused: agencies.length - toRead.length,
        force: opts.force === true,
        totals: Object.fromEntries(rows.map((r) => [r.agency_id, points(r.total_centi)])),
      },
    );
  });
  return {
    ...(await rankingOf(ctx, actor, set, sources)),
    compute: { reread: toRead.length, reused: agencies.length - toRead.length, closedPeriod: closed },
  };
}

async function rankingOf(ctx: Ctx, actor: Actor, set: SetRow, sources: readonly IndicatorSource[]) {
  const [agencies, cards, open, indicators] = await Promise.all([
    scoredAgencies(ctx, actor),
    repo.listCardTotals(ctx.db, set.id),
    repo.countOpenContests(ctx.db, set.id),
    repo.listIndicators(ctx.db, set.id),
  ]);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  // Ranked by score share (earned over what could be scored), so 不适用 items neither help nor hurt.
  const ranked = rank(
    cards
      .filter((c) => names.has(c.agency_id))
      .sort((a, b) => (names.get(a.agency_id) ?? '').localeCompare(names.get(b.agency_id) ?? '', 'zh'))
      .map((c) => ({ ...c, centi: Number(c.total_centi), scoredMaxCenti: Number(c.scored_max_centi) })),
  );
  const rows = ranked.map((c) => ({
    rank: c.rank,
    agencyId: c.agency_id,
    agencyName: names.get(c.agency_id) ?? '',
    cardId: c.id,
    total: points(c.centi),
    max: points(Number(c.max_centi)),
    scoredMax: points(c.scoredMaxCenti),
    share: sharePercent(c),
    provisional: Number(c.provisional) === 1,
    grade: grade(c),
    outdated: Number(c.set_revision) !== Number(set.revision),
    openContests: open.get(c.agency_id) ?? 0,
    computedAt: c.computed_at,
  }));
  const scored = new Set(rows.map((r) => r.agencyId));
  for (const a of agencies)
    if (!scored.has(a.id))
      rows.push({
        rank: null,
        agencyId: a.id,
        agencyName: a.name,
        cardId: null,
        total: null,
        max: null,
        scoredMax: null,
        share: null,
        provisional: false,
        grade: null,
        outdated: false,
        openContests: 0,
        computedAt: null,
      } as unknown as (typeof rows)[number]);
  const unavailable = indicators
    .map(toIndicator)
    .filter((i) => isMetricKey(i.kind) && !sourceOf(sources, i.kind))
    .map((i) => i.name);
  return { set: await setSummary(ctx.db, set), rows, unavailable };
}

/** The ranking of a set (the managing agency only). */
export async function getRanking(ctx: Ctx, actor: Actor, setId: string) {
  const set = await managedSet(ctx.db, actor, setId);
  return rankingOf(ctx, actor, set, scorecardSources());
}

async function loadCard(db: Db, actor: Actor, cardId: string): Promise<{ card: CardRow; set: SetRow }> {
  const card = await repo.findCard(db, cardId);
  if (!card) throw notFound('scorecard', '该考核结果不存在');
  const set = await repo.findSet(db, card.set_id);
  if (!set) throw notFound('scorecard_set', '该考核期间不存在');
  assertReadsCard(actor, set, card);
  return { card, set };
}

async function agencyName(ctx: Ctx, actor: Actor, set: SetRow, agencyId: string): Promise<string> {
  if (canManageSet(actor, set))
    return (await scoredAgencies(ctx, actor)).find((a) => a.id === agencyId)?.name ?? '';
  const { agencyOf } = await import('../orgs/orgs.service.js');
  return (await agencyOf(ctx, agencyId)).name;
}

/** A card with every item, its explanation and records, and the contests of the card. */
export async function cardView(ctx: Ctx, actor: Actor, cardId: string, db: Db = ctx.db): Promise<CardViewT> {
  const { card, set } = await loadCard(db, actor, cardId);
  const snapshot = decodeSnapshot(card.snapshot_json);
  const [totals, contests] = await Promise.all([
    repo.listCardTotals(db, set.id),
    repo.listContests(db, { cardId }),
  ]);
  const ranked = rank(
    totals.map((c) => ({
      id: c.id,
      centi: Number(c.total_centi),
      scoredMaxCenti: Number(c.scored_max_centi),
    })),
  );
  const names = new Map(snapshot.items.map((i) => [i.indicatorId, i.name]));
  const t = totalOf(snapshot);
  const manage = canManageSet(actor, set);
  return {
    id: card.id,
    set: await setSummary(db, set, manage ? null : card.id),
    agencyId: card.agency_id,
    agencyName: await agencyName(ctx, actor, set, card.agency_id),
    total: points(t.centi),
    max: points(t.maxCenti),
    scoredMax: points(t.scoredMaxCenti),
    notApplicable: points(t.notApplicableCenti),
    share: sharePercent(t),
    provisional: t.provisional,
    grade: t.grade,
    rank: ranked.find((r) => r.id === card.id)?.rank ?? null,
    rankOf: totals.length,
    outdated: Number(card.set_revision) !== Number(set.revision),
    asOf: snapshot.asOf,
    computedAt: card.computed_at,
    items: snapshot.items.map((i) => ({
      indicatorId: i.indicatorId,
      kind: i.kind,
      name: i.name,
      weight: points(i.weightCenti),
      ruleText: i.ruleText,
      status: i.status,
      statusLabel: i.adjustment ? '已评分（经申诉调整）' : ITEM_STATUS_LABELS[i.status],
      score: i.centi === null ? null : points(i.centi),
      computedScore: i.computedCenti === null ? null : points(i.computedCenti),
      explanation: i.explanation,
      measure: i.measure,
      recordsLabel: i.recordsLabel,
      records: i.records,
      recordsTotal: i.recordsTotal,
      sourceNote: i.sourceNote,
      manual: i.manual
        ? {
            id: i.manual.id,
            score: points(i.manual.centi),
            evidence: i.manual.evidence,
            attachmentName: i.manual.attachmentName,
            scoredAt: i.manual.scoredAt,
          }
        : null,
      adjustment: i.adjustment
        ? { contestId: i.adjustment.contestId, score: points(i.adjustment.centi), reply: i.adjustment.reply }
        : null,
    })),
    contests: contests.map((c) => ({
      id: c.id,
      indicatorId: c.indicator_id,
      indicatorName: names.get(c.indicator_id) ?? '（已删除的指标）',
      reason: c.reason,
      state: c.state,
      stateLabel: CONTEST_STATE_LABELS[c.state],
      before: c.before_centi === null ? null : points(Number(c.before_centi)),
      adjusted: c.adjusted_centi === null ? null : points(Number(c.adjusted_centi)),
      reply: c.reply,
      createdAt: c.created_at,
      answeredAt: c.answered_at,
    })),
    canManage: manage,
    canContest: can(actor, 'scorecards.contest') && actor.orgId === card.agency_id,
  };
}

/** Re-applies manual scores and accepted contests to a stored card (no data re-read). */
async function rescoreCard(trx: Db, card: CardRow): Promise<void> {
  const indicators = (await repo.listIndicators(trx, card.set_id)).map(toIndicator);
  const manual = manualByAgency(await repo.listManual(trx, card.set_id, [card.agency_id])).get(
    card.agency_id,
  );
  const adj = adjustmentsOf(await repo.listContests(trx, { cardId: card.id })).get(card.agency_id);
  const snapshot = rescoreSnapshot(
    decodeSnapshot(card.snapshot_json),
    indicators,
    manual ?? new Map(),
    adj ?? new Map(),
  );
  const t = totalOf(snapshot);
  await repo.updateCard(trx, card.id, {
    total_centi: t.centi,
    max_centi: t.maxCenti,
    scored_max_centi: t.scoredMaxCenti,
    provisional: t.provisional ? 1 : 0,
    snapshot_json: encodeSnapshot(snapshot),
  });
}

function decodeAttachment(a: { fileName: string; contentBase64: string }): Buffer {
  const bytes = Buffer.from(a.contentBase64.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0)
    throw new DomainError('empty_attachment', '佐证材料为空文件', { field: 'attachment' });
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('attachment_too_large', '佐证材料不超过10MB', { field: 'attachment' }, 'invalid');
  return bytes;
}

/** Scores a manual indicator of one agency with its evidence (text and an optional file); audited. */
export async function setManualScore(
  ctx: Ctx,
  actor: Actor,
  setId: string,
  body: Static<typeof ManualScoreBody>,
) {
  const set = await managedSet(ctx.db, actor, setId);
  const ind = (await repo.listIndicators(ctx.db, setId))
    .map(toIndicator)
    .find((i) => i.id === body.indicatorId);
  if (!ind) throw notFound('scorecard_indicator', '该指标不属于本考核期间');
  if (ind.kind !== 'manual') throw conflict('not_manual', '自动计算的指标不能人工评分，可通过申诉复核调整');
  const centi = rule(() => checkManualScore(ind.weight, body.score));
  const agencies: ScoredAgency[] = await scoredAgencies(ctx, actor);
  if (!agencies.some((a) => a.id === body.agencyId)) throw forbidden('该机关不在本机关考核范围内');
  const stored = body.attachment
    ? {
        name: body.attachment.fileName.trim(),
        file: await fileStorage().put(`scorecards/${set.org_id}`, decodeAttachment(body.attachment)),
      }
    : null;
  const cardId = await inTransaction(ctx, async (trx) => {
    const card = await repo.findCardOf(trx, setId, body.agencyId);
    if (!card) throw conflict('card_not_computed', '请先计算该机关的考核结果再评分');
    const prev = await repo.findManual(trx, ind.id, body.agencyId);
    const row = {
      id: prev?.id ?? newId(),
      set_id: setId,
      indicator_id: ind.id,
      agency_id: body.agencyId,
      score_centi: centi,
      evidence: body.evidence.trim(),
      attachment_name: stored ? stored.name : (prev?.attachment_name ?? null),
      attachment_key: stored ? stored.file.key : (prev?.attachment_key ?? null),
      attachment_size: stored ? stored.file.sizeBytes : (prev?.attachment_size ?? null),
      scored_by: actor.userId,
      scored_at: nowIso(ctx.clock),
    };
    await repo.upsertManual(trx, row);
    await rescoreCard(trx, card);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.manual.score',
      { type: 'scorecard', id: card.id, orgId: body.agencyId },
      { indicator: ind.name, score: points(centi), evidence: row.evidence, attachment: row.attachment_name },
      prev ? { score: points(Number(prev.score_centi)), evidence: prev.evidence } : undefined,
    );
    return card.id;
  });
  return cardView(ctx, actor, cardId);
}

/** The evidence file of a manual score (the managing agency or the scored agency). */
export async function manualAttachment(ctx: Ctx, actor: Actor, manualId: string) {
  const m = await repo.findManualById(ctx.db, manualId);
  if (!m || !m.attachment_key) throw notFound('attachment', '没有佐证材料');
  const set = await repo.findSet(ctx.db, m.set_id);
  if (!set) throw notFound('scorecard_set');
  assertReadsCard(actor, set, { agency_id: m.agency_id });
  return { fileName: m.attachment_name ?? 'evidence', content: await fileStorage().get(m.attachment_key) };
}

/** The scored agency contests one item with a reason; audited. */
export async function contestItem(ctx: Ctx, actor: Actor, cardId: string, body: Static<typeof ContestBody>) {
  if (!can(actor, 'scorecards.contest')) throw forbidden('没有提出申诉的权限');
  await inTransaction(ctx, async (trx) => {
    const card = await repo.findCard(trx, cardId);
    if (!card) throw notFound('scorecard', '该考核结果不存在');
    if (actor.orgId !== card.agency_id) throw forbidden('只能对本机关的考核结果提出申诉');
    const item = decodeSnapshot(card.snapshot_json).items.find((i) => i.indicatorId === body.indicatorId);
    if (!item) throw notFound('scorecard_indicator', '考核结果中没有该指标');
    if (item.status === 'unavailable')
      throw conflict('contest_unavailable_item', '该指标未接入数据、不计分，无需申诉');
    if (item.status === 'not_applicable')
      throw conflict('contest_not_applicable_item', '该指标本期无应计事项、不计分，无需申诉');
    const open = await repo.listContests(trx, { cardId, state: 'open' });
    if (open.some((c) => c.indicator_id === body.indicatorId))
      throw conflict('contest_open', '该项已有待答复的申诉');
    const row = {
      id: newId(),
      card_id: cardId,
      set_id: card.set_id,
      agency_id: card.agency_id,
      indicator_id: body.indicatorId,
      reason: body.reason.trim(),
      state: 'open' as const,
      before_centi: item.centi,
      adjusted_centi: null,
      reply: null,
      created_by: actor.userId,
      created_at: nowIso(ctx.clock),
      answered_by: null,
      answered_at: null,
    };
    await repo.insertContest(trx, row);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.contest.create',
      { type: 'scorecard_contest', id: row.id, orgId: card.agency_id },
      {
        card: cardId,
        indicator: item.name,
        score: item.centi === null ? null : points(item.centi),
        reason: row.reason,
      },
    );
  });
  return cardView(ctx, actor, cardId);
}

/** The managing agency answers a contest: accept with the new score (card rescored) or reject with a reason. */
export async function answerContest(
  ctx: Ctx,
  actor: Actor,
  contestId: string,
  body: Static<typeof ContestAnswerBody>,
) {
  const cardId = await inTransaction(ctx, async (trx) => {
    const c = await repo.findContest(trx, contestId);
    if (!c) throw notFound('scorecard_contest', '该申诉不存在');
    const set = await managedSet(trx, actor, c.set_id);
    if (c.state !== 'open') throw conflict('contest_answered', '该申诉已经答复');
    const card = await repo.findCard(trx, c.card_id);
    if (!card) throw notFound('scorecard', '该考核结果不存在');
    const ind = (await repo.listIndicators(trx, set.id))
      .map(toIndicator)
      .find((i) => i.id === c.indicator_id);
    if (!ind) throw notFound('scorecard_indicator', '该指标已被删除');
    const adjusted = rule(() => checkContestAnswer(ind.weight, body));
    const patch = {
      state: body.accept ? ('accepted' as const) : ('rejected' as const),
      adjusted_centi: adjusted,
      reply: body.reply.trim(),
      answered_by: actor.userId,
      answered_at: nowIso(ctx.clock),
    };
    await repo.updateContest(trx, contestId, patch);
    if (body.accept) await rescoreCard(trx, card);
    await audit(
      trx,
      ctx.clock,
      actor,
      body.accept ? 'scorecards.contest.accept' : 'scorecards.contest.reject',
      { type: 'scorecard_contest', id: contestId, orgId: c.agency_id },
      { state: patch.state, reply: patch.reply, score: adjusted === null ? null : points(adjusted) },
      { state: c.state, score: c.before_centi === null ? null : points(Number(c.before_centi)) },
    );
    return card.id;
  });
  return cardView(ctx, actor, cardId);
}

export { METRICS };
