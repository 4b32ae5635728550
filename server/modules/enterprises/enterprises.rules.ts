/**
 * Pure rules of the registry and the enterprise area: labels, validation of an enterprise (credit code,
 * region, industry, category …), of licences (expiring ones flagged) and of hazard self-reports. Each
 * problem names its field and carries a Chinese message; nothing here does I/O.
 */
import { createHash } from 'node:crypto';
import { CATEGORY_LABELS, SCALE_LABELS } from '../../../contract/enterprises.labels.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { isMobile } from '../../platform/validation/phone.js';
import { normalizeIndustry, regionName } from './codes.js';
import type { EnterpriseScale, HazardLevel, SupervisionCategory } from './enterprises.tables.js';

export { CATEGORY_LABELS, SCALE_LABELS };
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as SupervisionCategory[];
export const SCALES = Object.keys(SCALE_LABELS) as EnterpriseScale[];
export const HAZARD_LEVEL_LABELS: Record<HazardLevel, string> = { general: '一般隐患', major: '重大隐患' };

/** Licences whose validity ends within this many days are flagged as expiring. */
export const LICENCE_WARNING_DAYS = 90;

export interface LicenceInput {
  kind: string;
  number: string;
  scope: string;
  validFrom: string;
  validTo: string;
  issuer?: string | null;
}

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  formerNames?: string[] | null;
  legalRepresentative: string;
  registeredAddress: string;
  operatingAddress?: string | null;
  regionCode: string;
  industryCode: string;
  category: string;
  scale: string;
  supervisingUnit: string;
  contactName?: string | null;
  contactMobile?: string | null;
  contactEmail?: string | null;
  licences?: LicenceInput[] | null;
}

export interface NormalizedEnterprise {
  creditCode: string;
  name: string;
  formerNames: string[];
  legalRepresentative: string;
  registeredAddress: string;
  operatingAddress: string | null;
  regionCode: string;
  industryCode: string;
  category: SupervisionCategory;
  scale: EnterpriseScale;
  supervisingUnit: string;
  contactName: string | null;
  contactMobile: string | null;
  contactEmail: string | null;
  licences: NormalizedLicence[];
}

export interface NormalizedLicence {
  kind: string;
  number: string;
  scope: string;
  validFrom: string;
  validTo: string;
  issuer: string | null;
}

export interface Problem {
  field: string;
  /** Column header of the import template for the field. */
  message: string;
}

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(
  problems: Problem[],
  value: string | null | undefined,
  field: string,
  label: string,
  max: number,
  required = true,
): string | null {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) problems.push({ field, message: `${label}不能为空` });
    return null;
  }
  if ([...v].length > max) {
    problems.push({ field, message: `${label}不能超过${max}个字` });
    return null;
  }
  return v;
}

/** Validates and normalizes an enterprise; returns the problems (empty when valid). */
export function checkEnterprise(input: EnterpriseInput): {
  value?: NormalizedEnterprise;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  let creditCode = '';
  const rawCode = (input.creditCode ?? '').trim();
  if (!rawCode) problems.push({ field: 'creditCode', message: '统一社会信用代码不能为空' });
  else {
    const r = validateCreditCode(rawCode);
    if (!r.ok) problems.push({ field: 'creditCode', message: r.messageZh });
    else creditCode = r.normalized;
  }
  const name = text(problems, input.name, 'name', '企业名称', 200);
  const formerNames = [...new Set((input.formerNames ?? []).map((n) => n.trim()).filter(Boolean))];
  if (formerNames.some((n) => [...n].length > 200))
    problems.push({ field: 'formerNames', message: '曾用名每个不能超过200个字' });
  if (formerNames.length > 20) problems.push({ field: 'formerNames', message: '曾用名最多20个' });
  const legalRepresentative = text(
    problems,
    input.legalRepresentative,
    'legalRepresentative',
    '法定代表人',
    100,
  );
  const registeredAddress = text(problems, input.registeredAddress, 'registeredAddress', '注册地址', 300);
  const operatingAddress = text(
    problems,
    input.operatingAddress,
    'operatingAddress',
    '生产经营地址',
    300,
    false,
  );
  const regionRaw = (input.regionCode ?? '').trim();
  let regionCode = '';
  if (!regionRaw) problems.push({ field: 'regionCode', message: '行政区划代码不能为空' });
  else if (!/^\d{6}$/.test(regionRaw) || !regionName(regionRaw))
    problems.push({ field: 'regionCode', message: `行政区划代码“${regionRaw}”不在GB/T 2260代码表中` });
  else if (regionRaw.endsWith('00'))
    problems.push({ field: 'regionCode', message: '行政区划代码应到县级（区、县、县级市）' });
  else regionCode = regionRaw;
  const industryRaw = (input.industryCode ?? '').trim();
  const industryCode = industryRaw ? normalizeIndustry(industryRaw) : undefined;
  if (!industryRaw) problems.push({ field: 'industryCode', message: '行业代码不能为空' });
  else if (!industryCode)
    problems.push({
      field: 'industryCode',
      message: `行业代码“${industryRaw}”不是GB/T 4754-2017国民经济行业分类的大类、中类或小类代码`,
    });
  const category = (CATEGORIES as string[]).includes(input.category)
    ? (input.category as SupervisionCategory)
    : null;
  if (!category) problems.push({ field: 'category', message: '监管类别无效' });
  const scale = (SCALES as string[]).includes(input.scale) ? (input.scale as EnterpriseScale) : null;
  if (!scale) problems.push({ field: 'scale', message: '企业规模无效（大型、中型、小型、微型）' });
  const supervisingUnit = text(problems, input.supervisingUnit, 'supervisingUnit', '属地监管单位', 200);
  const contactName = text(problems, input.contactName, 'contactName', '联系人', 100, false);
  const mobile = (input.contactMobile ?? '').trim() || null;
  if (mobile && !isMobile(mobile)) problems.push({ field: 'contactMobile', message: '联系人手机号码不正确' });
  const email = (input.contactEmail ?? '').trim() || null;
  if (email && (!EMAIL_RE.test(email) || email.length > 200))
    problems.push({ field: 'contactEmail', message: '联系人电子邮箱不正确' });
  const licences: NormalizedLicence[] = [];
  for (const [i, l] of (input.licences ?? []).entries()) {
    const p = checkLicence(l);
    for (const x of p.problems)
      problems.push({ field: `licences.${i}.${x.field}`, message: `第${i + 1}个许可证：${x.message}` });
    if (p.value) licences.push(p.value);
  }
  const numbers = licences.map((l) => `${l.kind}|${l.number}`);
  if (new Set(numbers).size !== numbers.length)
    problems.push({ field: 'licences', message: '许可证重复登记' });
  if (problems.length > 0) return { problems };
  return {
    problems,
    value: {
      creditCode,
      name: name!,
      formerNames: formerNames.filter((n) => n !== name),
      legalRepresentative: legalRepresentative!,
      registeredAddress: registeredAddress!,
      operatingAddress,
      regionCode,
      industryCode: industryCode!,
      category: category!,
      scale: scale!,
      supervisingUnit: supervisingUnit!,
      contactName,
      contactMobile: mobile,
      contactEmail: email,
      licences,
    },
  };
}

export function checkLicence(l: LicenceInput): { value?: NormalizedLicence; problems: Problem[] } {
  const problems: Problem[] = [];
  const kind = text(problems, l.kind, 'kind', '许可证种类', 100);
  const number = text(problems, l.number, 'number', '许可证编号', 100);
  const scope = text(problems, l.scope, 'scope', '许可范围', 1000);
  const from = (l.validFrom ?? '').trim();
  const to = (l.validTo ?? '').trim();
  if (!isIsoDate(from)) problems.push({ field: 'validFrom', message: '有效期起始日期格式应为YYYY-MM-DD' });
  if (!isIsoDate(to)) problems.push({ field: 'validTo', message: '有效期截止日期格式应为YYYY-MM-DD' });
  if (isIsoDate(from) && isIsoDate(to) && to < from)
    problems.push({ field: 'validTo', message: '有效期截止日期不能早于起始日期' });
  const issuer = text(problems, l.issuer, 'issuer', '发证机关', 200, false);
  if (problems.length) return { problems };
  return {
    problems,
    value: { kind: kind!, number: number!, scope: scope!, validFrom: from, validTo: to, issuer },
  };
}

/** Days from `today` to `to` (both YYYY-MM-DD). */
export function daysBetween(today: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type LicenceState = 'valid' | 'expiring' | 'expired' | 'not_yet_valid';
export const LICENCE_STATE_LABELS: Record<LicenceState, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  not_yet_valid: '尚未生效',
};

/** Whether a licence is valid, expiring within LICENCE_WARNING_DAYS, expired or not yet valid on `today`. */
export function licenceState(validFrom: string, validTo: string, today: string): LicenceState {
  if (today < validFrom) return 'not_yet_valid';
  if (today > validTo) return 'expired';
  return daysBetween(today, validTo) <= LICENCE_WARNING_DAYS ? 'expiring' : 'valid';
}

/** sha256 of the business fields (a re-import of the same row changes nothing). */
export function enterpriseHash(e: NormalizedEnterprise): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        e.name,
        e.formerNames,
        e.legalRepresentative,
        e.registeredAddress,
        e.operatingAddress,
        e.regionCode,
        e.industryCode,
        e.category,
        e.scale,
        e.supervisingUnit,
        e.contactName,
        e.contactMobile,
        e.contactEmail,
        e.licences,
      ]),
    )
    .digest('hex');
}

// ---------- hazard self-reports ----------

export interface HazardReportInput {
  reportedOn: string;
  place: string;
  description: string;
  level: string;
  measures: string;
  responsiblePerson: string;
  deadline: string;
  fundsYuan: number;
}

export interface NormalizedHazardReport {
  reportedOn: string;
  place: string;
  description: string;
  level: HazardLevel;
  measures: string;
  responsiblePerson: string;
  deadline: string;
  fundsFen: number;
}

/** A self-report: dated today or earlier, deadline not before the report date, funds ≥ 0. */
export function checkHazardReport(
  input: HazardReportInput,
  today: string,
): { value?: NormalizedHazardReport; problems: Problem[] } {
  const problems: Problem[] = [];
  const reportedOn = (input.reportedOn ?? '').trim();
  if (!isIsoDate(reportedOn)) problems.push({ field: 'reportedOn', message: '报告日期格式应为YYYY-MM-DD' });
  else if (reportedOn > today) problems.push({ field: 'reportedOn', message: '报告日期不能晚于今天' });
  const place = text(problems, input.place, 'place', '隐患部位', 300);
  const description = text(problems, input.description, 'description', '隐患描述', 5000);
  const level = input.level === 'general' || input.level === 'major' ? input.level : null;
  if (!level) problems.push({ field: 'level', message: '隐患等级应为一般隐患或重大隐患' });
  const measures = text(problems, input.measures, 'measures', '整改措施', 5000);
  const responsiblePerson = text(problems, input.responsiblePerson, 'responsiblePerson', '整改责任人', 100);
  const deadline = (input.deadline ?? '').trim();
  if (!isIsoDate(deadline)) problems.push({ field: 'deadline', message: '整改期限格式应为YYYY-MM-DD' });
  else if (isIsoDate(reportedOn) && deadline < reportedOn)
    problems.push({ field: 'deadline', message: '整改期限不能早于报告日期' });
  const funds = Number(input.fundsYuan);
  if (!Number.isFinite(funds) || funds < 0 || funds > 1e10)
    problems.push({ field: 'fundsYuan', message: '整改资金应为不小于0的金额（元）' });
  if (problems.length) return { problems };
  return {
    problems,
    value: {
      reportedOn,
      place: place!,
      description: description!,
      level: level!,
      measures: measures!,
      responsiblePerson: responsiblePerson!,
      deadline,
      fundsFen: Math.round(funds * 100),
    },
  };
}

/** A month as 'YYYY-MM', not after the current month. */
export function checkMonth(month: string, today: string): string | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return '月份格式应为YYYY-MM';
  if (month > today.slice(0, 7)) return '不能提交未来月份的报告';
  return null;
}

/** Spreadsheet cells that begin with = + - @ are formulas to Excel: prefix them with a quote (open data, exports). */
export function safeCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
