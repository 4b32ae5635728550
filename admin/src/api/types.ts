import type { Static } from 'typebox';
import type { Problem } from '@contract/common';
import type {
  CreateOrgBody,
  OrgKind as OrgKindSchema,
  OrgView as OrgViewSchema,
  UpdateOrgBody,
} from '@contract/orgs';
import type { AuditEntryT, AuditFilterT, AuditVerifyResultT } from '@contract/audit';
import type { LoginRecordT, LoginResultT, SessionViewT } from '@contract/auth';
import type {
  CreateUserBodyT,
  PermissionT,
  RoleOptionT,
  RoleT,
  UpdateUserBodyT,
  UserViewT,
} from '@contract/users';
/**
 * Shapes of the Gongkai HTTP API as the console sees them: re-exported from the API contract
 * (contract/<module>.ts, `Static<typeof …>`), so a field renamed on the server breaks the console's typecheck.
 */

/** Permission strings granted by roles (contract/users.ts; the grants are server/modules/users/roles.ts). */
export type Permission = PermissionT;
export type Role = RoleT;
/**
 * 三员 (system roles) may not be combined with each other or with business roles. From contract/users.roles.ts,
 * which holds plain values only, so the console bundle still takes no TypeBox from the contract.
 */
export { SYSTEM_ROLES } from '@contract/users.roles';

// Users, sessions and the login log: the shapes come from the API contract (contract/users.ts, auth.ts).
export type UserView = UserViewT;
export type SessionView = SessionViewT;
export type LoginResult = LoginResultT;
export type RoleOption = RoleOptionT;
export type CreateUserInput = CreateUserBodyT;
export type UpdateUserInput = UpdateUserBodyT;
export type LoginRecord = LoginRecordT;

// Organisations: the shapes come from the API contract (contract/orgs.ts).
export type OrgKind = Static<typeof OrgKindSchema>;

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  government: '人民政府',
  department: '政府部门',
  division: '内设科室',
  unit: '所属事业单位',
};

/** Agency settings shown in the 指南 and the portal footer. */
export type OrgSettings = Omit<
  OrgView,
  'id' | 'parentId' | 'kind' | 'code' | 'name' | 'isDefault' | 'sortOrder' | 'retired'
>;
export type OrgView = Static<typeof OrgViewSchema>;
export type CreateOrgInput = Static<typeof CreateOrgBody>;
export type UpdateOrgInput = Static<typeof UpdateOrgBody>;

export interface Page<T> {
  items: T[];
  total: number;
}

// The audit log (安全审计员): the shapes come from the API contract (contract/audit.ts).
export type AuditEntry = AuditEntryT;
export type AuditFilter = AuditFilterT;
export type AuditVerifyResult = AuditVerifyResultT;

/**
 * RFC 9457 problem document as the server sends it (contract/common.ts `ProblemSchema`); domain errors
 * add their details (e.g. `field`) at top level.
 */
export type ProblemDocument = Partial<Pick<Problem, 'type' | 'title' | 'instance' | 'requestId'>> &
  Pick<Problem, 'status' | 'code' | 'detail' | 'errors'> & { field?: string; [key: string]: unknown };
