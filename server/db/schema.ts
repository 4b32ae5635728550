import type { OrgTables } from '../modules/orgs/orgs.tables.js';
import type { UserTables } from '../modules/users/users.tables.js';
import type { AuthTables } from '../modules/auth/auth.tables.js';
import type { AuditTables } from '../modules/audit/audit.tables.js';

/** The whole database as Kysely sees it: each module contributes its tables. */
export interface DB extends OrgTables, UserTables, AuthTables, AuditTables {}
