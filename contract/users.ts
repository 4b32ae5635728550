/**
 * Contract of user management (server/modules/users): the roles and permissions (names here; their
 * labels and which role grants what in users.roles.ts, enforced by server/modules/users/roles.ts), the
 * user view and its routes.
 */
import { Type, type Static } from 'typebox';
import {
  Id,
  IdParams,
  IsoDateTime,
  Nullable,
  PageQuery,
  STAFF_ERRORS,
  StringEnum,
  Text,
  type RouteContract,
} from './common.js';

const TAGS = ['users'];

/** Every role an account can hold (三员: sysadmin, secadmin, auditor are system roles). */
export const ROLES = [
  'clerk', // 信息员: drafts in their division
  'reviewer', // 保密审查员
  'leader', // 分管领导
  'principal_leader', // 主要领导 (second approval level)
  'office', // 政务公开办: administers its agency
  'supervisor', // 主管部门: read-only across the agencies below it
  'sysadmin', // 系统管理员
  'secadmin', // 安全管理员
  'auditor', // 安全审计员
  'enterprise', // 企业用户: bound to one enterprise; sees only the enterprise area
] as const;
export const Role = StringEnum(ROLES, { description: '角色' });
export type RoleT = Static<typeof Role>;

/** Every permission a role can grant; routes name the one they need (deny by default). */
export const PERMISSION_NAMES = [
  'org.read',
  'org.settings',
  'org.manage',
  'user.manage.agency',
  'user.manage.system',
  'security.read',
  'audit.read',
  'business.read',
  'supervise.read',
  'calendar.manage',
  'catalog.draft',
  'catalog.review',
  'catalog.approve',
  'catalog.approve.principal',
  'catalog.admin',
  'requests.handle',
  'requests.admin',
  'requests.approve',
  'enforcement.manage',
  'report.edit',
  'report.approve',
  'warnings.draft',
  'warnings.approve',
  'events.manage',
  'interaction.handle',
  'interaction.admin',
  'interaction.approve',
  'interaction.unmask',
  'enterprises.manage',
  'enterprise.self',
  'supervision.issue',
  'supervision.reply',
  'scorecards.manage',
  'scorecards.view-own',
  'scorecards.contest',
  'selfcheck.run',
] as const;
export const Permission = StringEnum(PERMISSION_NAMES, { description: '权限' });
export type PermissionT = Static<typeof Permission>;

/** What the API shows of a user (never the hash). */
export const UserView = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  orgId: Id,
  divisionId: Nullable(Id),
  roles: Type.Array(Role),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Nullable(IsoDateTime),
  lastLoginAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  passwordPending: Type.Boolean({
    description: '尚无密码：系统管理员新建的账号，待政务公开办（或运维人员）发放初始密码',
  }),
});
export type UserViewT = Static<typeof UserView>;

export const RoleOption = Type.Object({ role: Role, label: Type.String() });
export type RoleOptionT = Static<typeof RoleOption>;

export const listRoles = {
  operationId: 'users.listRoles',
  summary: '角色清单',
  tags: TAGS,
  response: { 200: Type.Object({ items: Type.Array(RoleOption) }) },
  errors: [401],
} satisfies RouteContract;

export const UserQuery = Type.Object({
  ...PageQuery.properties,
  orgId: Type.Optional(Id),
  q: Type.Optional(Text(64)),
  role: Type.Optional(Text(32, { description: '角色（未知角色视为不筛选）' })),
});
export type UserQueryT = Static<typeof UserQuery>;

export const listUsers = {
  operationId: 'users.listUsers',
  summary: '用户列表（本人可管理的机关）',
  tags: TAGS,
  querystring: UserQuery,
  response: { 200: Type.Object({ items: Type.Array(UserView), total: Type.Integer({ minimum: 0 }) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getUser = {
  operationId: 'users.getUser',
  summary: '用户详情',
  tags: TAGS,
  params: IdParams,
  response: { 200: UserView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  displayName: Text(100, { minLength: 1 }),
  orgId: Id,
  divisionId: Type.Optional(Nullable(Id)),
  roles: Type.Array(Role, { minItems: 1, maxItems: 9 }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type CreateUserBodyT = Static<typeof CreateUserBody>;

export const createUser = {
  operationId: 'users.createUser',
  summary: '新建用户',
  description:
    '未指定密码时生成初始密码（仅返回一次，首次登录须修改）。三员分立：系统管理员新建的账号不设密码、不返回密码，由本机关政务公开办（系统角色账号由运维人员）发放。',
  tags: TAGS,
  body: CreateUserBody,
  response: { 201: Type.Object({ user: UserView, initialPassword: Nullable(Type.String()) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(Text(100, { minLength: 1 })),
  divisionId: Type.Optional(Nullable(Id)),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 9 })),
});
export type UpdateUserBodyT = Static<typeof UpdateUserBody>;

export const updateUser = {
  operationId: 'users.updateUser',
  summary: '修改用户姓名、科室或角色',
  tags: TAGS,
  params: IdParams,
  body: UpdateUserBody,
  response: { 200: UserView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const disableUser = {
  operationId: 'users.disableUser',
  summary: '停用账号',
  tags: TAGS,
  params: IdParams,
  response: { 200: UserView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const enableUser = {
  operationId: 'users.enableUser',
  summary: '启用账号',
  tags: TAGS,
  params: IdParams,
  response: { 200: UserView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const resetPassword = {
  operationId: 'users.resetPassword',
  summary: '重置密码（生成新的初始密码）',
  description: '仅本机关政务公开办对本机关业务账号；系统管理员不能重置他人密码。',
  tags: TAGS,
  params: IdParams,
  response: { 200: Type.Object({ initialPassword: Type.String() }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const unlockUser = {
  operationId: 'users.unlockUser',
  summary: '解除登录锁定（安全管理员）',
  tags: TAGS,
  params: IdParams,
  response: { 204: Type.Null() },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
