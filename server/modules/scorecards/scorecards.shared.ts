/** Helpers shared by the scorecards use-case files: who manages a set, who reads a card, rule errors, audit. */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { readableAgencyIds, visibleOrgs } from '../orgs/orgs.service.js';
import * as repo from './scorecards.repository.js';
import type { CardRow, Db, IndicatorRow, SetRow } from './scorecards.repository.js';
import { type IndicatorDef, type IndicatorKind, type ScoringRule } from './scorecards.rules.js';
import type { IndicatorWithId } from './scorecards.card.js';

export { rule } from '../../platform/rule-violation.js';

export { auditTarget as audit } from '../audit/audit.service.js';

/** The agency whose scorecards the actor manages (its own, with scorecards.manage). */
export function managingAgency(actor: Actor): string {
  if (!can(actor, 'scorecards.manage')) throw forbidden('没有设置考核指标和评分的权限');
  if (!actor.orgId) throw forbidden('当前账号不属于任何机关');
  return actor.orgId;
}

export function canManageSet(actor: Actor, set: Pick<SetRow, 'org_id'>): boolean {
  return can(actor, 'scorecards.manage') && actor.orgId === set.org_id;
}

/** A set the actor manages, or 404/403. */
export async function managedSet(db: Db, actor: Actor, setId: string): Promise<SetRow> {
  const set = await repo.findSet(db, setId);
  if (!set) throw notFound('scorecard_set', '该考核期间不存在');
  if (!canManageSet(actor, set)) throw forbidden('只能管理本机关设置的考核');
  return set;
}

/** May the actor read this card? The managing agency, or the scored agency itself (view-own). */
export function assertReadsCard(actor: Actor, set: SetRow, card: Pick<CardRow, 'agency_id'>): void {
  if (canManageSet(actor, set)) return;
  if (can(actor, 'scorecards.view-own') && actor.orgId === card.agency_id) return;
  throw forbidden('只能查看本机关的考核结果');
}

export interface ScoredAgency {
  id: string;
  name: string;
  sortOrder: number;
}

/** The agencies a supervisor scores: every agency it reads except its own, in tree order. */
export async function scoredAgencies(ctx: Ctx, actor: Actor): Promise<ScoredAgency[]> {
  const readable = await readableAgencyIds(ctx, actor);
  const orgs = await visibleOrgs(ctx, actor);
  const parent = new Map(orgs.map((o) => [o.id, o.parent_id]));
  const below = (id: string) => {
    for (let p = parent.get(id); p; p = parent.get(p)) if (p === actor.orgId) return true;
    return false;
  };
  return orgs
    .filter((o) => o.id !== actor.orgId && (readable === 'all' || readable.includes(o.id)))
    .filter((o) => actor.orgId === null || below(o.id))
    .filter((o) => o.kind !== 'division')
    .map((o) => ({ id: o.id, name: o.name, sortOrder: Number(o.sort_order ?? 0) }));
}

export function toIndicator(r: IndicatorRow): IndicatorWithId {
  let parsed: ScoringRule;
  try {
    parsed = JSON.parse(r.rule_json) as ScoringRule;
  } catch {
    parsed = { type: 'manual' };
  }
  return {
    id: r.id,
    kind: r.kind as IndicatorKind,
    name: r.name,
    weight: Number(r.weight_centi) / 100,
    rule: parsed,
    description: r.description,
  };
}

export type { IndicatorDef };
