/**
 * Enterprise accounts (企业用户): a `users` row with the single role `enterprise`, bound to one credit code of
 * one agency in `ent_accounts`. Created by the agency (active at once, initial password shown once) or
 * self-registered (disabled and pending until the agency approves). `enterpriseOf` is the gate every
 * enterprise-area service passes: it resolves the bound enterprise or answers 403.
 */
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { isMobile } from '../../platform/validation/phone.js';
import { recordAudit } from '../audit/audit.service.js';
import * as users from '../users/users.repository.js';
import { hashPassword } from '../users/users.service.js';
import { generatePassword, passwordProblem } from '../users/password-policy.js';
import * as arepo from './accounts.repository.js';
import * as repo from './enterprises.repository.js';
import type { Enterprise } from './enterprises.repository.js';
import type { EntAccountsTable } from './enterprises.tables.js';
import { managedAgency } from './enterprises.service.js';

export interface EnterpriseBinding {
  account: EntAccountsTable;
  enterprise: Enterprise;
}

/** The enterprise an enterprise user acts for; 403 for anyone else (agency staff included). */
export async function enterpriseOf(ctx: Ctx, actor: Actor): Promise<EnterpriseBinding> {
  if (
    actor.kind !== 'user' ||
    !actor.userId ||
    !can(actor, 'enterprise.self') ||
    !actor.roles.includes('enterprise')
  )
    throw forbidden('仅企业用户可以使用企业专区');
  const account = await arepo.findAccount(ctx.db, actor.userId);
  if (!account || account.status !== 'active') throw forbidden('企业账号尚未通过审核');
  const enterprise = await repo.findByCode(ctx.db, account.org_id, account.credit_code);
  if (!enterprise) throw forbidden('绑定的企业不在名录中，请联系监管部门');
  return { account, enterprise };
}

function checkUsername(username: string): string {
  const u = username.trim();
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(u))
    throw new DomainError('invalid_username', '用户名为3–64位字母、数字、点、下划线或连字符', {
      field: 'username',
    });
  return u;
}

export interface AccountView {
  userId: string;
  username: string;
  displayName: string;
  creditCode: string;
  enterpriseName: string | null;
  status: EntAccountsTable['status'];
  origin: EntAccountsTable['origin'];
  applicantMobile: string | null;
  createdAt: string;
  decisionNote: string | null;
}

/** The agency creates an account for an enterprise of its registry; the initial password is returned once. */
export async function createAccount(
  ctx: Ctx,
  actor: Actor,
  input: {
    enterpriseId: string;
    username: string;
    displayName: string;
    password?: string;
    mustChangePassword?: boolean;
  },
): Promise<{ account: AccountView; initialPassword: string | null }> {
  const orgId = managedAgency(actor);
  const username = checkUsername(input.username);
  const displayName = input.displayName.trim();
  if (!displayName) throw new DomainError('required', '姓名不能为空', { field: 'displayName' });
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, username);
  if (problem) throw new DomainError('weak_password', problem, { field: 'password' });
  const hash = await hashPassword(password);
  return inTransaction(ctx, async (trx) => {
    const e = await repo.findEnterprise(trx, input.enterpriseId);
    if (!e || e.org_id !== orgId) throw notFound('enterprise', '企业不存在');
    if (await users.findByUsername(trx, username))
      throw conflict('username_taken', '用户名已存在', { field: 'username' });
    const now = nowIso(ctx.clock);
    const userId = newId();
    await users.insert(
      trx,
      {
        id: userId,
        org_id: orgId,
        division_id: null,
        username,
        display_name: displayName,
        password_hash: hash,
        must_change_password: input.mustChangePassword === false ? 0 : 1,
        disabled: 0,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: null,
        created_at: now,
        updated_at: now,
      },
      ['enterprise'],
    );
    const account: EntAccountsTable = {
      user_id: userId,
      org_id: orgId,
      credit_code: e.credit_code,
      status: 'active',
      origin: 'agency',
      applicant_name: displayName,
      applicant_mobile: null,
      decided_by: actor.userId,
      decided_at: now,
      decision_note: null,
      created_at: now,
    };
    await arepo.insertAccount(trx, account);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.account.create',
      targetType: 'user',
      targetId: userId,
      orgId,
      after: { username, creditCode: e.credit_code },
    });
    return {
      account: { ...viewOf(account, username, displayName, e.name) },
      initialPassword: input.password ? null : password,
    };
  });
}

function viewOf(
  a: EntAccountsTable,
  username: string,
  displayName: string,
  enterpriseName: string | null,
): AccountView {
  return {
    userId: a.user_id,
    username,
    displayName,
    creditCode: a.credit_code,
    enterpriseName,
    status: a.status,
    origin: a.origin,
    applicantMobile: a.applicant_mobile,
    createdAt: a.created_at,
    decisionNote: a.decision_note,
  };
}

/**
 * Self-registration: the credit code must be in the agency's registry under the same name; the account
 * stays disabled until the agency approves it. Answers the same way whether or not the username exists
 * elsewhere only after validation (a taken username is a clear conflict).
 */
export async function registerAccount(
  ctx: Ctx,
  actor: Actor,
  input: {
    agencyId: string;
    creditCode: string;
    enterpriseName: string;
    applicantName: string;
    mobile: string;
    username: string;
    password: string;
  },
): Promise<{ status: 'pending' }> {
  const code = validateCreditCode(input.creditCode);
  if (!code.ok) throw new DomainError('invalid_credit_code', code.messageZh, { field: 'creditCode' });
  const username = checkUsername(input.username);
  const applicant = input.applicantName.trim();
  if (!applicant) throw new DomainError('required', '申请人姓名不能为空', { field: 'applicantName' });
  if (!isMobile(input.mobile.trim()))
    throw new DomainError('invalid_mobile', '手机号码不正确', { field: 'mobile' });
  const problem = passwordProblem(input.password, username);
  if (problem) throw new DomainError('weak_password', problem, { field: 'password' });
  const hash = await hashPassword(input.password);
  return inTransaction(ctx, async (trx) => {
    const e = await repo.findByCode(trx, input.agencyId, code.normalized);
    if (!e || e.name !== input.enterpriseName.trim())
      throw new DomainError(
        'enterprise_not_registered',
        '企业名称与统一社会信用代码不在本机关监管企业名录中，请核对或联系监管部门',
        {
          field: 'creditCode',
        },
      );
    if (await users.findByUsername(trx, username))
      throw conflict('username_taken', '用户名已存在', { field: 'username' });
    const now = nowIso(ctx.clock);
    const userId = newId();
    await users.insert(
      trx,
      {
        id: userId,
        org_id: input.agencyId,
        division_id: null,
        username,
        display_name: applicant,
        password_hash: hash,
        must_change_password: 0,
        disabled: 1,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      },
      ['enterprise'],
    );
    await arepo.insertAccount(trx, {
      user_id: userId,
      org_id: input.agencyId,
      credit_code: code.normalized,
      status: 'pending',
      origin: 'self',
      applicant_name: applicant,
      applicant_mobile: input.mobile.trim(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: now,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.account.register',
      targetType: 'user',
      targetId: userId,
      orgId: input.agencyId,
      after: { username, creditCode: code.normalized },
    });
    return { status: 'pending' as const };
  });
}

/** Approves (enables) or rejects a self-registered account. */
export async function decideAccount(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  input: { approve: boolean; note?: string | null },
): Promise<AccountView> {
  const orgId = managedAgency(actor);
  return inTransaction(ctx, async (trx) => {
    const a = await arepo.findAccount(trx, userId);
    if (!a || a.org_id !== orgId) throw notFound('account', '企业账号不存在');
    if (a.status !== 'pending') throw conflict('invalid_transition', '该申请已处理');
    if (!input.approve && !input.note?.trim())
      throw new DomainError('reason_required', '不予通过须说明理由', { field: 'note' });
    const now = nowIso(ctx.clock);
    const patch = {
      status: input.approve ? ('active' as const) : ('rejected' as const),
      decided_by: actor.userId,
      decided_at: now,
      decision_note: input.note?.trim() || null,
    };
    await arepo.updateAccount(trx, userId, patch);
    if (input.approve) await users.update(trx, userId, { disabled: 0, updated_at: now });
    const u = await users.findById(trx, userId);
    await recordAudit(trx, ctx.clock, actor, {
      action: input.approve ? 'enterprises.account.approve' : 'enterprises.account.reject',
      targetType: 'user',
      targetId: userId,
      orgId,
      ...(patch.decision_note ? { note: patch.decision_note } : {}),
    });
    const e = await repo.findByCode(trx, orgId, a.credit_code);
    return viewOf({ ...a, ...patch }, u?.username ?? '', u?.display_name ?? '', e?.name ?? null);
  });
}

export async function listAccounts(ctx: Ctx, actor: Actor, status?: EntAccountsTable['status']) {
  const orgId = managedAgency(actor);
  const rows = await arepo.accountsOf(ctx.db, orgId, status);
  const labels = new Map(
    (await users.accountLabels(ctx.db, [...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u]),
  );
  return {
    items: rows.flatMap((r) => {
      const u = labels.get(r.user_id);
      return u ? [viewOf(r, u.username, u.display_name, r.enterprise_name)] : [];
    }),
  };
}
