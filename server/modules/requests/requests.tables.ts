/**
 * Tables of the requests module (依申请公开), Kysely row types.
 *
 * Conventions: ids varchar(36) uuid v7; timestamps ISO text; dates 'YYYY-MM-DD'; booleans 0/1;
 * JSON as text; money integer fen. Every business row carries org_id (the agency, never a division).
 *
 * Nothing derived from the statutory clocks is stored: due dates, due-soon and overdue are computed
 * from `request_events` + the working-day calendar on every read (deadlines.ts). What is kept is only
 * whether a case has events that move its clock (`clock_moved`), so reads know whose events to fetch.
 */

/** Applicant types: exactly the columns of annual-report table 三 (Table3ColKey without 'total'). */
export type ApplicantTypeKey =
  'natural' | 'commercial' | 'research' | 'publicInterest' | 'legalService' | 'other';

/** 第三十一条 receipt channels (same codes as receipt-date.ts). */
export type RequestChannel =
  'online' | 'in_person' | 'registered_mail' | 'ordinary_mail' | 'fax' | 'email' | 'oral';

/**
 * Handling stage (第四十五条: 登记、审核、办理、答复、归档).
 * awaiting_confirmation: online/fax/e-mail/ordinary letter not yet confirmed (no receipt date yet);
 * discarded: an unconfirmed submission staff set aside (spam, not an application) — never counted.
 */
export type RequestStage =
  | 'awaiting_confirmation'
  | 'registered'
  | 'assigned'
  | 'drafting'
  | 'review'
  | 'sign_off'
  | 'replied'
  | 'archived'
  | 'discarded';

export type IdDocType = 'resident_id' | 'credit_code' | 'passport' | 'other';
/** 第二十九条（三）: form of the information. */
export type RequestedForm = 'paper' | 'electronic' | 'inspect' | 'any';
/** 第二十九条（三）: how it reaches the applicant. */
export type DeliveryMethod = 'post' | 'email' | 'pickup' | 'online';

export interface RequestCasesTable {
  id: string;
  org_id: string;
  /** 受理编号, unique, e.g. "YSQ-2026-00012" (public; shown on the tracking page). */
  case_number: string;
  /** scrypt hash of the private query code (查询码) given to the applicant once. */
  query_code_hash: string;
  channel: RequestChannel;
  applicant_type: ApplicantTypeKey;
  /** 姓名 or 名称 (personal data: never on public pages). */
  applicant_name: string;
  /** For organisations: the contact person. */
  contact_person: string | null;
  id_doc_type: IdDocType;
  /** AES-256-GCM ciphertext of the document number (base64 iv.tag.data). */
  id_number_enc: string;
  /** HMAC of the normalised number: groups the same applicant (monthly volume, 按件计收) without decrypting. */
  id_number_hmac: string;
  /** e.g. 3703**********123X — what the console shows by default. */
  id_number_masked: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  /** 所需政府信息的名称、文号或特征性描述. */
  description: string;
  /** Normalised description (punctuation/whitespace folded) for duplicate and 第四十四条 detection. */
  description_key: string;
  requested_form: RequestedForm;
  delivery_method: DeliveryMethod;
  /** Free text, e.g. oral application recorded by staff: who recorded it and how. */
  intake_note: string | null;
  /** When the applicant submitted / the letter arrived (ISO timestamp or date). */
  submitted_at: string;
  signed_for_on: string | null;
  confirmed_on: string | null;
  /** 收到申请之日 per 第三十一条; null while awaiting confirmation. */
  received_on: string | null;
  receipt_basis: string | null;
  /** Internal division (科室, orgs.id) handling the case. */
  division_id: string | null;
  handler_id: string | null;
  stage: RequestStage;
  /** Denormalised from request_outcomes once signed off (for lists and the report). */
  outcome_code: string | null;
  /** Day the reply (or terminating notice) was sent: the case counts as handled in this year. */
  closed_on: string | null;
  /** 按件 / 按量 chosen for this application (第三条: one basis per application). */
  fee_basis: 'per_item' | 'per_page' | null;
  /** Items after 一事一申请 splitting (for 按件计收); default 1. */
  item_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** How the applicant wants progress notices: 'sms' | 'email' | 'none' (null: before round 4 = none). */
  notify_channel: string | null;
  /** A case converted from another module's item (e.g. an interaction mailbox letter): module, id, number. */
  source_module: string | null;
  source_id: string | null;
  source_number: string | null;
  /**
   * 1 once the case has a clock event besides its receipt and answer (补正, consultation, extension, fee,
   * deferral, withdrawal: CLOCK_CHANGING_EVENT_TYPES), kept by the events' insert (requests.repository.ts).
   * A case with 0 was due 20 working days after received_on and, if closed, answered on closed_on, so the
   * supervision facts and statistics read no events for it.
   */
  clock_moved: number;
}

/**
 * Append-only case timeline. Clock events (deadlines.ts ClockEvent types) and workflow events
 * (assigned, stage changes, letters, notes…) share the list; `payload` is the JSON of the event
 * without its `type` and `date`. Never updated or deleted.
 */
export interface RequestEventsTable {
  id: string;
  org_id: string;
  case_id: string;
  /** 1-based, gapless per case. */
  seq: number;
  type: string;
  /** Statutory date of the event (YYYY-MM-DD). */
  event_date: string;
  payload: string;
  /** Whether the applicant sees it on the tracking page. */
  public: number;
  actor_id: string | null;
  actor_name: string;
  created_at: string;
}

/** One withheld part of a 部分公开 answer (第三十七条). */
export interface WithheldPart {
  part: string;
  /** Outcome code of the ground, e.g. 'withheld_third_party'. */
  ground: string;
  reason: string;
}

export interface RequestOutcomesTable {
  id: string;
  org_id: string;
  case_id: string;
  outcome_code: string;
  /** Table 三 row (2021 format) the case counts in — exactly one. */
  table3_row: string;
  legal_basis_ref: string;
  legal_basis_text: string;
  /** 理由 / 说明 shown in the reply. */
  reason: string;
  /** JSON WithheldPart[] (部分公开 only; [] otherwise). */
  withheld_parts: string;
  /** 第三十六条（五）: the agency responsible, if known. */
  referral_agency: string | null;
  /** 保密审查 done (required when content is released). */
  review_passed_by: string | null;
  review_passed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  drafted_by: string | null;
  created_at: string;
  updated_at: string;
}

export type LetterKind =
  | 'receipt' // 受理回执
  | 'supplement' // 补正告知书
  | 'extension' // 延期答复告知书
  | 'third_party' // 第三方征求意见书
  | 'fee_notice' // 收费通知
  | 'reply'; // 答复告知书 (per outcome)

export interface RequestLettersTable {
  id: string;
  org_id: string;
  case_id: string;
  kind: LetterKind;
  /** Outcome code for kind 'reply'. */
  outcome_code: string | null;
  /** e.g. 市应急依申〔2026〕12号 */
  letter_number: string;
  year: number;
  seq: number;
  title: string;
  file_name: string;
  /** The archived .docx, base64 (dialect-neutral); storage_path is null then. */
  content_base64: string | null;
  storage_path: string | null;
  size_bytes: number;
  sha256: string;
  /** Downloadable by the applicant on the tracking page (third-party letters are not). */
  public: number;
  created_by: string | null;
  created_at: string;
  /** JSON of what the letter is rendered from (template snapshot, values, number, date) when rendered lazily. */
  render_input: string | null;
}

/** Per-agency editable letter text: placeholders like {{受理编号}} in plain text blocks. */
export interface RequestLetterTemplatesTable {
  id: string;
  org_id: string;
  kind: LetterKind;
  /** For 'reply': the outcome it is for; '' for other kinds (unique key part). */
  outcome_code: string;
  title: string;
  /** Paragraphs separated by blank lines. */
  body: string;
  updated_by: string | null;
  updated_at: string;
}

/** Per-agency, per-year counters (case numbers, letter numbers). */
export interface RequestCountersTable {
  org_id: string;
  scope: string;
  year: number;
  last_value: number;
}

export interface RequestFeesTable {
  id: string;
  org_id: string;
  case_id: string;
  basis: 'per_item' | 'per_page';
  /** Items in this application (按件) or pages (按量). */
  quantity: number;
  /** 按件: the applicant's items earlier in the same 自然月. */
  prior_items_this_month: number;
  amount_fen: number;
  /** JSON FeeQuote (lines, uncertainty notes). */
  quote: string;
  notice_sent_on: string;
  notice_received_on: string | null;
  state: 'noticed' | 'paid' | 'abandoned';
  paid_on: string | null;
  paid_amount_fen: number | null;
  payment_ref: string | null;
  abandoned_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** 行政复议 / 行政诉讼 (table 四). */
export type AppealKind = 'review' | 'litigation_direct' | 'litigation_after_review';
export type AppealOutcome = 'upheld' | 'corrected' | 'other' | 'pending';

export interface RequestAppealsTable {
  id: string;
  org_id: string;
  case_id: string;
  kind: AppealKind;
  filed_on: string;
  /** 复议机关 / 法院 */
  body_name: string;
  /** 案号 */
  reference: string | null;
  outcome: AppealOutcome;
  decided_on: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RequestCaseLinksTable {
  id: string;
  org_id: string;
  case_id: string;
  linked_case_id: string;
  kind: 'duplicate' | 'related';
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** Deadline reminders (T-5, T-1, overdue), idempotent per case/kind/due date; shown in the console. */
export interface RequestRemindersTable {
  id: string;
  org_id: string;
  case_id: string;
  kind: 'T-5' | 'T-1' | 'overdue';
  due_date: string;
  remind_on: string;
  handler_id: string | null;
  message: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  created_at: string;
}

/** 第四十四条: proposals to move repeatedly requested information into proactive disclosure. */
export interface RequestPromotionsTable {
  id: string;
  org_id: string;
  description_key: string;
  title: string;
  /** JSON string[] of the case ids behind the proposal. */
  case_ids: string;
  case_count: number;
  state: 'proposed' | 'draft_created' | 'dismissed';
  catalog_item_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Portal captchas: the answer hash lives here for a few minutes, keyed by a random id in a hidden field. */
export interface RequestCaptchasTable {
  id: string;
  answer_hash: string;
  expires_at: string;
  used_at: string | null;
}

/** Deployment secrets of this module (the key that encrypts identity-document numbers). */
export interface RequestSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/** An agency's own Word template (.docx with {占位符}) for a letter kind; the built-in text is the default. */
export interface RequestDocxTemplatesTable {
  id: string;
  org_id: string;
  kind: LetterKind;
  outcome_code: string;
  file_name: string;
  /** JSON string[] of the placeholders found in the file (validated on upload). */
  placeholders: string;
  content_base64: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** Per-agency settings of this module: the remedy paragraph names the 复议机关 and the competent court. */
export interface RequestSettingsTable {
  org_id: string;
  review_body: string | null;
  court: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** Files released with a 予以公开 / 部分公开 reply; the applicant downloads them from /track by signed link. */
export interface RequestReplyFilesTable {
  id: string;
  org_id: string;
  case_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  content_base64: string;
  created_by: string | null;
  created_at: string;
}

export interface RequestsTables {
  request_docx_templates: RequestDocxTemplatesTable;
  request_settings: RequestSettingsTable;
  request_reply_files: RequestReplyFilesTable;
  request_cases: RequestCasesTable;
  request_events: RequestEventsTable;
  request_outcomes: RequestOutcomesTable;
  request_letters: RequestLettersTable;
  request_letter_templates: RequestLetterTemplatesTable;
  request_counters: RequestCountersTable;
  request_fees: RequestFeesTable;
  request_appeals: RequestAppealsTable;
  request_case_links: RequestCaseLinksTable;
  request_reminders: RequestRemindersTable;
  request_promotions: RequestPromotionsTable;
  request_captchas: RequestCaptchasTable;
  request_secrets: RequestSecretsTable;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'request_docx_templates',
  'request_settings',
  'request_reply_files',
  'request_cases',
  'request_events',
  'request_outcomes',
  'request_letters',
  'request_letter_templates',
  'request_counters',
  'request_fees',
  'request_appeals',
  'request_case_links',
  'request_reminders',
  'request_promotions',
  'request_captchas',
  'request_secrets',
] as const satisfies readonly (keyof RequestsTables)[];
