export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak usable sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginEventsTable {
  id: string;
  user_id: string | null;
  username: string;
  org_id: string | null;
  success: number;
  /** ok | bad_password | unknown_user | locked | disabled | logout | timeout */
  reason: string;
  ip: string | null;
  user_agent: string | null;
  at: string;
}

export interface AuthTables {
  sessions: SessionsTable;
  login_events: LoginEventsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = ['sessions', 'login_events'] as const satisfies readonly (keyof AuthTables)[];
