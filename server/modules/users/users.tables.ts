import type { Role } from './roles.js';

export interface UsersTable {
  id: string;
  /** The agency the user works for (never a division). */
  org_id: string;
  /** 科室 within the agency, for clerks who draft in their division. */
  division_id: string | null;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface UserTables {
  users: UsersTable;
  user_roles: UserRolesTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = ['users', 'user_roles'] as const satisfies readonly (keyof UserTables)[];
