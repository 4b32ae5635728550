/**
 * Problem codes of sign-in and user management (server/modules/auth, server/modules/users): the
 * 等保 separation of duties (三员分立) and the sign-in answers that never tell whether an account exists.
 */
import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable, PageQuery, STAFF_ERRORS, Text, type RouteContract } from './common.js';
import type { ProblemTypes } from './problems.js';
import { Permission, UserView } from './users.js';

const TAGS = ['auth'];

export const AUTH_PROBLEMS = {
  invalid_credentials: {
    status: 401,
    title: '用户名或密码错误',
    description:
      '用户名不存在、密码错误或账号暂时锁定时的同一答复（不透露账号是否存在）。同一账号连续10次错误将锁定15分钟；如确认密码无误仍无法登录，请联系安全管理员。',
  },
  login_backoff: {
    status: 429,
    title: '登录失败次数过多',
    description:
      '同一网络地址（不论尝试哪个账号）登录失败5次后，每次再试须等待30秒起、逐次加倍、最长15分钟；响应头 Retry-After 给出秒数。',
  },
  account_disabled: {
    status: 403,
    title: '账号已停用',
    description: '密码正确但账号已被停用，请联系本机关政务公开办或系统管理员。',
  },
  credential_not_yours: {
    status: 403,
    title: '不能设置或获知他人密码',
    description:
      '三员分立：业务账号的初始密码只能由本机关政务公开办发放或重置；系统角色账号的密码由运维人员在服务器上用 gongkai user reset-password 重置；系统管理员不能为任何人设置或获知密码。',
  },
  cannot_change_own_roles: {
    status: 403,
    title: '不能修改自己的角色',
    description: '任何人都不能给自己增减角色（例如系统管理员不能自行兼任安全管理员或安全审计员）。',
  },
  role_class_change: {
    status: 403,
    title: '系统角色账号与业务账号不能互相转换',
    description:
      '系统管理员、安全管理员、安全审计员各用独立账号，与业务账号、企业账号之间不能转换，系统角色之间也不能互换；新的职责请另建账号。',
  },
  system_account_operator: {
    status: 403,
    title: '系统角色账号须由运维人员办理',
    description:
      '系统角色账号的停用与启用由运维人员在服务器上使用 gongkai user disable|enable 办理，系统管理员不能停用安全管理员或安全审计员。',
  },
} satisfies ProblemTypes;

/** The console's start: who is signed in (null before sign-in), what they may do, the CSRF token. */
export const SessionView = Type.Object({
  user: Nullable(UserView),
  permissions: Type.Array(Permission),
  csrfToken: Type.String(),
});
export type SessionViewT = Static<typeof SessionView>;

export const getSession = {
  operationId: 'auth.getSession',
  summary: '当前会话与CSRF令牌（控制台启动时调用）',
  tags: TAGS,
  response: { 200: SessionView },
  errors: [400],
} satisfies RouteContract;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});
export const LoginResult = Type.Object({ user: UserView, permissions: Type.Array(Permission) });
export type LoginResultT = Static<typeof LoginResult>;

export const login = {
  operationId: 'auth.login',
  summary: '登录',
  description:
    '失败时不区分账号是否存在（401 invalid_credentials）；同一地址多次失败后须等待（429 login_backoff，响应头 Retry-After）。',
  tags: TAGS,
  body: LoginBody,
  response: { 200: LoginResult },
  errors: [400, 401, 403, 429],
} satisfies RouteContract;

export const logout = {
  operationId: 'auth.logout',
  summary: '退出登录',
  tags: TAGS,
  response: { 204: Type.Null() },
  errors: [400, 403],
} satisfies RouteContract;

export const ChangePasswordBody = Type.Object({
  oldPassword: Type.String({ minLength: 1, maxLength: 128 }),
  newPassword: Type.String({ minLength: 1, maxLength: 128 }),
});
export type ChangePasswordBodyT = Static<typeof ChangePasswordBody>;

export const changePassword = {
  operationId: 'auth.changePassword',
  summary: '修改本人密码',
  tags: TAGS,
  body: ChangePasswordBody,
  response: { 204: Type.Null() },
  errors: [400, 401, 403],
} satisfies RouteContract;

export const LoginRecord = Type.Object({
  id: Id,
  username: Type.String(),
  userId: Nullable(Id),
  success: Type.Boolean(),
  reason: Type.String(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  at: IsoDateTime,
});
export type LoginRecordT = Static<typeof LoginRecord>;

export const LoginQuery = Type.Object({
  ...PageQuery.properties,
  username: Type.Optional(Text(64)),
  success: Type.Optional(Type.Boolean()),
});
export type LoginQueryT = Static<typeof LoginQuery>;

export const listLogins = {
  operationId: 'auth.listLogins',
  summary: '登录日志（安全管理员）',
  tags: TAGS,
  querystring: LoginQuery,
  response: { 200: Type.Object({ items: Type.Array(LoginRecord), total: Type.Integer({ minimum: 0 }) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
