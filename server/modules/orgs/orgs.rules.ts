import { DomainError } from '../../platform/errors.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import type { OrgKind } from './orgs.tables.js';

/** Editable agency settings (the 指南 and the portal footer need them). */
export interface OrgSettingsInput {
  name?: string;
  shortName?: string | null;
  creditCode?: string | null;
  address?: string | null;
  postcode?: string | null;
  officeHours?: string | null;
  phone?: string | null;
  fax?: string | null;
  email?: string | null;
  portalHost?: string | null;
  footerSponsor?: string | null;
  siteCode?: string | null;
  icpNumber?: string | null;
  policeRecordNumber?: string | null;
}

export const SETTINGS_LABELS: Record<keyof OrgSettingsInput, string> = {
  name: '机关全称',
  shortName: '简称',
  creditCode: '统一社会信用代码',
  address: '办公地址',
  postcode: '邮政编码',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真号码',
  email: '电子邮箱',
  portalHost: '门户域名',
  footerSponsor: '主办单位',
  siteCode: '网站标识码',
  icpNumber: 'ICP备案号',
  policeRecordNumber: '公安机关备案号',
};

/** Which child kinds each kind may have: 政府 → 部门 → 科室 / 事业单位. */
const CHILDREN: Record<OrgKind | 'root', OrgKind[]> = {
  root: ['government', 'department'],
  government: ['department', 'government'],
  department: ['division', 'unit'],
  unit: ['division'],
  division: [],
};

/** Throws when an org of `kind` cannot sit under `parentKind`. */
export function assertPlacement(parentKind: OrgKind | null, kind: OrgKind): void {
  if (!CHILDREN[parentKind ?? 'root'].includes(kind)) {
    throw new DomainError(
      'invalid_org_placement',
      `“${KIND_LABELS[kind]}”不能设在“${parentKind ? KIND_LABELS[parentKind] : '顶层'}”之下`,
      { field: 'kind' },
    );
  }
}

export const KIND_LABELS: Record<OrgKind, string> = {
  government: '人民政府',
  department: '政府部门',
  division: '内设科室',
  unit: '所属事业单位',
};

/** Agencies run their own portal, catalog, cases and annual report; divisions are internal. */
export function isAgencyKind(kind: OrgKind): boolean {
  return kind !== 'division';
}

const CODE_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Validates an org code (URL path segment and CLI name). */
export function assertOrgCode(code: string): void {
  if (!CODE_RE.test(code))
    throw new DomainError('invalid_org_code', '机构代码只能由小写字母、数字和连字符组成（2–63位）', {
      field: 'code',
    });
}

/** Validates and normalises settings; every problem is reported with its field, first one thrown. */
export function normaliseSettings(input: OrgSettingsInput): OrgSettingsInput {
  const out: OrgSettingsInput = {};
  const fail = (field: keyof OrgSettingsInput, code: string, msg: string): never => {
    throw new DomainError(code, `${SETTINGS_LABELS[field]}：${msg}`, { field });
  };
  for (const [key, raw] of Object.entries(input) as [keyof OrgSettingsInput, string | null | undefined][]) {
    if (raw === undefined) continue;
    const value = raw === null ? null : String(raw).trim();
    if (value === null || value === '') {
      if (key === 'name') fail('name', 'required', '不能为空');
      (out as Record<string, unknown>)[key] = null;
      continue;
    }
    switch (key) {
      case 'creditCode': {
        const result = validateCreditCode(value.toUpperCase());
        if (!result.ok) fail('creditCode', 'invalid_credit_code', result.messageZh);
        out.creditCode = value.toUpperCase();
        break;
      }
      case 'postcode':
        if (!/^\d{6}$/.test(value)) fail('postcode', 'invalid_postcode', '应为6位数字');
        out.postcode = value;
        break;
      case 'email':
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) fail('email', 'invalid_email', '格式不正确');
        out.email = value;
        break;
      case 'siteCode':
        // Local sites use 10 digits (first 6 = 行政区划代码); ministries use bm + 8 digits.
        if (!/^(\d{10}|bm\d{8})$/.test(value))
          fail('siteCode', 'invalid_site_code', '应为10位数字或“bm”加8位数字');
        out.siteCode = value;
        break;
      case 'portalHost':
        if (!/^[a-z0-9.-]+(:\d+)?$/i.test(value))
          fail('portalHost', 'invalid_host', '应为域名，如 yjj.example.gov.cn');
        out.portalHost = value.toLowerCase();
        break;
      case 'name':
        if (value.length > 200) fail('name', 'too_long', '不超过200字');
        out.name = value;
        break;
      default:
        if (value.length > 300) fail(key, 'too_long', '不超过300字');
        (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
