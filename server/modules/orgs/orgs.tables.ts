/** Organization kinds: 政府 → 部门 → 科室 (internal) and 事业单位 (subordinate unit). */
export type OrgKind = 'government' | 'department' | 'division' | 'unit';

export interface OrgsTable {
  id: string;
  parent_id: string | null;
  kind: OrgKind;
  /** URL-safe code: the agency's portal lives at /a/<code>/ and its CLI name. */
  code: string;
  name: string;
  short_name: string | null;
  credit_code: string | null; // 统一社会信用代码
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  /** Host name that serves this agency's portal at `/` (site group / 站群). */
  portal_host: string | null;
  footer_sponsor: string | null; // 主办单位
  site_code: string | null; // 网站标识码
  icp_number: string | null; // ICP备案号
  police_record_number: string | null; // 公安机关备案号
  is_default: number;
  sort_order: number;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrgTables {
  orgs: OrgsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call orgs' functions. */
export const OWNED_TABLES = ['orgs'] as const satisfies readonly (keyof OrgTables)[];
