/**
 * Tables of the supervision module (监督): 督办 tasks, their timeline and evidence files, and the task
 * number counters. Dates 'YYYY-MM-DD' (China), timestamps ISO text, booleans 0/1. Nothing from the boards
 * is stored: they are computed on read from the other modules' facts.
 */

/** Owned by this module (the architecture test reads this list). */
export const OWNED_TABLES = [
  'supervision_tasks',
  'supervision_task_events',
  'supervision_task_files',
  'supervision_counters',
] as const;

/** issued (awaiting reply) → replied → accepted; replied → returned → replied …; withdrawn by the issuer. */
export type TaskState = 'issued' | 'replied' | 'returned' | 'accepted' | 'withdrawn';

export type TaskSourceKind =
  'request_case' | 'catalog_item' | 'catalog_column' | 'enforcement_decision' | 'interaction_item' | 'report';

export interface SupervisionTasksTable {
  id: string;
  /** e.g. DB-2026-0003: unique per issuing org (each org counts its own per year). */
  number: string;
  /** The org that issued it (a government for a supervisor; the agency for its office). */
  issuer_org_id: string;
  issued_by: string | null;
  issued_by_name: string;
  /** The agency or division that must act. */
  target_org_id: string;
  /** The agency of the target (itself, or the agency above a division): scoping and facts. */
  target_agency_id: string;
  title: string;
  body: string;
  source_kind: TaskSourceKind | null;
  source_id: string | null;
  source_label: string | null;
  source_link: string | null;
  workdays: number;
  issued_on: string;
  due_on: string;
  due_estimated: number;
  state: TaskState;
  /** Reply rounds so far (a return asks for another). */
  round: number;
  reply_text: string | null;
  replied_on: string | null;
  replied_at: string | null;
  replied_by: string | null;
  replied_by_name: string | null;
  return_reason: string | null;
  /** Day the issuer accepted (办结) or withdrew it. */
  closed_on: string | null;
  /** Accepted and the accepted reply came by due_on (null while not accepted). */
  closed_on_time: number | null;
  /** Day the overdue notice went out (once per task). */
  overdue_notified_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionTaskEventsTable {
  id: string;
  task_id: string;
  /** 1-based, gapless per task. */
  seq: number;
  action: 'issued' | 'replied' | 'returned' | 'accepted' | 'withdrawn' | 'attached' | 'overdue_notified';
  actor_id: string | null;
  actor_name: string;
  actor_org_id: string | null;
  note: string | null;
  at: string;
}

export interface SupervisionTaskFilesTable {
  id: string;
  task_id: string;
  /** The target agency (files belong to the receiver's evidence). */
  org_id: string;
  /** Reply round it was sent with; null while uploaded but not yet sent. */
  round: number | null;
  file_name: string;
  mime: string;
  storage_key: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_by_name: string;
  created_at: string;
}

export interface SupervisionCountersTable {
  org_id: string;
  year: number;
  last_value: number;
}

export interface SupervisionTables {
  supervision_tasks: SupervisionTasksTable;
  supervision_task_events: SupervisionTaskEventsTable;
  supervision_task_files: SupervisionTaskFilesTable;
  supervision_counters: SupervisionCountersTable;
}
