/**
 * Tables of the interaction module (互动交流), Kysely row types. Conventions as elsewhere: ids uuid v7,
 * timestamps ISO text, dates 'YYYY-MM-DD' (China), booleans 0/1. Nothing derived from the clocks is
 * stored: accept/answer due dates, due-soon and overdue are computed on read (interaction.rules.ts).
 */

/** Kinds of correspondence (issue 16 item 1). */
export type InteractionKind = 'mailbox' | 'consult' | 'complaint' | 'hotline' | 'site_error';
/** How it arrived. */
export type InteractionChannel =
  | 'portal'
  | 'phone'
  | 'visit'
  | 'letter'
  | 'email'
  | 'hotline_12345'
  /** A 信访举报投诉类申请 handed over by the 依申请公开 side when it answered the case. */
  | 'request';
/**
 * received → accepted → assigned → (sign_off) → replied → rated → archived; or not_accepted,
 * transferred, converted (to a 依申请公开 case), merged (into another item).
 */
export type InteractionStatus =
  | 'received'
  | 'accepted'
  | 'assigned'
  | 'sign_off'
  | 'replied'
  | 'archived'
  | 'not_accepted'
  | 'transferred'
  | 'converted'
  | 'merged';
export type Rating = 'satisfied' | 'basic' | 'unsatisfied';

export interface InteractionKindSettingsTable {
  org_id: string;
  kind: InteractionKind;
  enabled: number;
  handler_division_id: string | null;
  accept_workdays: number;
  answer_workdays: number;
  publishable: number;
  sign_off_required: number;
  updated_at: string;
  updated_by: string | null;
}

export interface InteractionItemsTable {
  id: string;
  org_id: string;
  /** Public number, e.g. HD-2026-000012. */
  number: string;
  query_code_hash: string;
  kind: InteractionKind;
  channel: InteractionChannel;
  status: InteractionStatus;
  subject: string;
  body: string;
  anonymous: number;
  /** AES-256-GCM of the JSON identity {name, phone, email, address}; null when anonymous. */
  identity_enc: string | null;
  name_masked: string | null;
  contact_masked: string | null;
  /** 'sms' | 'email' | null: where the correspondent asked to be told of the reply. */
  notify_by: string | null;
  publish_consent: number;
  submitted_at: string;
  /** The day it arrived (clocks start here; a 12345 order's transfer day). */
  received_on: string;
  order_number: string | null;
  /** sha-256 of the order's content as received (a re-send with other content is refused). */
  order_hash: string | null;
  external_due_on: string | null;
  accepted_on: string | null;
  decision_reason: string | null;
  transferred_to_org_id: string | null;
  merged_into_id: string | null;
  request_case_id: string | null;
  request_case_number: string | null;
  enforcement_ref: string | null;
  division_id: string | null;
  handler_id: string | null;
  draft_reply: string | null;
  /** JSON findings of the last 保密审查 scan of the draft. */
  draft_scan: string | null;
  scan_passed_at: string | null;
  signed_by: string | null;
  signed_at: string | null;
  reply: string | null;
  reply_unit: string | null;
  replied_on: string | null;
  replied_at: string | null;
  /** After 不满意 reopened it: the answer clock restarts on this day. */
  answer_restart_on: string | null;
  reopen_count: number;
  rating: Rating | null;
  rating_comment: string | null;
  rated_at: string | null;
  archived_on: string | null;
  published: number;
  published_at: string | null;
  published_month: string | null;
  public_subject: string | null;
  public_question: string | null;
  public_reply: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface InteractionCountersTable {
  org_id: string;
  year: number;
  last_value: number;
}

export interface InteractionSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface InteractionTokensTable {
  org_id: string;
  token_hash: string;
  created_at: string;
  created_by: string | null;
}

export interface InteractionSnippetsTable {
  id: string;
  org_id: string;
  title: string;
  body: string;
  updated_at: string;
}

export type CommentDisplay = 'moderated' | 'hidden';
export type CommentStatus = 'pending' | 'approved' | 'rejected';

export interface InteractionConsultationsTable {
  id: string;
  org_id: string;
  title: string;
  summary: string;
  draft_text: string;
  catalog_item_id: string | null;
  major_decision: number;
  short_period_reason: string | null;
  opens_on: string;
  closes_on: string;
  comment_display: CommentDisplay;
  published_at: string | null;
  adoption_summary: string | null;
  final_text: string | null;
  result_published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface InteractionCommentsTable {
  id: string;
  org_id: string;
  consultation_id: string;
  author: string | null;
  body: string;
  status: CommentStatus;
  adopted: number | null;
  adoption_note: string | null;
  created_at: string;
  moderated_at: string | null;
  moderated_by: string | null;
}

/** A 投诉举报 item that arrived as an information request (信访举报投诉类申请), and that case. */
export interface InteractionFromRequestsTable {
  item_id: string;
  org_id: string;
  case_id: string;
  case_number: string;
  /** The day the case was answered and the matter handed over here. */
  handed_over_on: string;
  created_at: string;
}

export interface InteractionTables {
  interaction_kind_settings: InteractionKindSettingsTable;
  interaction_items: InteractionItemsTable;
  interaction_counters: InteractionCountersTable;
  interaction_secrets: InteractionSecretsTable;
  interaction_tokens: InteractionTokensTable;
  interaction_snippets: InteractionSnippetsTable;
  interaction_consultations: InteractionConsultationsTable;
  interaction_comments: InteractionCommentsTable;
  interaction_from_requests: InteractionFromRequestsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'interaction_kind_settings',
  'interaction_items',
  'interaction_counters',
  'interaction_secrets',
  'interaction_tokens',
  'interaction_snippets',
  'interaction_consultations',
  'interaction_comments',
  'interaction_from_requests',
] as const satisfies readonly (keyof InteractionTables)[];
