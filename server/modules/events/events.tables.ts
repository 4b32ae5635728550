/**
 * Tables of the events-and-proposals module: 新闻发布会 / 听证会 / 论证会 … with their announcements,
 * registrations and records; the yearly press-conference plan; and the register of NPC deputies'
 * suggestions (建议) and CPPCC members' proposals (提案) with contacts, 会办 opinions and replies.
 * Dates are 'YYYY-MM-DD' (China), timestamps ISO text, booleans 0/1.
 */

/** Owned by this module (the architecture test reads this list). */
export const OWNED_TABLES = [
  'events',
  'event_registrations',
  'event_press_plans',
  'proposals',
  'proposal_contacts',
  'proposal_co_opinions',
  'proposal_settings',
  'proposal_templates',
] as const;

export type EventKind =
  | 'press_conference' // 新闻发布会
  | 'policy_briefing' // 政策吹风会
  | 'hearing' // 听证会
  | 'expert_review' // 论证会 / 座谈会
  | 'forum' // 政务论坛
  | 'open_day' // 政府开放日
  | 'campaign'; // 宣传活动（安全生产月、宣传咨询日 …）

/** 计划 → 已发布预告 → 已举行 → 已发布实录; 已取消 from planned/announced. */
export type EventState = 'planned' | 'announced' | 'held' | 'published' | 'cancelled';

export interface EventsTable {
  id: string;
  org_id: string;
  kind: EventKind;
  title: string;
  /** Planned date (China) and optional time of day 'HH:MM'. */
  event_date: string;
  event_time: string | null;
  place: string;
  host: string;
  /** 发布人 / 主持人 / 出席人, one per line. */
  spokespersons: string | null;
  topic: string;
  /** Related catalog items (policy and its 解读), JSON array of {title, href}. */
  related_json: string;
  state: EventState;
  /** Announcement (预告/公告) text published beforehand. */
  announcement: string | null;
  announced_at: string | null;
  /** Hearings: participant registration open until this date (China, inclusive). */
  registration_deadline: string | null;
  registration_quota: number | null;
  /** Record afterwards (实录 / 笔录). */
  record_text: string | null;
  video_url: string | null;
  attendance: number | null;
  outcome: string | null;
  /** Hearings: how the opinions were handled (意见采纳情况). */
  opinions_handling: string | null;
  held_at: string | null;
  published_at: string | null;
  cancel_reason: string | null;
  /** 备案: filed with the supervising office (e.g. 宣传部门). */
  filed_with: string | null;
  filed_on: string | null;
  filing_number: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type RegistrationStatus = 'pending' | 'selected' | 'not_selected';

export interface EventRegistrationsTable {
  id: string;
  event_id: string;
  org_id: string;
  /** Shown on the public list of selected participants (no contact details ever public). */
  name: string;
  /** 单位或身份 (e.g. 企业代表, 居民). */
  affiliation: string | null;
  phone: string;
  email: string | null;
  statement: string | null;
  status: RegistrationStatus;
  created_at: string;
  decided_at: string | null;
}

export interface EventPressPlansTable {
  org_id: string;
  year: number;
  planned_count: number;
  note: string | null;
  filed_with: string | null;
  filed_on: string | null;
  updated_at: string;
}

export type ProposalKind = 'suggestion' | 'proposal'; // 人大代表建议 / 政协委员提案
export type HandlingRole = 'lead' | 'co'; // 主办 / 会办
/** A 已解决或采纳, B 正在解决或列入计划, C 因条件限制留作参考. */
export type ReplyClass = 'A' | 'B' | 'C';
export type Feedback = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type ProposalState = 'assigned' | 'replied' | 'closed';
export type PublicationState = 'pending' | 'published' | 'withheld';

export interface ProposalsTable {
  id: string;
  org_id: string;
  kind: ProposalKind;
  /** 建议/提案编号, unique per agency, kind and year. */
  number: string;
  year: number;
  /** 届次会次, e.g. 十六届人大三次会议. */
  session: string;
  title: string;
  /** Proposer(s), one per line. */
  proposers: string;
  role: HandlingRole;
  /** For 会办: the 主办 unit the opinion goes to. */
  lead_unit: string | null;
  assigned_on: string;
  deadline: string;
  division: string | null;
  state: ProposalState;
  reply_text: string | null;
  reply_class: ReplyClass | null;
  replied_on: string | null;
  reply_number: string | null;
  feedback: Feedback | null;
  feedback_note: string | null;
  feedback_on: string | null;
  publication: PublicationState;
  /** Published text: the full reply or a summary. */
  public_text: string | null;
  public_is_summary: number;
  withhold_reason: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type ContactMethod = 'meeting' | 'phone' | 'letter' | 'visit'; // 面商 / 电话沟通 / 书面 / 走访

export interface ProposalContactsTable {
  id: string;
  proposal_id: string;
  org_id: string;
  method: ContactMethod;
  contacted_on: string;
  note: string | null;
  created_at: string;
}

export interface ProposalCoOpinionsTable {
  id: string;
  proposal_id: string;
  org_id: string;
  /** The 会办 unit giving the opinion (for a lead proposal) or the 主办 unit receiving it (for co). */
  unit: string;
  due_on: string;
  opinion: string | null;
  received_on: string | null;
  created_at: string;
}

export interface ProposalSettingsTable {
  org_id: string;
  deadline_months: number;
  co_opinion_workdays: number;
  due_soon_workdays: number;
  updated_at: string;
}

export interface ProposalTemplatesTable {
  org_id: string;
  file_name: string;
  /** The agency's own .docx reply template (docxtemplater placeholders), base64. */
  content_base64: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface EventsTables {
  events: EventsTable;
  event_registrations: EventRegistrationsTable;
  event_press_plans: EventPressPlansTable;
  proposals: ProposalsTable;
  proposal_contacts: ProposalContactsTable;
  proposal_co_opinions: ProposalCoOpinionsTable;
  proposal_settings: ProposalSettingsTable;
  proposal_templates: ProposalTemplatesTable;
}
