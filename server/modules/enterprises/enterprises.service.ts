/**
 * The enterprise registry (企业名录): create and edit by hand, read with its licences and the records linked
 * by credit code (双公示 decisions, accident reports, 挂牌督办), list and search. Imports: enterprises.import.ts.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { recordAudit } from '../audit/audit.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import {
  accidentsByCreditCode,
  decisionsByCreditCode,
  supervisedHazardsByCreditCode,
} from '../enforcement/index.js';
import { nameTokens, queryTokens } from '../enforcement/name-tokens.js';
import { industryPath, normalizeIndustry, regionName, regionPrefix } from './codes.js';
import {
  checkEnterprise,
  enterpriseHash,
  licenceState,
  type EnterpriseInput,
  type LicenceState,
  type NormalizedEnterprise,
} from './enterprises.rules.js';
import * as repo from './enterprises.repository.js';
import type { Enterprise, Licence } from './enterprises.repository.js';
import type { EntEnterprisesTable, EntLicencesTable, SupervisionCategory } from './enterprises.tables.js';

/** Tokens so common in names that they select nothing (every company is a 有限公司). */
export const STOP_TOKENS = new Set([
  '有限公司',
  '有限',
  '公司',
  '有限责任',
  '责任',
  '股份',
  '股份有限公司',
  '分公司',
]);

/** Index tokens of an enterprise (current and former names), without stop tokens, ≤ 64 characters. */
export function enterpriseTokens(name: string, formerNames: string[]): string[] {
  const out = new Set<string>();
  for (const n of [name, ...formerNames])
    for (const t of nameTokens(n)) if (!STOP_TOKENS.has(t) && t.length <= 64) out.add(t);
  return [...out];
}

/** Query tokens of a name search (stop tokens dropped). */
export function searchTokens(q: string): string[] {
  return queryTokens(q).filter((t) => !STOP_TOKENS.has(t));
}

/** The agency an actor manages the registry of (403 without the permission or an agency). */
export function managedAgency(actor: Actor, orgId?: string | null): string {
  if (!can(actor, 'enterprises.manage')) throw forbidden('没有维护企业名录的权限');
  const id = orgId ?? actor.orgId;
  if (!id) throw new DomainError('no_agency', '当前账号不属于任何机关');
  if (actor.kind !== 'system' && id !== actor.orgId) throw forbidden('只能维护本机关监管的企业');
  return id;
}

/** The agency whose registry an actor reads (business.read of its own agency). */
export function readableAgency(actor: Actor): string {
  if (!can(actor, 'business.read') && !can(actor, 'enterprises.manage')) throw forbidden();
  if (!actor.orgId) throw new DomainError('no_agency', '当前账号不属于任何机关');
  return actor.orgId;
}

export function invalid(problems: { field: string; message: string }[]): DomainError {
  const first = problems[0]!;
  return new DomainError(
    problems.length === 1 ? codeOf(first.field) : 'invalid_enterprise',
    problems.map((p) => p.message).join('；'),
    { field: first.field, errors: problems.map((p) => ({ field: p.field, message: p.message })) },
  );
}

function codeOf(field: string): string {
  if (field === 'creditCode') return 'invalid_credit_code';
  if (field === 'regionCode') return 'invalid_region_code';
  if (field === 'industryCode') return 'invalid_industry_code';
  if (field === 'deadline') return 'invalid_deadline';
  return 'invalid_field';
}

export interface LicenceView {
  id: string;
  kind: string;
  number: string;
  scope: string;
  validFrom: string;
  validTo: string;
  issuer: string | null;
  state: LicenceState;
}

export function toLicenceView(l: Licence, today: string): LicenceView {
  return {
    id: l.id,
    kind: l.kind,
    number: l.number,
    scope: l.scope,
    validFrom: l.valid_from,
    validTo: l.valid_to,
    issuer: l.issuer,
    state: licenceState(l.valid_from, l.valid_to, today),
  };
}

export interface EnterpriseView {
  id: string;
  creditCode: string;
  name: string;
  formerNames: string[];
  legalRepresentative: string;
  registeredAddress: string;
  operatingAddress: string | null;
  regionCode: string;
  regionName: string;
  industryCode: string;
  industryName: string;
  category: SupervisionCategory;
  scale: string;
  supervisingUnit: string;
  contactName: string | null;
  contactMobile: string | null;
  contactEmail: string | null;
  updatedAt: string;
}

export function toEnterpriseView(e: Enterprise): EnterpriseView {
  return {
    id: e.id,
    creditCode: e.credit_code,
    name: e.name,
    formerNames: JSON.parse(e.former_names) as string[],
    legalRepresentative: e.legal_representative,
    registeredAddress: e.registered_address,
    operatingAddress: e.operating_address,
    regionCode: e.region_code,
    regionName: regionName(e.region_code) ?? e.region_code,
    industryCode: e.industry_code,
    industryName: industryPath(e.industry_code),
    category: e.category,
    scale: e.scale,
    supervisingUnit: e.supervising_unit,
    contactName: e.contact_name,
    contactMobile: e.contact_mobile,
    contactEmail: e.contact_email,
    updatedAt: e.updated_at,
  };
}

function rowOf(
  v: NormalizedEnterprise,
): Omit<EntEnterprisesTable, 'id' | 'org_id' | 'created_at' | 'updated_at' | 'version' | 'import_job_id'> {
  return {
    credit_code: v.creditCode,
    name: v.name,
    former_names: JSON.stringify(v.formerNames),
    legal_representative: v.legalRepresentative,
    registered_address: v.registeredAddress,
    operating_address: v.operatingAddress,
    region_code: v.regionCode,
    industry_code: v.industryCode,
    category: v.category,
    scale: v.scale,
    supervising_unit: v.supervisingUnit,
    contact_name: v.contactName,
    contact_mobile: v.contactMobile,
    contact_email: v.contactEmail,
    content_hash: enterpriseHash(v),
  };
}

export function licenceRows(
  orgId: string,
  enterpriseId: string,
  v: NormalizedEnterprise,
  now: string,
): EntLicencesTable[] {
  return v.licences.map((l) => ({
    id: newId(),
    org_id: orgId,
    enterprise_id: enterpriseId,
    kind: l.kind,
    number: l.number,
    scope: l.scope,
    valid_from: l.validFrom,
    valid_to: l.validTo,
    issuer: l.issuer,
    created_at: now,
  }));
}

/** Registers an enterprise by hand; a credit code already in the agency's registry is refused (409). */
export async function createEnterprise(
  ctx: Ctx,
  actor: Actor,
  input: EnterpriseInput,
): Promise<EnterpriseView> {
  const orgId = managedAgency(actor);
  const { value, problems } = checkEnterprise(input);
  if (!value) throw invalid(problems);
  return inTransaction(ctx, async (trx) => {
    const existing = await repo.findByCode(trx, orgId, value.creditCode);
    if (existing)
      throw conflict(
        'duplicate_enterprise',
        `统一社会信用代码${value.creditCode}的企业已在名录中（${existing.name}）`,
        {
          field: 'creditCode',
          id: existing.id,
        },
      );
    const now = nowIso(ctx.clock);
    const row: EntEnterprisesTable = {
      id: newId(),
      org_id: orgId,
      ...rowOf(value),
      import_job_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertEnterprise(trx, row);
    await repo.replaceLicences(trx, row.id, licenceRows(orgId, row.id, value, now));
    await repo.replaceTokens(trx, orgId, row.id, enterpriseTokens(value.name, value.formerNames));
    await bumpContentVersion(trx, ctx.clock, orgId);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.create',
      targetType: 'enterprise',
      targetId: row.id,
      orgId,
      after: { creditCode: value.creditCode, name: value.name },
    });
    return toEnterpriseView(row);
  });
}

/**
 * Applies a full set of registry fields to an enterprise (by hand or an approved change request). The credit
 * code never changes; a renamed enterprise keeps its old name among the former names.
 */
export async function applyEnterpriseUpdate(
  ctx: Ctx,
  trx: Ctx['db'],
  actor: Actor,
  existing: Enterprise,
  value: NormalizedEnterprise,
  action: string,
): Promise<Enterprise> {
  if (value.creditCode !== existing.credit_code)
    throw new DomainError('credit_code_immutable', '统一社会信用代码不能修改；代码变更的企业请重新登记', {
      field: 'creditCode',
    });
  const former = new Set(value.formerNames);
  if (value.name !== existing.name) former.add(existing.name);
  former.delete(value.name);
  const v = { ...value, formerNames: [...former] };
  const now = nowIso(ctx.clock);
  const patch = { ...rowOf(v), version: existing.version + 1, updated_at: now };
  await repo.updateEnterprise(trx, existing.id, patch);
  await repo.replaceLicences(trx, existing.id, licenceRows(existing.org_id, existing.id, v, now));
  await repo.replaceTokens(trx, existing.org_id, existing.id, enterpriseTokens(v.name, v.formerNames));
  await bumpContentVersion(trx, ctx.clock, existing.org_id);
  await recordAudit(trx, ctx.clock, actor, {
    action,
    targetType: 'enterprise',
    targetId: existing.id,
    orgId: existing.org_id,
    before: { name: existing.name, hash: existing.content_hash },
    after: { name: v.name, hash: patch.content_hash },
  });
  return { ...existing, ...patch };
}

export async function updateEnterprise(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: EnterpriseInput,
): Promise<EnterpriseView> {
  const orgId = managedAgency(actor);
  const { value, problems } = checkEnterprise(input);
  if (!value) throw invalid(problems);
  return inTransaction(ctx, async (trx) => {
    const existing = await repo.findEnterprise(trx, id);
    if (!existing || existing.org_id !== orgId) throw notFound('enterprise', '企业不存在');
    return toEnterpriseView(
      await applyEnterpriseUpdate(ctx, trx, actor, existing, value, 'enterprises.update'),
    );
  });
}

/** Loads an enterprise of the actor's agency (404 otherwise: other agencies' registries are not visible). */
export async function loadAgencyEnterprise(ctx: Ctx, actor: Actor, id: string): Promise<Enterprise> {
  const orgId = readableAgency(actor);
  const e = await repo.findEnterprise(ctx.db, id);
  if (!e || e.org_id !== orgId) throw notFound('enterprise', '企业不存在');
  return e;
}

/** The records linked by credit code; `publicOnly` keeps what the portal may show. */
export async function linkedRecords(ctx: Ctx, e: Enterprise, publicOnly: boolean) {
  const today = todayInChina(ctx.clock);
  const [decisions, accidents, supervised] = await Promise.all([
    decisionsByCreditCode(ctx.db, e.org_id, e.credit_code, publicOnly ? today : undefined),
    accidentsByCreditCode(ctx.db, e.org_id, e.credit_code, publicOnly),
    supervisedHazardsByCreditCode(ctx.db, e.org_id, e.credit_code, publicOnly),
  ]);
  return {
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      decisionNumber: d.decision_number,
      decisionDate: d.decision_date,
      fineFen: d.fine_fen,
      legalStatus: d.legal_status,
      pubState: d.pub_state,
    })),
    accidents: accidents.map((a) => ({
      id: a.id,
      title: a.title,
      level: a.level,
      occurredOn: a.occurred_on,
      deaths: a.deaths,
      injuries: a.injuries,
      pubState: a.pub_state,
    })),
    supervisedHazards: supervised.map((h) => ({
      id: h.id,
      title: h.title,
      listedOn: h.listed_on,
      deadline: h.deadline,
      rectificationStatus: h.rectification_status,
      delistedOn: h.delisted_on,
      pubState: h.pub_state,
    })),
  };
}

export interface ListQuery {
  q?: string;
  creditCode?: string;
  region?: string;
  industry?: string;
  category?: SupervisionCategory;
  page?: number;
  pageSize?: number;
}

/**
 * Resolves a search (name words, exact code, area, industry, category) to a repository filter; a bad code
 * is a clear error, not an empty list.
 */
export function searchFilter(orgId: string, f: ListQuery): repo.EnterpriseFilter | { empty: string } {
  const pageSize = f.pageSize ?? 20;
  const filter: repo.EnterpriseFilter = { orgId, limit: pageSize, offset: ((f.page ?? 1) - 1) * pageSize };
  if (f.q?.trim()) {
    const tokens = searchTokens(f.q);
    if (tokens.length === 0) return { empty: '请输入更具体的企业名称关键词（如字号）' };
    filter.tokens = tokens;
  }
  if (f.creditCode?.trim()) {
    const r = validateCreditCode(f.creditCode);
    if (!r.ok) throw new DomainError('invalid_credit_code', r.messageZh, { field: 'creditCode' });
    filter.creditCode = r.normalized;
  }
  if (f.region?.trim()) {
    const p = regionPrefix(f.region);
    if (!p)
      throw new DomainError('invalid_region_code', `行政区划代码“${f.region}”不在GB/T 2260代码表中`, {
        field: 'region',
      });
    filter.regionPrefix = p;
  }
  if (f.industry?.trim()) {
    const i = normalizeIndustry(f.industry);
    if (!i)
      throw new DomainError('invalid_industry_code', `行业代码“${f.industry}”不在GB/T 4754-2017中`, {
        field: 'industry',
      });
    filter.industryPrefix = i;
  }
  if (f.category) filter.category = f.category;
  return filter;
}

export async function listEnterprises(ctx: Ctx, actor: Actor, f: ListQuery) {
  const orgId = readableAgency(actor);
  const filter = searchFilter(orgId, f);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  if ('empty' in filter) return { items: [], total: 0, page, pageSize, note: filter.empty };
  const r = await repo.listEnterprises(ctx.db, ctx.dialect, filter);
  return {
    items: r.items.map(toEnterpriseView),
    total: r.total,
    totalIsLowerBound: r.totalIsLowerBound,
    page,
    pageSize,
  };
}

export async function expiringLicences(ctx: Ctx, actor: Actor, days = 90) {
  const orgId = readableAgency(actor);
  const today = todayInChina(ctx.clock);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await repo.expiringLicences(ctx.db, orgId, today, until);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      validTo: r.valid_to,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      creditCode: r.credit_code,
    })),
  };
}
