import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { enqueueNotification, setTemplateDefaults } from './notify.service.js';
import type { NotifyTemplateDefault } from './notify.rules.js';
import { seedAgency } from './notify.testing.js';
import { SmppTransport, SmtpTransport } from './notify.transports.js';
import { applyReceiptSoon, runNotifyQueue, type Transports } from './notify.worker.js';
import { concatOf, startSmppPeer, startSmtpPeer } from './testing/peers.js';

const TEMPLATES: NotifyTemplateDefault[] = [
  {
    key: 'test.reply',
    channel: 'email',
    name: '答复',
    subject: '政府信息公开申请答复（{{编号}}）',
    body: '{{姓名}}：您的申请{{编号}}已答复，答复书见附件。',
    placeholders: { 姓名: '申请人', 编号: '编号' },
  },
  { key: 'test.sms', channel: 'sms', name: '短信', body: '{{内容}}', placeholders: { 内容: '内容' } },
];

const LETTER = Buffer.from('%PDF-1.4\n% 政府信息公开申请答复书（测试）\n%%EOF\n', 'utf8');
const LONG =
  '示例市气象台发布暴雨红色预警信号：预计未来三小时内全市大部分地区将出现一百毫米以上的降雨，请各单位立即启动应急响应，停止户外作业与集会，'
    .repeat(3)
    .slice(0, 200);

describeEachDialect('notify delivery over SMTP and SMPP', (getDb, dialect) => {
  let ctx: Ctx & { clock: ReturnType<typeof fixedClock> };
  let orgId: string;
  beforeAll(async () => {
    setTemplateDefaults(TEMPLATES);
    const clock = fixedClock('2026-07-01T02:00:00Z');
    ctx = { db: getDb().db, dialect, clock };
    ({ orgId } = await seedAgency(ctx.db, 'dlv', []));
  });
  afterAll(() => setTemplateDefaults(null));

  const enqueue = (over: Partial<Parameters<typeof enqueueNotification>[2]>) =>
    inTransaction(ctx, (trx) =>
      enqueueNotification(trx, ctx.clock, {
        orgId,
        channel: 'email',
        to: 'zhang@example.com',
        recipientKind: 'applicant',
        template: 'test.reply',
        data: { 姓名: '张三', 编号: 'YSQ-2026-0007' },
        idempotencyKey: 'x',
        ...over,
      }),
    );
  const status = (id: string) =>
    ctx.db.selectFrom('notify_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('delivers an e-mail with a Chinese subject, text and HTML, the letter attached and a Message-ID', async () => {
    const peer = await startSmtpPeer();
    const smtp = new SmtpTransport(
      peer.url,
      '示例市应急管理局 <noreply@gk.example.gov.cn>',
      'gk.example.gov.cn',
    );
    try {
      const { id } = await enqueue({
        idempotencyKey: `mail-${dialect}`,
        attachments: [{ filename: '答复书.pdf', contentType: 'application/pdf', content: LETTER }],
      });
      const n = await runNotifyQueue(ctx, new Map([['email', smtp]]));
      expect(n).toBe(1);
      expect(peer.mails).toHaveLength(1);
      const m = peer.mails[0]!;
      expect(m.parsed.subject).toBe('政府信息公开申请答复（YSQ-2026-0007）');
      expect(m.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im); // RFC 2047 encoded-word, never raw UTF-8
      expect(m.parsed.text?.trim()).toBe('张三：您的申请YSQ-2026-0007已答复，答复书见附件。');
      expect(m.parsed.html).toContain('张三');
      expect(m.parsed.messageId).toBe(`<${id}@gk.example.gov.cn>`);
      expect(m.parsed.attachments).toHaveLength(1);
      expect(m.parsed.attachments[0]!.filename).toBe('答复书.pdf');
      expect(m.parsed.attachments[0]!.contentType).toBe('application/pdf');
      expect(Buffer.compare(m.parsed.attachments[0]!.content, LETTER)).toBe(0);
      const row = await status(id);
      expect(row.status).toBe('sent');
      expect(row.external_ref).toBe(`<${id}@gk.example.gov.cn>`);
      // idempotent: running again sends nothing more
      await enqueue({ idempotencyKey: `mail-${dialect}` });
      expect(await runNotifyQueue(ctx, new Map([['email', smtp]]) as Transports)).toBe(0);
      expect(peer.mails).toHaveLength(1);
    } finally {
      await smtp.close();
      await peer.close();
    }
  });

  it('records a mailbox the server refuses (550) as failed at once, without retrying', async () => {
    const peer = await startSmtpPeer({ reject: ['gone@example.com'] });
    const smtp = new SmtpTransport(peer.url, 'noreply@gk.example.gov.cn', 'gk.example.gov.cn');
    try {
      const { id } = await enqueue({ to: 'gone@example.com', idempotencyKey: `bounce-${dialect}` });
      await runNotifyQueue(ctx, new Map([['email', smtp]]));
      const row = await status(id);
      expect(row.status).toBe('failed');
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('550');
    } finally {
      await smtp.close();
      await peer.close();
    }
  });

  it('sends 200 Chinese characters as UCS-2 parts numbered 1..3 and turns delivery receipts into delivered', async () => {
    const peer = await startSmppPeer();
    const transports: Transports = new Map();
    const sms = new SmppTransport(peer.url, {
      onReceipt: (r) => applyReceiptSoon(ctx, r),
      onMobileOriginated: async () => {},
    });
    transports.set('sms', sms);
    try {
      expect(LONG.length).toBe(200);
      const { id } = await enqueue({
        channel: 'sms',
        to: '13800138000',
        template: 'test.sms',
        data: { 内容: LONG },
        idempotencyKey: `sms-${dialect}`,
      });
      await runNotifyQueue(ctx, transports);
      expect(peer.parts).toHaveLength(3);
      const heads = peer.parts.map(concatOf);
      expect(heads.map((h) => h.seq)).toEqual([1, 2, 3]);
      expect(new Set(heads.map((h) => h.total))).toEqual(new Set([3]));
      expect(new Set(heads.map((h) => h.ref)).size).toBe(1);
      for (const p of peer.parts) {
        expect(p.dataCoding).toBe(8);
        expect(p.esmClass & 0x40).toBe(0x40);
        expect(p.to).toBe('8613800138000');
        expect(p.text.length).toBeLessThanOrEqual(67);
      }
      expect(peer.parts.map((p) => p.text).join('')).toBe(LONG);
      // receipts arrive asynchronously
      for (let i = 0; i < 50 && (await status(id)).status !== 'delivered'; i++)
        await new Promise((r) => setTimeout(r, 50));
      const row = await status(id);
      expect(row.status).toBe('delivered');
      expect(row.parts).toBe(3);
    } finally {
      await sms.close();
      await peer.close();
    }
  });

  it('marks an SMS failed when its receipt says undeliverable', async () => {
    const peer = await startSmppPeer({ undeliverable: ['13900139000'] });
    const sms = new SmppTransport(peer.url, {
      onReceipt: (r) => applyReceiptSoon(ctx, r),
      onMobileOriginated: async () => {},
    });
    try {
      const { id } = await enqueue({
        channel: 'sms',
        to: '13900139000',
        template: 'test.sms',
        data: { 内容: '测试' },
        idempotencyKey: `undeliv-${dialect}`,
      });
      await runNotifyQueue(ctx, new Map([['sms', sms]]));
      for (let i = 0; i < 50 && (await status(id)).status === 'sent'; i++)
        await new Promise((r) => setTimeout(r, 50));
      const row = await status(id);
      expect(row.status).toBe('failed');
      expect(row.last_error).toContain('UNDELIV');
    } finally {
      await sms.close();
      await peer.close();
    }
  });

  for (const mode of ['refuse', 'drop'] as const)
    it(`retries with backoff when the SMSC ${mode === 'refuse' ? 'refuses the bind' : 'drops the connection'}, then fails — nothing lost or doubled`, async () => {
      const peer = await startSmppPeer({ mode });
      const sms = new SmppTransport(`${peer.url}&timeout=3000`, {
        onReceipt: async () => {},
        onMobileOriginated: async () => {},
      });
      try {
        const { id } = await enqueue({
          channel: 'sms',
          to: '13700137000',
          template: 'test.sms',
          data: { 内容: '测试短信' },
          idempotencyKey: `${mode}-${dialect}`,
        });
        const seen: string[] = [];
        for (let i = 0; i < 10; i++) {
          await runNotifyQueue(ctx, new Map([['sms', sms]]));
          const row = await status(id);
          seen.push(row.status);
          if (row.status === 'failed') break;
          expect(row.status).toBe('pending');
          expect(row.next_attempt_at! > ctx.clock.now().toISOString()).toBe(true);
          ctx.clock.set(row.next_attempt_at!);
        }
        const row = await status(id);
        expect(row.status).toBe('failed');
        expect(row.attempts).toBe(6);
        expect(row.last_error).toContain('已重试6次');
        expect(peer.parts).toHaveLength(0); // the SMSC never accepted it: nothing delivered, nothing twice
        if (mode === 'drop') expect(peer.submits).toBe(6);
      } finally {
        await sms.close();
        await peer.close();
      }
    });
});
