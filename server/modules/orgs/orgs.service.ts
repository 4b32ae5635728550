import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './orgs.repository.js';
import type { Org } from './orgs.repository.js';
import {
  assertOrgCode,
  assertPlacement,
  isAgencyKind,
  normaliseSettings,
  type OrgSettingsInput,
} from './orgs.rules.js';
import type { OrgKind, OrgsTable } from './orgs.tables.js';

export type { Org };

/**
 * The agencies whose business data the actor may read: its own agency, plus for supervisors every agency
 * below theirs. System roles read none (三员 never touch business data). The system actor reads all.
 */
export async function readableAgencyIds(ctx: Ctx, actor: Actor): Promise<string[] | 'all'> {
  if (actor.kind === 'system') return 'all';
  if (!actor.orgId || !can(actor, 'business.read')) return [];
  if (can(actor, 'supervise.read')) {
    return (await repo.subtree(ctx.db, actor.orgId)).filter((o) => isAgencyKind(o.kind)).map((o) => o.id);
  }
  return [actor.orgId];
}

/** Throws unless the actor may read business data of the agency. */
export async function assertReadsAgency(ctx: Ctx, actor: Actor, agencyId: string): Promise<void> {
  const ids = await readableAgencyIds(ctx, actor);
  if (ids !== 'all' && !ids.includes(agencyId)) throw forbidden('无权查看该机关的数据');
}

/** Throws unless the actor works for (writes business data of) exactly this agency. */
export function assertWritesAgency(actor: Actor, agencyId: string): void {
  if (actor.kind === 'system') return;
  if (actor.orgId !== agencyId) throw forbidden('只能处理本机关的事务');
}

/** The orgs an actor may see in the console tree. */
export async function visibleOrgs(ctx: Ctx, actor: Actor): Promise<Org[]> {
  if (actor.kind === 'system' || can(actor, 'org.manage')) return repo.listAll(ctx.db);
  if (!actor.orgId) return [];
  return repo.subtree(ctx.db, actor.orgId);
}

export async function getOrg(ctx: Ctx, actor: Actor, id: string): Promise<Org> {
  const org = await repo.findById(ctx.db, id);
  if (!org) throw notFound('org', '机构不存在');
  const visible = await visibleOrgs(ctx, actor);
  if (!visible.some((o) => o.id === id)) throw forbidden('无权查看该机构');
  return org;
}

/** The agency (non-division) an org belongs to: itself, or the nearest agency above a division. */
export async function agencyOf(ctx: Ctx, orgId: string): Promise<Org> {
  let org = await repo.findById(ctx.db, orgId);
  while (org && !isAgencyKind(org.kind))
    org = org.parent_id ? await repo.findById(ctx.db, org.parent_id) : undefined;
  if (!org) throw notFound('org', '机构不存在');
  return org;
}

export interface CreateOrgInput extends OrgSettingsInput {
  parentId: string | null;
  kind: OrgKind;
  code: string;
  name: string;
  sortOrder?: number;
  isDefault?: boolean;
}

/** May the actor change the structure or settings of this org? System admins anywhere; the office within its agency. */
async function assertManages(
  ctx: Ctx,
  actor: Actor,
  orgId: string | null,
  settingsOnly: boolean,
): Promise<void> {
  if (actor.kind === 'system' || can(actor, 'org.manage')) return;
  if (!actor.orgId || orgId === null) throw forbidden();
  if (!can(actor, 'org.settings')) throw forbidden();
  const own = await repo.subtree(ctx.db, actor.orgId);
  if (!own.some((o) => o.id === orgId)) throw forbidden('只能维护本机关及其内设机构');
  void settingsOnly;
}

/** Creates an org in the tree (audited). */
export async function createOrg(ctx: Ctx, actor: Actor, input: CreateOrgInput): Promise<Org> {
  assertOrgCode(input.code);
  const settings = normaliseSettings({ ...input, name: input.name });
  const created = await inTransaction(ctx, async (trx) => {
    const parent = input.parentId ? await repo.findById(trx, input.parentId) : null;
    if (input.parentId && !parent)
      throw new DomainError('parent_not_found', '上级机构不存在', { field: 'parentId' });
    assertPlacement(parent?.kind ?? null, input.kind);
    // The office may add divisions and units under its own agency; structure above that is the sysadmin's.
    if (!(actor.kind === 'system' || can(actor, 'org.manage'))) {
      if (!parent || !['division', 'unit'].includes(input.kind))
        throw forbidden('只能在本机关下设立内设科室或所属单位');
      await assertManages({ ...ctx, db: trx }, actor, parent.id, false);
    }
    if (await repo.findByCode(trx, input.code))
      throw conflict('org_code_taken', '机构代码已被使用', { field: 'code' });
    const now = nowIso(ctx.clock);
    const row: OrgsTable = {
      id: newId(),
      parent_id: parent?.id ?? null,
      kind: input.kind,
      code: input.code,
      name: settings.name!,
      short_name: settings.shortName ?? null,
      credit_code: settings.creditCode ?? null,
      address: settings.address ?? null,
      postcode: settings.postcode ?? null,
      office_hours: settings.officeHours ?? null,
      phone: settings.phone ?? null,
      fax: settings.fax ?? null,
      email: settings.email ?? null,
      portal_host: settings.portalHost ?? null,
      footer_sponsor: settings.footerSponsor ?? null,
      site_code: settings.siteCode ?? null,
      icp_number: settings.icpNumber ?? null,
      police_record_number: settings.policeRecordNumber ?? null,
      is_default: input.isDefault ? 1 : 0,
      sort_order: input.sortOrder ?? 0,
      retired_at: null,
      created_at: now,
      updated_at: now,
    };
    if (input.isDefault) await repo.clearDefault(trx);
    await repo.insert(trx, row);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'org.create',
      targetType: 'org',
      targetId: row.id,
      orgId: row.id,
      after: { code: row.code, name: row.name, kind: row.kind },
    });
    return row;
  });
  await ctx.events?.publish('org.changed', { orgId: created.id, change: 'created' });
  return created;
}

const COLUMN: Record<keyof OrgSettingsInput, keyof OrgsTable> = {
  name: 'name',
  shortName: 'short_name',
  creditCode: 'credit_code',
  address: 'address',
  postcode: 'postcode',
  officeHours: 'office_hours',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  portalHost: 'portal_host',
  footerSponsor: 'footer_sponsor',
  siteCode: 'site_code',
  icpNumber: 'icp_number',
  policeRecordNumber: 'police_record_number',
};

/** Updates agency settings with validation; the audit row records which fields changed from what to what. */
export async function updateOrgSettings(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: OrgSettingsInput & { sortOrder?: number },
): Promise<Org> {
  const settings = normaliseSettings(input);
  let changed = false;
  const updated = await inTransaction(ctx, async (trx) => {
    const org = await repo.findById(trx, id);
    if (!org) throw notFound('org', '机构不存在');
    await assertManages({ ...ctx, db: trx }, actor, id, true);
    const patch: Partial<OrgsTable> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings) as [keyof OrgSettingsInput, string | null][]) {
      const col = COLUMN[key];
      if (org[col] === value) continue;
      (patch as Record<string, unknown>)[col] = value;
      before[key] = org[col];
      after[key] = value;
    }
    if (input.sortOrder !== undefined && input.sortOrder !== org.sort_order) {
      patch.sort_order = input.sortOrder;
      before.sortOrder = org.sort_order;
      after.sortOrder = input.sortOrder;
    }
    if (Object.keys(patch).length === 0) return org;
    if (patch.portal_host) {
      const other = await repo.findByHost(trx, patch.portal_host);
      if (other && other.id !== id)
        throw conflict('portal_host_taken', '该门户域名已被其他机关使用', { field: 'portalHost' });
    }
    patch.updated_at = nowIso(ctx.clock);
    await repo.update(trx, id, patch);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'org.update',
      targetType: 'org',
      targetId: id,
      orgId: id,
      before,
      after,
    });
    changed = true;
    return { ...org, ...patch };
  });
  if (changed) await ctx.events?.publish('org.changed', { orgId: id, change: 'updated' });
  return updated;
}

/** Retires an org (kept for history; it disappears from the portal and pickers). */
export async function retireOrg(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const retired = await inTransaction(ctx, async (trx) => {
    const org = await repo.findById(trx, id);
    if (!org) throw notFound('org', '机构不存在');
    await assertManages({ ...ctx, db: trx }, actor, org.parent_id, false);
    if (org.retired_at) return false;
    if (org.is_default) throw conflict('org_is_default', '默认机关不能撤销');
    const now = nowIso(ctx.clock);
    await repo.update(trx, id, { retired_at: now, updated_at: now });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'org.retire',
      targetType: 'org',
      targetId: id,
      orgId: id,
    });
    return true;
  });
  if (retired) await ctx.events?.publish('org.changed', { orgId: id, change: 'retired' });
}

/** The agency whose portal serves a request: by host, else by /a/<code>/ path, else the default agency. */
export async function resolvePortalAgency(
  ctx: Ctx,
  host: string | undefined,
  code: string | undefined,
): Promise<Org | undefined> {
  if (code) {
    const org = await repo.findByCode(ctx.db, code);
    return org && isAgencyKind(org.kind) && !org.retired_at ? org : undefined;
  }
  if (host) {
    const byHost = await repo.findByHost(ctx.db, host.toLowerCase());
    if (byHost) return byHost;
  }
  return repo.findDefault(ctx.db);
}
