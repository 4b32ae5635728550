/**
 * Tables of the notify module: one durable queue for everything Gongkai sends (e-mail, SMS, WeChat,
 * Weibo), the message templates the office edits, the staff notification centre (inbox) with per-user
 * preferences, the SMS parts awaiting delivery receipts, and public e-mail subscriptions.
 */

/** Delivery channels of the queue. `wechat`/`weibo` are publishing APIs (posts), not person-to-person. */
export type QueueChannel = 'email' | 'sms' | 'wechat' | 'weibo';

/**
 * - pending: waiting (maybe until `next_attempt_at`: backoff or quiet hours)
 * - sending: claimed by a worker that has started the hand-over (lease in `claimed_until`)
 * - sent: the gateway accepted it (SMTP 250, SMPP submit_sm_resp OK); SMS waits for its receipt
 * - delivered: the delivery receipt said delivered, or the platform API returned the post's id
 * - failed: refused, out of attempts, or the hand-over was interrupted (never re-sent automatically)
 * - recorded: nothing configured: written to DATA_DIR/outbox only (未发送（仅记录）)
 * - cancelled: withdrawn before sending
 */
export type MessageStatus =
  'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'recorded' | 'cancelled';

export interface NotifyMessagesTable {
  id: string;
  org_id: string;
  channel: QueueChannel;
  recipient_kind: string;
  to_addr: string;
  template: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  /** 1 when notify_attachments rows belong to it. */
  has_attachments: number;
  /** Unique: the same key is enqueued (and so sent) once. */
  idempotency_key: string;
  source_module: string | null;
  source_id: string | null;
  /** 1 = bypasses quiet hours (warnings). */
  urgent: number;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  /** Message-ID (e-mail), SMSC message ids (SMS, comma-separated), post id (WeChat/Weibo). */
  external_ref: string | null;
  /** SMS: number of concatenated parts. */
  parts: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  completed_at: string | null;
  /** Posts (recipient kind `broadcast`): the portal path they point to; the transport adds the origin. */
  link: string | null;
  /** E-mail: extra headers as a JSON object (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: string | null;
}

export interface NotifyAttachmentsTable {
  id: string;
  message_id: string;
  sort_order: number;
  filename: string;
  content_type: string;
  /** base64 */
  content: string;
}

/** One row per SMS part handed to the SMSC, keyed by the SMSC's message id (receipts name it). */
export interface NotifySmsPartsTable {
  smsc_id: string;
  message_id: string;
  part_no: number;
  /** sent | delivered | failed */
  status: string;
  updated_at: string;
}

export interface NotifyTemplatesTable {
  org_id: string;
  template: string;
  channel: string;
  subject: string | null;
  body: string;
  updated_at: string;
  updated_by: string | null;
}

export interface NotifyInboxTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  idempotency_key: string;
  read_at: string | null;
  created_at: string;
}

export interface NotifyUserPrefsTable {
  user_id: string;
  email: string | null;
  mobile: string | null;
  email_enabled: number;
  sms_enabled: number;
  /** JSON string[]: kinds the user receives in the console only. */
  muted_kinds: string;
  /** HH:MM China time; both null = no quiet hours. */
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: string;
}

export interface NotifySubscriptionsTable {
  id: string;
  org_id: string;
  email: string;
  /** column | search */
  target_kind: string;
  /** column code, or the search words */
  target: string;
  label: string;
  /** pending | active | unsubscribed */
  status: string;
  /** newest published item already mailed (ISO time) */
  last_sent_at: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface NotifyTables {
  notify_messages: NotifyMessagesTable;
  notify_attachments: NotifyAttachmentsTable;
  notify_sms_parts: NotifySmsPartsTable;
  notify_templates: NotifyTemplatesTable;
  notify_inbox: NotifyInboxTable;
  notify_user_prefs: NotifyUserPrefsTable;
  notify_subscriptions: NotifySubscriptionsTable;
  notify_channel_accounts: NotifyChannelAccountsTable;
}

/** An agency's WeChat 公众号 / Weibo account for publishing (per agency, set by the office). */
export interface NotifyChannelAccountsTable {
  org_id: string;
  /** wechat | weibo */
  channel: string;
  /** API origin: https://api.weixin.qq.com, https://api.weibo.com (a test fake on loopback in tests) */
  api_base: string;
  app_id: string | null;
  app_secret: string | null;
  access_token: string | null;
  /** WeChat: cover image media_id for articles */
  thumb_media_id: string | null;
  enabled: number;
  updated_at: string;
}

/** The tables this module owns: only its repository builds queries on them; other modules call its exported functions. */
export const OWNED_TABLES = [
  'notify_messages',
  'notify_attachments',
  'notify_sms_parts',
  'notify_templates',
  'notify_inbox',
  'notify_user_prefs',
  'notify_subscriptions',
  'notify_channel_accounts',
] as const satisfies readonly (keyof NotifyTables)[];
