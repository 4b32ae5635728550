/** Accident investigation reports (事故调查报告) and 挂牌督办 hazards: save, workflow, list and detail. */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertCreditCode } from '../../platform/validation/credit-code.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableAgencyIds, assertReadsAgency, assertWritesAgency } from '../orgs/orgs.service.js';
import { indexDocument, unindexDocument } from '../search/search.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import type { SearchDocument } from '../search/search.index.js';
import * as repo from './enforcement.repository.js';
import type { Accident, Hazard } from './enforcement.repository.js';
import { ACCIDENT_LEVELS, isIsoDate, RECTIFICATION_STATUSES } from './enforcement.rules.js';
import type { AccidentLevel, RectificationStatus } from './enforcement.tables.js';
import { availableActions, isEditable, transition, type WorkflowAction } from './workflow.rules.js';
import { actorAgency, has } from './enforcement.shared.js';

// ---------- accident reports and hazards ----------

export interface AccidentInput {
  title: string;
  level: AccidentLevel;
  occurredOn: string;
  place: string;
  enterpriseName?: string | null;
  creditCode?: string | null;
  deaths: number;
  injuries: number;
  directLossFen: number;
  summary: string;
  conclusions: string;
  responsibilityHandling: string;
  approvedOn?: string | null;
}

export interface HazardInput {
  title: string;
  enterpriseName: string;
  creditCode?: string | null;
  description: string;
  listedOn: string;
  deadline: string;
  responsibleUnit: string;
  measures?: string | null;
  rectificationStatus: RectificationStatus;
  delistedOn?: string | null;
}

function required(value: string | null | undefined, field: string, label: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new DomainError('required', `${label}不能为空`, { field });
  return v;
}

function pastDate(
  value: string | null | undefined,
  field: string,
  label: string,
  today: string,
  optional = false,
): string | null {
  const v = (value ?? '').trim();
  if (!v) {
    if (optional) return null;
    throw new DomainError('required', `${label}不能为空`, { field });
  }
  if (!isIsoDate(v)) throw new DomainError('invalid_date', `${label}格式应为YYYY-MM-DD`, { field });
  if (v > today) throw new DomainError('future_date', `${label}不能晚于今天`, { field });
  return v;
}

function count(value: number, field: string, label: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new DomainError('invalid_number', `${label}应为不小于0的整数`, { field });
  return value;
}

function accidentColumns(input: AccidentInput, today: string) {
  if (!ACCIDENT_LEVELS.includes(input.level))
    throw new DomainError('invalid_level', '事故等级无效', { field: 'level' });
  return {
    title: required(input.title, 'title', '报告标题'),
    level: input.level,
    occurred_on: pastDate(input.occurredOn, 'occurredOn', '事故发生日期', today)!,
    place: required(input.place, 'place', '事故地点'),
    enterprise_name: input.enterpriseName?.trim() || null,
    credit_code: input.creditCode?.trim() ? assertCreditCode(input.creditCode, 'creditCode') : null,
    deaths: count(input.deaths, 'deaths', '死亡人数'),
    injuries: count(input.injuries, 'injuries', '受伤人数'),
    direct_loss_fen: count(input.directLossFen, 'directLossFen', '直接经济损失'),
    summary: required(input.summary, 'summary', '事故经过'),
    conclusions: required(input.conclusions, 'conclusions', '调查结论'),
    responsibility_handling: required(
      input.responsibilityHandling,
      'responsibilityHandling',
      '责任认定及处理',
    ),
    approved_on: pastDate(input.approvedOn, 'approvedOn', '批复日期', today, true),
  };
}

function hazardColumns(input: HazardInput, today: string) {
  if (!RECTIFICATION_STATUSES.includes(input.rectificationStatus))
    throw new DomainError('invalid_status', '整改状态无效', { field: 'rectificationStatus' });
  const listedOn = pastDate(input.listedOn, 'listedOn', '挂牌日期', today)!;
  const deadline = (input.deadline ?? '').trim();
  if (!isIsoDate(deadline))
    throw new DomainError('invalid_date', '整改期限格式应为YYYY-MM-DD', { field: 'deadline' });
  if (deadline < listedOn)
    throw new DomainError('invalid_deadline', '整改期限不能早于挂牌日期', { field: 'deadline' });
  const delistedOn = pastDate(input.delistedOn, 'delistedOn', '销号日期', today, true);
  if (input.rectificationStatus === 'delisted' && !delistedOn)
    throw new DomainError('delisted_on_required', '已销号的隐患须填写销号日期', { field: 'delistedOn' });
  if (delistedOn && input.rectificationStatus !== 'delisted')
    throw new DomainError('delisted_on_unexpected', '只有已销号的隐患填写销号日期', { field: 'delistedOn' });
  if (delistedOn && delistedOn < listedOn)
    throw new DomainError('invalid_delisted_on', '销号日期不能早于挂牌日期', { field: 'delistedOn' });
  return {
    title: required(input.title, 'title', '隐患名称'),
    enterprise_name: required(input.enterpriseName, 'enterpriseName', '企业名称'),
    credit_code: input.creditCode?.trim() ? assertCreditCode(input.creditCode, 'creditCode') : null,
    description: required(input.description, 'description', '隐患情况'),
    listed_on: listedOn,
    deadline,
    responsible_unit: required(input.responsibleUnit, 'responsibleUnit', '督办责任单位'),
    measures: input.measures?.trim() || null,
    rectification_status: input.rectificationStatus,
    delisted_on: delistedOn,
  };
}

export type RecordKind = 'accident' | 'hazard';
/** The row type of a record kind. */
export type RecordOf<K extends RecordKind> = K extends 'accident' ? Accident : Hazard;

/** Reads an accident report or a hazard by kind (the one place the kind selects the row type). */
async function findRecord<K extends RecordKind>(
  db: repo.Db,
  kind: K,
  id: string,
): Promise<RecordOf<K> | undefined> {
  const rec = kind === 'accident' ? await repo.findAccident(db, id) : await repo.findHazard(db, id);
  return rec as RecordOf<K> | undefined;
}

/** The search document of a published accident report or hazard. */
export function recordDocument(kind: RecordKind, rec: Accident | Hazard): SearchDocument {
  const body =
    kind === 'accident'
      ? `${(rec as Accident).summary}\n${(rec as Accident).conclusions}\n${(rec as Accident).responsibility_handling}`
      : `${(rec as Hazard).description}\n${(rec as Hazard).measures ?? ''}`;
  return {
    kind,
    sourceId: rec.id,
    orgId: rec.org_id,
    title: rec.title,
    body,
    extra: [rec.enterprise_name ?? '', rec.credit_code ?? ''].join(' ').trim(),
    url: kind === 'accident' ? `/shigu/${rec.id}` : `/guapai/${rec.id}`,
    label: kind === 'accident' ? '事故调查报告' : '挂牌督办',
    year: Number(
      (kind === 'accident' ? (rec as Accident).occurred_on : (rec as Hazard).listed_on).slice(0, 4),
    ),
    publishedAt: rec.published_at ?? rec.updated_at,
  };
}
const RECORD_LABEL: Record<RecordKind, string> = { accident: '事故调查报告', hazard: '挂牌督办隐患' };

/**
 * What differs between saving an accident report and a hazard: its columns, its table, and what an
 * edit of an existing record may change and records in the audit trail.
 */
interface RecordSaveSpec<Row extends Accident | Hazard, Input, Cols extends Partial<Row>> {
  kind: RecordKind;
  columns(input: Input, today: string): Cols;
  insert(db: Ctx['db'], row: Row): Promise<void>;
  find(db: Ctx['db'], id: string): Promise<Row | undefined>;
  update(db: Ctx['db'], id: string, patch: Cols & { updated_at: string }): Promise<void>;
  notFoundMessage: string;
  /** Throws when the existing record may not take these columns. */
  assertEditable(existing: Row, cols: Cols): void;
  /** The before/after of the update audit row. */
  updateAudit(
    existing: Row,
    cols: Cols,
  ): { before?: Record<string, unknown>; after: Record<string, unknown> };
}

const ACCIDENT_SAVE: RecordSaveSpec<Accident, AccidentInput, ReturnType<typeof accidentColumns>> = {
  kind: 'accident',
  columns: accidentColumns,
  insert: repo.insertAccident,
  find: repo.findAccident,
  update: repo.updateAccident,
  notFoundMessage: '事故调查报告不存在',
  assertEditable: (a) => {
    if (!isEditable(a.pub_state))
      throw conflict('record_not_editable', '已提交审核或已公开的报告不能修改，请先撤下');
  },
  updateAudit: (_a, cols) => ({ after: { title: cols.title } }),
};

const HAZARD_SAVE: RecordSaveSpec<Hazard, HazardInput, ReturnType<typeof hazardColumns>> = {
  kind: 'hazard',
  columns: hazardColumns,
  insert: repo.insertHazard,
  find: repo.findHazard,
  update: repo.updateHazard,
  notFoundMessage: '挂牌督办隐患不存在',
  assertEditable: (h, cols) => {
    // Rectification progress (整改状态, 销号) is updated on a published hazard without a new review:
    // it is the point of 挂牌督办 publicity; other fields need the record taken down first.
    const onlyProgress =
      h.title === cols.title &&
      h.enterprise_name === cols.enterprise_name &&
      h.description === cols.description &&
      h.listed_on === cols.listed_on &&
      h.deadline === cols.deadline &&
      h.responsible_unit === cols.responsible_unit &&
      h.credit_code === cols.credit_code &&
      h.measures === cols.measures;
    if (!isEditable(h.pub_state) && !onlyProgress)
      throw conflict('record_not_editable', '已提交审核或已公开的隐患只能更新整改状态和销号日期');
  },
  updateAudit: (h, cols) => ({
    before: { rectificationStatus: h.rectification_status, delistedOn: h.delisted_on },
    after: { rectificationStatus: cols.rectification_status, delistedOn: cols.delisted_on },
  }),
};

/** Creates (id null) or edits an accident report or hazard; audit actions `enforcement.<kind>.create|update`. */
async function saveRecord<Row extends Accident | Hazard, Input, Cols extends Partial<Row>>(
  spec: RecordSaveSpec<Row, Input, Cols>,
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: Input,
  orgId?: string,
): Promise<Row> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有维护双公示信息的权限');
  const cols = spec.columns(input, todayInChina(ctx.clock));
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx.clock);
    if (id === null) {
      const row = {
        id: newId(),
        org_id: actorAgency(actor, orgId),
        ...cols,
        pub_state: 'draft',
        published_at: null,
        return_reason: null,
        created_at: now,
        updated_at: now,
      } as Row;
      await spec.insert(trx, row);
      await recordAudit(trx, ctx.clock, actor, {
        action: `enforcement.${spec.kind}.create`,
        targetType: `enforcement_${spec.kind}`,
        targetId: row.id,
        orgId: row.org_id,
        after: { title: row.title },
      });
      return row;
    }
    const existing = await spec.find(trx, id);
    if (!existing) throw notFound(spec.kind, spec.notFoundMessage);
    assertWritesAgency(actor, existing.org_id);
    spec.assertEditable(existing, cols);
    await spec.update(trx, id, { ...cols, updated_at: now });
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.${spec.kind}.update`,
      targetType: `enforcement_${spec.kind}`,
      targetId: id,
      orgId: existing.org_id,
      ...spec.updateAudit(existing, cols),
    });
    return { ...existing, ...cols, updated_at: now };
  });
}

export async function saveAccident(
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: AccidentInput,
  orgId?: string,
): Promise<Accident> {
  return saveRecord(ACCIDENT_SAVE, ctx, actor, id, input, orgId);
}

export async function saveHazard(
  ctx: Ctx,
  actor: Actor,
  id: string | null,
  input: HazardInput,
  orgId?: string,
): Promise<Hazard> {
  return saveRecord(HAZARD_SAVE, ctx, actor, id, input, orgId);
}

/** Workflow step of an accident report or hazard (same rules as decisions). */
export async function transitionRecord<K extends RecordKind>(
  ctx: Ctx,
  actor: Actor,
  kind: K,
  id: string,
  action: WorkflowAction,
  reason?: string | null,
): Promise<RecordOf<K>> {
  return inTransaction(ctx, async (trx) => {
    const rec = await findRecord(trx, kind, id);
    if (!rec) throw notFound(kind, `${RECORD_LABEL[kind]}不存在`);
    assertWritesAgency(actor, rec.org_id);
    const r = transition(rec.pub_state, action, has(actor), reason);
    if (!r.ok) {
      if (r.code === 'forbidden') throw forbidden(r.messageZh);
      throw new DomainError(
        r.code,
        r.messageZh,
        { field: 'reason' },
        r.code === 'invalid_transition' ? 'conflict' : 'invalid',
      );
    }
    const now = nowIso(ctx.clock);
    const patch = {
      pub_state: r.to,
      updated_at: now,
      ...(action === 'return' ? { return_reason: reason!.trim() } : {}),
      ...(action === 'submit' ? { return_reason: null } : {}),
      ...(r.to === 'published' ? { published_at: now } : {}),
    };
    if (kind === 'accident') await repo.updateAccident(trx, id, patch);
    else await repo.updateHazard(trx, id, patch);
    const next = { ...rec, ...patch };
    if (r.to === 'published') await indexDocument({ ...ctx, db: trx }, recordDocument(kind, next));
    if (rec.pub_state === 'published') await unindexDocument({ ...ctx, db: trx }, kind, id);
    // Cached portal pages (home blocks, lists) show these records: re-render after the commit.
    if (r.to === 'published' || rec.pub_state === 'published')
      await bumpContentVersion(trx, ctx.clock, rec.org_id);
    await recordAudit(trx, ctx.clock, actor, {
      action: `enforcement.${kind}.${action}`,
      targetType: `enforcement_${kind}`,
      targetId: id,
      orgId: rec.org_id,
      before: { pubState: rec.pub_state },
      after: { pubState: r.to },
      ...(reason?.trim() ? { note: reason.trim() } : {}),
    });
    return next;
  });
}

export async function getRecord<K extends RecordKind>(
  ctx: Ctx,
  actor: Actor,
  kind: K,
  id: string,
): Promise<RecordOf<K> & { allowedActions: WorkflowAction[] }> {
  const rec = await findRecord(ctx.db, kind, id);
  if (!rec) throw notFound(kind, `${RECORD_LABEL[kind]}不存在`);
  await assertReadsAgency(ctx, actor, rec.org_id);
  const writes = actor.kind === 'system' || actor.orgId === rec.org_id;
  return { ...rec, allowedActions: writes ? availableActions(rec.pub_state, has(actor)) : [] };
}

export async function listAccidents(
  ctx: Ctx,
  actor: Actor,
  f: { level?: string; year?: number; page?: number; pageSize?: number },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = f.pageSize ?? 20;
  return repo.listAccidents(ctx.db, {
    orgIds,
    level: f.level,
    year: f.year,
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
}

export async function listHazards(
  ctx: Ctx,
  actor: Actor,
  f: { status?: string; year?: number; q?: string; page?: number; pageSize?: number },
) {
  const orgIds = await readableAgencyIds(ctx, actor);
  const pageSize = f.pageSize ?? 20;
  return repo.listHazards(ctx.db, {
    orgIds,
    status: f.status,
    year: f.year,
    q: f.q,
    limit: pageSize,
    offset: ((f.page ?? 1) - 1) * pageSize,
  });
}
