import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter, TransportOptions } from 'nodemailer';
import type { PDU, Session } from 'smpp';
import { parseReceipt, smsPayloads, type DeliveryReceipt } from './notify.rules.js';
import type { QueueChannel } from './notify.tables.js';

import { nodemailerLibrary, smppLibrary } from '../../platform/lazy-packages.js';

/** One message as a transport sends it. */
export interface OutgoingMessage {
  id: string;
  orgId: string;
  channel: QueueChannel;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** SMS parts already accepted in an earlier attempt (1-based): not sent again. */
  partsDone: number[];
  /** `broadcast` for posts to a channel (a catalog release), else the person's kind. */
  recipientKind: string;
  /** Posts: the absolute portal URL the post points to. */
  url: string | null;
  /** E-mail: extra headers (List-Unsubscribe …). */
  headers: Record<string, string>;
}

export type SendOutcome =
  | {
      outcome: 'sent' | 'delivered' | 'recorded';
      externalRef: string | null;
      /** SMS: SMSC message id per part number */
      smsParts?: { partNo: number; smscId: string }[];
      parts?: number;
    }
  | {
      outcome: 'failed';
      error: string;
      /** true: nothing (more) was handed over, the queue may try again later */
      retryable: boolean;
      smsParts?: { partNo: number; smscId: string }[];
      parts?: number;
    };

export interface Transport {
  readonly channel: QueueChannel;
  /** How many messages of this channel a worker hands over at once. */
  readonly concurrency: number;
  /** Most messages per second per worker process (rate limit). */
  readonly ratePerSecond: number;
  /** true when this transport only records (nothing configured). */
  readonly recordsOnly: boolean;
  send(m: OutgoingMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
function numberParam(u: URL, name: string, dflt: number): number {
  const v = Number(u.searchParams.get(name));
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

// ── nothing configured: record to DATA_DIR/outbox ──

/** Writes an .eml (e-mail) or .json (SMS, posts) file per message and reports `recorded`: nothing was sent. */
export class RecordingTransport implements Transport {
  readonly concurrency = 4;
  readonly ratePerSecond = 1000;
  readonly recordsOnly = true;
  constructor(
    readonly channel: QueueChannel,
    private readonly dir: string,
    private readonly from = 'noreply@localhost',
  ) {}
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    await mkdir(this.dir, { recursive: true });
    if (this.channel === 'email') {
      const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
      const eml = await new MailComposer({
        from: this.from,
        to: m.to,
        subject: m.subject ?? '',
        text: m.text,
        html: m.html ?? undefined,
        messageId: `<${m.id}@gongkai>`,
        headers: m.headers,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      })
        .compile()
        .build();
      await writeFile(path.join(this.dir, `${m.id}.eml`), eml);
    } else {
      const json = {
        id: m.id,
        channel: this.channel,
        to: m.to,
        subject: m.subject,
        text: m.text,
        url: m.url,
        recordedAt: new Date().toISOString(),
      };
      await writeFile(
        path.join(this.dir, `${m.id}.${this.channel}.json`),
        JSON.stringify(json, null, 2) + '\n',
        'utf8',
      );
    }
    return { outcome: 'recorded', externalRef: null };
  }
  async close(): Promise<void> {}
}

// ── e-mail over SMTP ──

/**
 * E-mail through an SMTP server (nodemailer). Subjects and file names are MIME-encoded (RFC 2047 /
 * 2231) by nodemailer; the Message-ID is `<message id@host>` so a message is traceable in mail logs.
 * 5xx answers are permanent failures (bounces at submission); connection problems and 4xx are retried.
 */
export class SmtpTransport implements Transport {
  readonly channel = 'email' as const;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly recordsOnly = false;
  private readonly mailer: Transporter;
  constructor(
    url: string,
    private readonly from: string,
    private readonly messageIdHost: string,
  ) {
    const u = new URL(url);
    this.ratePerSecond = numberParam(u, 'rate', 20);
    this.concurrency = numberParam(u, 'connections', 2);
    u.searchParams.delete('rate');
    u.searchParams.delete('connections');
    this.mailer = nodemailerLibrary().createTransport({
      url: u.toString(),
      pool: true,
      maxConnections: this.concurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    } as TransportOptions);
  }
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    try {
      const info = await this.mailer.sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject ?? '',
        text: m.text,
        html: m.html ?? undefined,
        messageId: `<${m.id}@${this.messageIdHost}>`,
        headers: m.headers,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0)
        return { outcome: 'failed', error: `邮件服务器拒收：${rejected.join('、')}`, retryable: false };
      return { outcome: 'sent', externalRef: info.messageId ?? `<${m.id}@${this.messageIdHost}>` };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (code && code >= 500)
        return {
          outcome: 'failed',
          error: `邮件服务器拒收（${code}）：${errText(e)}`.slice(0, 900),
          retryable: false,
        };
      return { outcome: 'failed', error: `邮件服务器暂不可用：${errText(e)}`.slice(0, 900), retryable: true };
    }
  }
  async close(): Promise<void> {
    this.mailer.close();
  }
}

// ── SMS over SMPP 3.4 ──

export interface SmppHandlers {
  onReceipt(receipt: DeliveryReceipt): Promise<void>;
  onMobileOriginated(from: string, text: string): Promise<void>;
}

/**
 * SMS through an SMPP 3.4 gateway: one bound transceiver session per process (re-bound when it
 * drops), UCS-2 (data_coding 8) with concatenated parts (UDH), registered_delivery so the SMSC sends
 * delivery receipts (deliver_sm with esm_class 0x04), which `handlers.onReceipt` applies.
 * A submit without an answer (connection lost, timeout) counts as not accepted and is retried; parts
 * the SMSC accepted are remembered so a retry sends only the missing ones.
 */
export class SmppTransport implements Transport {
  readonly channel = 'sms' as const;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly recordsOnly = false;
  private session: Session | null = null;
  private binding: Promise<Session> | null = null;
  private pending = new Set<(e: Error) => void>();
  private delivering = new Set<Promise<void>>();
  private readonly host: string;
  private readonly port: number;
  private readonly systemId: string;
  private readonly password: string;
  private readonly sender: string;
  private readonly systemType: string;
  private readonly timeoutMs: number;

  constructor(
    url: string,
    private readonly handlers: SmppHandlers,
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port || 2775);
    this.systemId = decodeURIComponent(u.username);
    this.password = decodeURIComponent(u.password);
    this.sender = u.searchParams.get('from') ?? '';
    this.systemType = u.searchParams.get('system_type') ?? '';
    this.ratePerSecond = numberParam(u, 'rate', 100);
    this.concurrency = numberParam(u, 'window', 10);
    this.timeoutMs = numberParam(u, 'timeout', 30_000);
  }

  private bind(): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    if (this.binding) return this.binding;
    this.binding = new Promise<Session>((resolve, reject) => {
      let settled = false;
      const s = smppLibrary().connect({
        url: `smpp://${this.host}:${this.port}`,
        auto_enquire_link_period: 30_000,
      });
      const fail = (e: Error) => {
        if (!settled) {
          settled = true;
          reject(e);
        }
      };
      const timer = setTimeout(() => {
        fail(new Error('连接短信网关超时'));
        s.destroy();
      }, this.timeoutMs);
      s.on('error', (e: Error) => fail(new Error(`短信网关连接错误：${e.message}`)));
      s.on('close', () => {
        clearTimeout(timer);
        fail(new Error('短信网关断开连接'));
        if (this.session === s) this.session = null;
        for (const rej of [...this.pending]) rej(new Error('短信网关断开连接'));
      });
      s.on('deliver_sm', (pdu: PDU) => {
        const done = this.onDeliver(s, pdu).finally(() => this.delivering.delete(done));
        this.delivering.add(done);
      });
      s.on('enquire_link', (pdu: PDU) => s.send(pdu.response()));
      s.on('connect', () => {
        s.bind_transceiver(
          { system_id: this.systemId, password: this.password, system_type: this.systemType },
          (pdu) => {
            clearTimeout(timer);
            if (pdu.command_status !== 0) {
              fail(new Error(`短信网关拒绝登录（状态 ${pdu.command_status}）`));
              s.close();
              return;
            }
            settled = true;
            this.session = s;
            resolve(s);
          },
        );
      });
    }).finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  /**
   * A receipt or reply is acknowledged (deliver_sm_resp) only after it was applied: a process that stops
   * before that leaves it unacknowledged, and the SMSC delivers it again on the next bind — a receipt is
   * never dropped between the socket and the database.
   */
  private async onDeliver(s: Session, pdu: PDU): Promise<void> {
    const esm = Number(pdu.esm_class ?? 0);
    const sm = pdu.short_message as { message?: string | Buffer } | string | Buffer | undefined;
    const raw = typeof sm === 'object' && sm !== null && !Buffer.isBuffer(sm) ? sm.message : sm;
    const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : String(raw ?? '');
    try {
      if (esm & 0x04) {
        const r = parseReceipt(text);
        const tlvId = pdu.receipted_message_id as string | undefined;
        if (r) await this.handlers.onReceipt(tlvId ? { ...r, id: tlvId } : r);
      } else {
        await this.handlers.onMobileOriginated(String((pdu.source_addr as string | undefined) ?? ''), text);
      }
    } catch {
      // a receipt that cannot be applied now is not fatal to the session
    }
    s.send(pdu.response());
  }

  private submit(s: Session, fields: Record<string, unknown>): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const onClose = (e: Error) => {
        clearTimeout(timer);
        this.pending.delete(onClose);
        reject(e);
      };
      const timer = setTimeout(() => onClose(new Error('短信网关未应答（超时）')), this.timeoutMs);
      this.pending.add(onClose);
      const ok = s.submit_sm(fields, (pdu) => {
        clearTimeout(timer);
        this.pending.delete(onClose);
        resolve(pdu);
      });
      if (!ok) onClose(new Error('短信网关连接不可写'));
    });
  }

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const reference = referenceOf(m.id);
    const payloads = smsPayloads(m.text, reference);
    const accepted: { partNo: number; smscId: string }[] = [];
    let s: Session;
    try {
      s = await this.bind();
    } catch (e) {
      return { outcome: 'failed', error: errText(e), retryable: true, parts: payloads.length };
    }
    for (let i = 0; i < payloads.length; i++) {
      const partNo = i + 1;
      if (m.partsDone.includes(partNo)) continue;
      const p = payloads[i]!;
      let resp: PDU;
      try {
        resp = await this.submit(s, {
          service_type: '',
          source_addr_ton: 0,
          source_addr_npi: 0,
          source_addr: this.sender,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: `86${m.to}`,
          esm_class: p.udh ? 0x40 : 0,
          data_coding: 8,
          registered_delivery: 1,
          short_message: p.payload,
        });
      } catch (e) {
        return {
          outcome: 'failed',
          error: errText(e),
          retryable: true,
          smsParts: accepted,
          parts: payloads.length,
        };
      }
      if (resp.command_status !== 0) {
        const st = resp.command_status;
        const smpp = smppLibrary();
        const retryable =
          st === smpp.ESME_RTHROTTLED || st === smpp.ESME_RMSGQFUL || st === smpp.ESME_RSYSERR;
        return {
          outcome: 'failed',
          error: `短信网关拒绝（状态 0x${st.toString(16)}${st === smpp.ESME_RINVDSTADR ? '，号码无效' : ''}）`,
          retryable,
          smsParts: accepted,
          parts: payloads.length,
        };
      }
      accepted.push({ partNo, smscId: String(resp.message_id) });
    }
    return {
      outcome: 'sent',
      externalRef: accepted.map((a) => a.smscId).join(',') || null,
      smsParts: accepted,
      parts: payloads.length,
    };
  }

  async close(): Promise<void> {
    // receipts being applied finish (and are acknowledged) before the session is unbound
    await Promise.allSettled([...this.delivering]);
    const s = this.session;
    this.session = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/**
 * The SMS channel of the queue: messages to a person go to the SMS gateway; releases to the SMS channel
 * (recipient kind `broadcast`: a catalog item for an agency's SMS group-sending platform) are recorded
 * only — Gongkai has no group-sending platform adapter, so such a release is never counted as sent.
 */
export class SmsRouter implements Transport {
  readonly channel = 'sms' as const;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly recordsOnly: boolean;
  constructor(
    private readonly person: Transport,
    private readonly broadcast: Transport,
  ) {
    this.concurrency = person.concurrency;
    this.ratePerSecond = person.ratePerSecond;
    this.recordsOnly = person.recordsOnly;
  }
  send(m: OutgoingMessage): Promise<SendOutcome> {
    return m.recipientKind === 'broadcast'
      ? this.broadcast.send({ ...m, text: m.url ? `${m.subject ?? ''} ${m.url}`.trim() : m.text })
      : this.person.send(m);
  }
  async close(): Promise<void> {
    await Promise.all([this.person.close(), this.broadcast.close()]);
  }
}

/** The 8-bit concatenation reference of a message: stable across retries so parts sent again still join. */
export function referenceOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) & 0xff;
  return h;
}
