/**
 * Indicator sets per period (quarter, year): the supervising agency creates one from the defaults, copies
 * the previous period's, or defines its own; edits bump the set's revision so earlier cards show as
 * outdated until recomputed. Every write in one transaction with its audit entry.
 */
import type { Static } from 'typebox';
import type {
  IndicatorInput,
  SetCreateBody,
  SetDetail,
  SetSummaryT,
  SetUpdateBody,
} from '../../../contract/scorecards.js';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './scorecards.repository.js';
import type { Db, SetRow } from './scorecards.repository.js';
import {
  checkIndicatorSet,
  defaultIndicators,
  describeRule,
  METRIC_KEYS,
  METRICS,
  parsePeriod,
  previousPeriod,
  type IndicatorDef,
  type MetricKey,
} from './scorecards.rules.js';
import { sourceOf, type IndicatorSource } from './scorecards.sources.js';
import { scorecardSources } from './scorecards.adapters.js';
import { audit, canManageSet, managedSet, managingAgency, rule, toIndicator } from './scorecards.shared.js';
import type { IndicatorWithId } from './scorecards.card.js';

type IndicatorInputT = Static<typeof IndicatorInput>;

const kindLabel = (kind: string) =>
  kind === 'manual' ? '人工评分' : (METRICS[kind as MetricKey]?.label ?? kind);

export function indicatorView(
  ind: IndicatorWithId,
  sources: readonly IndicatorSource[] = scorecardSources(),
) {
  return {
    id: ind.id,
    kind: ind.kind,
    kindLabel: kindLabel(ind.kind),
    name: ind.name,
    weight: ind.weight,
    rule: ind.rule,
    ruleText: describeRule(ind),
    description: ind.description ?? null,
    available: ind.kind === 'manual' || sourceOf(sources, ind.kind) !== null,
  };
}

/** The metrics a set may use (with whether their data source is wired) and the default set. */
export function metricCatalog(actor: Actor) {
  if (!can(actor, 'scorecards.manage') && !can(actor, 'scorecards.view-own')) throw forbidden();
  const sources = scorecardSources();
  return {
    metrics: [
      ...METRIC_KEYS.map((key) => ({
        key,
        label: METRICS[key].label,
        measure: METRICS[key].measure,
        help: METRICS[key].help,
        available: sourceOf(sources, key) !== null,
      })),
      {
        key: 'manual' as const,
        label: '人工评分',
        measure: 'manual' as const,
        help: '由考核人员依据佐证材料评分。',
        available: true,
      },
    ],
    defaults: defaultIndicators().map((d, i) => indicatorView({ ...d, id: `default-${i + 1}` }, sources)),
  };
}

export async function setSummary(db: Db, set: SetRow, myCardId: string | null = null): Promise<SetSummaryT> {
  const p = parsePeriod(set.period);
  const [indicators, cards, open] = await Promise.all([
    repo.listIndicators(db, set.id),
    repo.listCardTotals(db, set.id),
    repo.countOpenContests(db, set.id),
  ]);
  return {
    id: set.id,
    period: set.period,
    periodKind: set.period_kind,
    periodLabel: p.label,
    from: p.from,
    to: p.to,
    title: set.title,
    note: set.note,
    revision: Number(set.revision),
    indicatorCount: indicators.length,
    cardCount: cards.length,
    openContests: [...open.values()].reduce((s, n) => s + n, 0),
    myCardId,
    updatedAt: set.updated_at,
  };
}

/** Supervisor: the sets of its agency. Office: the sets holding a card of its agency. */
export async function listSets(ctx: Ctx, actor: Actor) {
  if (can(actor, 'scorecards.manage') && actor.orgId) {
    const sets = await repo.listSets(ctx.db, [actor.orgId]);
    return { items: await Promise.all(sets.map((s) => setSummary(ctx.db, s))), canManage: true };
  }
  if (can(actor, 'scorecards.view-own') && actor.orgId) {
    const agencyId = actor.orgId;
    const sets = await repo.setsWithCardOf(ctx.db, agencyId);
    const items = await Promise.all(
      sets.map(async (s) =>
        setSummary(ctx.db, s, (await repo.findCardOf(ctx.db, s.id, agencyId))?.id ?? null),
      ),
    );
    return { items, canManage: false };
  }
  throw forbidden('没有查看考核的权限');
}

async function detail(db: Db, actor: Actor, set: SetRow): Promise<Static<typeof SetDetail>> {
  const sources = scorecardSources();
  const indicators = (await repo.listIndicators(db, set.id)).map(toIndicator);
  return {
    ...(await setSummary(db, set)),
    indicators: indicators.map((i) => indicatorView(i, sources)),
    canManage: canManageSet(actor, set),
  };
}

export async function getSet(ctx: Ctx, actor: Actor, id: string) {
  const set = await repo.findSet(ctx.db, id);
  if (!set) throw notFound('scorecard_set', '该考核期间不存在');
  if (!canManageSet(actor, set)) {
    // The scored agency may read the indicators of a set holding its card.
    const mine =
      actor.orgId && can(actor, 'scorecards.view-own')
        ? await repo.findCardOf(ctx.db, id, actor.orgId)
        : undefined;
    if (!mine) throw forbidden('只能查看本机关设置的考核或本机关的考核结果');
  }
  return detail(ctx.db, actor, set);
}

function toDefs(input: readonly IndicatorInputT[]): IndicatorDef[] {
  return input.map((i) => ({
    kind: i.kind,
    name: i.name,
    weight: i.weight,
    rule: i.rule,
    description: i.description ?? null,
  }));
}

function indicatorRows(setId: string, defs: readonly IndicatorDef[], ids: readonly (string | undefined)[]) {
  return defs.map((d, i) => ({
    id: ids[i] ?? newId(),
    set_id: setId,
    sort_order: i,
    kind: d.kind,
    name: d.name,
    weight_centi: Math.round(d.weight * 100),
    rule_json: JSON.stringify(d.rule),
    description: d.description ?? null,
  }));
}

/** Creates the indicator set of a period: from the previous period, from the body, or the defaults. */
export async function createSet(ctx: Ctx, actor: Actor, body: Static<typeof SetCreateBody>) {
  const orgId = managingAgency(actor);
  const period = rule(() => parsePeriod(body.period));
  return inTransaction(ctx, async (trx) => {
    if (await repo.findSetByPeriod(trx, orgId, period.key))
      throw conflict('scorecard_set_exists', `${period.label}已有考核指标，请修改已有的指标`);
    let defs: IndicatorDef[];
    let copiedFrom: string | null = null;
    if (body.copyFromPrevious) {
      const prevKey = previousPeriod(period.key);
      const prev = await repo.findSetByPeriod(trx, orgId, prevKey);
      if (!prev) throw conflict('no_previous_set', `${parsePeriod(prevKey).label}没有考核指标，无法复制`);
      defs = (await repo.listIndicators(trx, prev.id)).map(toIndicator);
      copiedFrom = prev.id;
    } else defs = body.indicators ? toDefs(body.indicators) : defaultIndicators();
    defs = rule(() => checkIndicatorSet(defs));
    const now = nowIso(ctx.clock);
    const row = {
      id: newId(),
      org_id: orgId,
      period: period.key,
      period_kind: period.kind,
      title: body.title?.trim() || `${period.label}政务公开工作考核`,
      note: body.note?.trim() || null,
      revision: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertSet(trx, row);
    const rows = indicatorRows(row.id, defs, []);
    await repo.insertIndicators(trx, rows);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.set.create',
      { type: 'scorecard_set', id: row.id, orgId },
      {
        period: row.period,
        title: row.title,
        copiedFrom,
        indicators: rows.map((r) => ({
          name: r.name,
          kind: r.kind,
          weight: r.weight_centi / 100,
          rule: r.rule_json,
        })),
      },
    );
    return detail(trx, actor, row);
  });
}

/** Replaces the indicators (ids kept where given); cards computed before are outdated until recomputed. */
export async function updateSet(ctx: Ctx, actor: Actor, id: string, body: Static<typeof SetUpdateBody>) {
  const defs = rule(() => checkIndicatorSet(toDefs(body.indicators)));
  return inTransaction(ctx, async (trx) => {
    const set = await managedSet(trx, actor, id);
    const before = await repo.listIndicators(trx, id);
    const keep = new Set(body.indicators.flatMap((i) => (i.id ? [i.id] : [])));
    const unknown = [...keep].filter((k) => !before.some((b) => b.id === k));
    if (unknown.length) throw notFound('scorecard_indicator', '要修改的指标不属于该考核期间');
    const removed = before.filter((b) => !keep.has(b.id)).map((b) => b.id);
    const contested = await repo.contestedIndicatorIds(trx, id);
    const blocked = removed.filter((r) => contested.has(r));
    if (blocked.length)
      throw conflict(
        'indicator_in_use',
        `指标“${before.find((b) => b.id === blocked[0])!.name}”已有申诉记录，不能删除`,
      );
    await repo.deleteIndicators(trx, removed);
    const rows = indicatorRows(
      id,
      defs,
      body.indicators.map((i) => i.id),
    );
    for (const r of rows) {
      if (keep.has(r.id)) {
        const { id: rid, set_id: _s, ...patch } = r;
        await repo.updateIndicator(trx, rid, patch);
      } else await repo.insertIndicators(trx, [r]);
    }
    const patch = {
      title: body.title.trim(),
      note: body.note?.trim() || null,
      revision: Number(set.revision) + 1,
      updated_at: nowIso(ctx.clock),
    };
    await repo.updateSet(trx, id, patch);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.set.update',
      { type: 'scorecard_set', id, orgId: set.org_id },
      {
        title: patch.title,
        revision: patch.revision,
        indicators: rows.map((r) => ({
          name: r.name,
          kind: r.kind,
          weight: r.weight_centi / 100,
          rule: r.rule_json,
        })),
      },
      {
        title: set.title,
        revision: set.revision,
        indicators: before.map((r) => ({
          name: r.name,
          kind: r.kind,
          weight: Number(r.weight_centi) / 100,
          rule: r.rule_json,
        })),
      },
    );
    return detail(trx, actor, { ...set, ...patch });
  });
}

/** Deletes a set with its cards and manual scores; refused once an agency has contested. */
export async function deleteSet(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx, async (trx) => {
    const set = await managedSet(trx, actor, id);
    if ((await repo.contestedIndicatorIds(trx, id)).size > 0)
      throw conflict('indicator_in_use', '该考核已有申诉记录，不能删除');
    await repo.deleteSet(trx, id);
    await audit(
      trx,
      ctx.clock,
      actor,
      'scorecards.set.delete',
      { type: 'scorecard_set', id, orgId: set.org_id },
      undefined,
      {
        period: set.period,
        title: set.title,
      },
    );
    return { ok: true };
  });
}
