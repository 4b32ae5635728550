import type { CheckpointListT } from '@contract/audit';
import type { LoginQueryT } from '@contract/auth';
import type { UserQueryT } from '@contract/users';
import { api, toQuery } from './client';
import type {
  AuditEntry,
  AuditFilter,
  AuditVerifyResult,
  CreateOrgInput,
  CreateUserInput,
  LoginRecord,
  LoginResult,
  OrgView,
  Page,
  RoleOption,
  UpdateOrgInput,
  UpdateUserInput,
  UserView,
} from './types';

/** Typed calls to the platform endpoints (auth, orgs, users, security, audit). */

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResult>('/api/auth/login', { username, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (oldPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { oldPassword, newPassword }),
};

let rolesCache: Promise<RoleOption[]> | null = null;

export const rolesApi = {
  /** Role labels rarely change: fetched once per page load. */
  list: (): Promise<RoleOption[]> => {
    rolesCache ??= api.get<{ items: RoleOption[] }>('/api/roles').then(
      (r) => r.items,
      (e: unknown) => {
        rolesCache = null;
        throw e;
      },
    );
    return rolesCache;
  },
};

export const orgsApi = {
  list: (signal?: AbortSignal) =>
    api.get<{ items: OrgView[] }>('/api/orgs', undefined, signal).then((r) => r.items),
  get: (id: string) => api.get<OrgView>(`/api/orgs/${encodeURIComponent(id)}`),
  create: (input: CreateOrgInput) => api.post<OrgView>('/api/orgs', input),
  update: (id: string, input: UpdateOrgInput) =>
    api.patch<OrgView>(`/api/orgs/${encodeURIComponent(id)}`, input),
  retire: (id: string) => api.delete(`/api/orgs/${encodeURIComponent(id)}`),
};

export type UserQuery = UserQueryT;

const userPath = (id: string, action = '') => `/api/users/${encodeURIComponent(id)}${action}`;

export const usersApi = {
  list: (q: UserQuery, signal?: AbortSignal) => api.get<Page<UserView>>('/api/users', { ...q }, signal),
  create: (input: CreateUserInput) =>
    api.post<{ user: UserView; initialPassword: string | null }>('/api/users', input),
  update: (id: string, input: UpdateUserInput) => api.patch<UserView>(userPath(id), input),
  disable: (id: string) => api.post<UserView>(userPath(id, '/disable')),
  enable: (id: string) => api.post<UserView>(userPath(id, '/enable')),
  resetPassword: (id: string) => api.post<{ initialPassword: string }>(userPath(id, '/reset-password')),
  unlock: (id: string) => api.post<void>(userPath(id, '/unlock')),
};

export const securityApi = {
  logins: (q: LoginQueryT, signal?: AbortSignal) =>
    api.get<Page<LoginRecord>>('/api/security/logins', { ...q }, signal),
};

export const auditApi = {
  list: (q: AuditFilter & { page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/api/audit', { ...q }, signal),
  /** A plain link: the browser downloads the streamed CSV with the session cookie. */
  exportUrl: (f: AuditFilter) => `/api/audit/export.csv${toQuery({ ...f })}`,
  verify: () => api.get<AuditVerifyResult>('/api/audit/verify'),
  /** Signed checkpoints of the chain (issue 14): status of each file. */
  checkpoints: (signal?: AbortSignal) =>
    api.get<CheckpointListT>('/api/audit/checkpoints', undefined, signal),
  /** A plain link: the browser downloads the checkpoint file with the session cookie. */
  checkpointUrl: (file: string) => `/api/audit/checkpoints/${encodeURIComponent(file)}`,
};
