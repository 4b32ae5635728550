/** Organisations: the agency tree (人民政府 → 部门 → 科室/所属单位) and each agency's statutory settings. */
import { Type } from 'typebox';
import {
  IdParams,
  Nullable,
  OptionalText,
  RequiredText,
  STAFF_ERRORS,
  type RouteContract,
} from './common.js';

export const OrgKind = Type.Union(
  [Type.Literal('government'), Type.Literal('department'), Type.Literal('division'), Type.Literal('unit')],
  { description: '机构类别：人民政府、部门、内设科室、所属单位' },
);

/** Settings an agency keeps for its guide and its portal footer (all optional, null clears). */
export const OrgSettingsInput = Type.Object({
  shortName: OptionalText(100, '简称'),
  creditCode: OptionalText(18, '统一社会信用代码'),
  address: OptionalText(300, '办公地址'),
  postcode: OptionalText(6, '邮政编码'),
  officeHours: OptionalText(200, '办公时间'),
  phone: OptionalText(100, '联系电话'),
  fax: OptionalText(100, '传真'),
  email: OptionalText(200, '电子邮箱'),
  portalHost: OptionalText(200, '门户独立域名'),
  footerSponsor: OptionalText(200, '网站主办单位'),
  siteCode: OptionalText(20, '网站标识码'),
  icpNumber: OptionalText(100, 'ICP 备案号'),
  policeRecordNumber: OptionalText(100, '公安机关备案号'),
});

const NullableString = Nullable(Type.String());

export const OrgView = Type.Object({
  id: Type.String(),
  parentId: NullableString,
  kind: OrgKind,
  code: Type.String(),
  name: Type.String(),
  shortName: NullableString,
  creditCode: NullableString,
  address: NullableString,
  postcode: NullableString,
  officeHours: NullableString,
  phone: NullableString,
  fax: NullableString,
  email: NullableString,
  portalHost: NullableString,
  footerSponsor: NullableString,
  siteCode: NullableString,
  icpNumber: NullableString,
  policeRecordNumber: NullableString,
  isDefault: Type.Boolean(),
  sortOrder: Type.Integer(),
  retired: Type.Boolean(),
});

export const OrgList = Type.Object({ items: Type.Array(OrgView) });

const SortOrder = Type.Integer({ minimum: -1000000, maximum: 1000000, description: '同级排序（小的在前）' });

export const CreateOrgBody = Type.Evaluate(
  Type.Intersect([
    Type.Object({
      parentId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
      kind: OrgKind,
      code: Type.String({ minLength: 2, maxLength: 63, description: '机构代码（门户地址 /a/<code>/ 使用）' }),
      name: RequiredText(200, '名称'),
      sortOrder: Type.Optional(SortOrder),
      isDefault: Type.Optional(Type.Boolean({ description: '设为门户默认机关' })),
    }),
    OrgSettingsInput,
  ]),
);

export const UpdateOrgBody = Type.Evaluate(
  Type.Intersect([
    Type.Object({ name: Type.Optional(RequiredText(200, '名称')), sortOrder: Type.Optional(SortOrder) }),
    OrgSettingsInput,
  ]),
);

export const listOrgs = {
  operationId: 'orgs.listOrgs',
  summary: '机构树（当前用户可见部分）',
  description: '当前用户可以看到的机构：本机关及其内设机构；监督机关另含下级机关。',
  tags: ['orgs'],
  response: { 200: OrgList },
  errors: [401, 403],
} satisfies RouteContract;

export const getOrg = {
  operationId: 'orgs.getOrg',
  summary: '机构详情',
  tags: ['orgs'],
  params: IdParams,
  response: { 200: OrgView },
  errors: [400, 401, 403, 404],
} satisfies RouteContract;

export const createOrg = {
  operationId: 'orgs.createOrg',
  summary: '新建机构',
  description: '系统管理员可新建任意机构；政务公开办只能在本机关下设立内设科室或所属单位。机构代码不得重复。',
  tags: ['orgs'],
  body: CreateOrgBody,
  response: { 201: OrgView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const updateOrg = {
  operationId: 'orgs.updateOrg',
  summary: '修改机关设置',
  description: '指南与门户页脚所需信息（地址、电话、备案号等）；审计记录每个改动字段的前后值。',
  tags: ['orgs'],
  params: IdParams,
  body: UpdateOrgBody,
  response: { 200: OrgView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const retireOrg = {
  operationId: 'orgs.retireOrg',
  summary: '撤销机构（保留历史）',
  description: '撤销后机构不再出现在门户和选择列表中，历史记录保留。默认机关不能撤销。',
  tags: ['orgs'],
  params: IdParams,
  response: { 204: Type.Null({ description: '已撤销' }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
