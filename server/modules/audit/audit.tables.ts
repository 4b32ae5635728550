export interface AuditLogTable {
  /** Position in the hash chain, 1-based, gapless. */
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON: { before?, after?, note? } — a summary, never secrets. */
  summary: string;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA-256 of `hash` under the audit key kept outside the database (null only on rows before it existed). */
  mac: string | null;
}

/** One row (id = 1) serialising appends: updating it locks the chain head inside the writer's transaction. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  last_hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = ['audit_log', 'audit_head'] as const satisfies readonly (keyof AuditTables)[];
