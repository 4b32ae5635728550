/** Risk warnings (预警信息) and who was told. */

export type WarningKind = 'meteorological' | 'geological' | 'forest_fire' | 'work_safety' | 'other';
/** GB/T 27962 signal colours (blue < yellow < orange < red). */
export type WarningLevel = 'blue' | 'yellow' | 'orange' | 'red';
/** CAP msgType: the first message, an update, or the lifting (解除). */
export type WarningMsgType = 'alert' | 'update' | 'cancel';
/**
 * draft → pending (submitted for approval) → published; rejected back to draft with a reason;
 * published → superseded (an update replaced it) | lifted (解除) | expired (past expires_at).
 */
export type WarningStatus = 'draft' | 'pending' | 'published' | 'superseded' | 'lifted' | 'expired';
export type RecipientGroup = 'unit' | 'staff' | 'enterprise';

export interface WarningsTable {
  id: string;
  org_id: string;
  kind: WarningKind;
  /** what: 暴雨, 台风, 山体滑坡 … */
  event: string;
  level: WarningLevel;
  title: string;
  area: string;
  effective_at: string;
  expires_at: string;
  source: string;
  content: string;
  actions: string;
  msg_type: WarningMsgType;
  /** the message this one updates or lifts */
  ref_id: string | null;
  /** the first message of the chain (itself for an alert) */
  root_id: string;
  status: WarningStatus;
  /** JSON RecipientGroup[] */
  groups: string;
  /** JSON { region?: string; industry?: string } for enterprises */
  enterprise_filter: string | null;
  /** escalate recipients that have not acknowledged after this many minutes */
  ack_minutes: number;
  created_by: string | null;
  approved_by: string | null;
  reject_reason: string | null;
  created_at: string;
  submitted_at: string | null;
  published_at: string | null;
  ended_at: string | null;
  updated_at: string;
}

export interface WarningRecipientsTable {
  id: string;
  warning_id: string;
  group_kind: RecipientGroup;
  name: string;
  mobile: string | null;
  email: string | null;
  user_id: string | null;
  acked_at: string | null;
  /** link | sms | console */
  ack_via: string | null;
  escalated_at: string | null;
  created_at: string;
}

export interface WarningsTables {
  warnings: WarningsTable;
  warning_recipients: WarningRecipientsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'warnings',
  'warning_recipients',
] as const satisfies readonly (keyof WarningsTables)[];
