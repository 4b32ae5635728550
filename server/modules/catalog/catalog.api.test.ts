import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { configureFileStorage, LocalDiskStorage } from '../../platform/storage/storage.js';
import { runDuePublications } from './catalog.jobs.js';
import { transportsOf } from '../notify/notify.module.js';
import { catalogReportFacts } from './catalog.report.js';
import { recountPublicCounts } from './catalog.counts.js';
import { countPublicItems, publicTopics } from './portal/public.repository.js';
import { publicSearch } from '../search/search.service.js';
import { createOrg } from '../orgs/orgs.service.js';
import { createUser } from '../users/users.service.js';
import { systemActor } from '../../platform/actor.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-catalog-'));
configureFileStorage(new LocalDiskStorage(path.join(dataDir, 'files')));

const checklist = {
  stateSecret: { involved: false },
  workSecret: { involved: false },
  commercialSecret: { involved: false },
  privacy: { involved: false },
  sensitive: { involved: false },
};
const PLANTED_ID = '110101199003074514'; // valid check character (see sensitive-scan tests)

function multipart(fileName: string, bytes: Buffer, mime: string) {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function docxWith(text: string): Promise<Buffer> {
  const { Document, Packer, Paragraph } = await import('docx');
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

describeEachDialect(
  'catalog API',
  (getDb) => {
    let t: TestApp;
    let office: Client,
      clerk: Client,
      reviewer: Client,
      leader: Client,
      principal: Client,
      supervisor: Client;
    let columns: {
      id: string;
      code: string;
      name: string;
      secondApproval: boolean;
      parentId: string | null;
      depth: number;
    }[];
    const published: string[] = [];
    const withdrawn: string[] = [];
    const unsubs: (() => void)[] = [];

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      const bus = t.container.events;
      unsubs.push(bus.subscribe('catalog.itemPublished', 'test', (e) => void published.push(e.item.id)));
      unsubs.push(bus.subscribe('catalog.itemWithdrawn', 'test', (e) => void withdrawn.push(e.item.id)));
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      reviewer = await signedIn(t.app, 'reviewer');
      leader = await signedIn(t.app, 'leader');
      principal = await signedIn(t.app, 'principal');
      supervisor = await signedIn(t.app, 'supervisor');
      columns = (await office.get('/api/catalog/columns')).json().columns;
    }, 120_000);
    afterAll(async () => {
      unsubs.forEach((u) => u());
      await t.app.close();
    });

    const col = (code: string) => columns.find((c) => c.code === code)!;
    const item = async (id: string) => (await office.get(`/api/catalog/items/${id}`)).json();

    async function draft(title: string, code = 'tzgg', extra: Record<string, unknown> = {}): Promise<string> {
      const res = await clerk.post('/api/catalog/items', {
        columnId: col(code).id,
        title,
        bodyHtml: `<p>${title}的正文，请各单位认真做好安全生产工作。</p>`,
        generatedOn: '2026-02-27',
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id;
    }

    async function toApproval(id: string): Promise<void> {
      expect((await clerk.post(`/api/catalog/items/${id}/submit`)).statusCode).toBe(200);
      expect((await reviewer.post(`/api/catalog/items/${id}/review/start`)).statusCode).toBe(200);
      const r = await reviewer.post(`/api/catalog/items/${id}/review`, {
        checklist,
        opinion: '不涉密，同意公开',
        decision: 'pass',
      });
      expect(r.statusCode, r.body).toBe(200);
    }

    describe('demo', () => {
      it('seeds the default tree and ~30 published items with 索引号 and history', async () => {
        expect(columns.length).toBeGreaterThan(30);
        expect(Math.max(...columns.map((c) => c.depth))).toBe(3);
        const list = (await office.get('/api/catalog/items?status=published&pageSize=100')).json();
        expect(list.total).toBeGreaterThanOrEqual(30);
        for (const i of list.items) expect(i.indexNumber).toMatch(/^113703000MB158465B\/20(25|26)-\d{5}$/);
        const repealed = list.items.find((i: { validity: string }) => i.validity === 'repealed');
        expect(repealed.docNumber).toBe('示应急发〔2025〕3号');
        const hist = (await office.get(`/api/catalog/items/${repealed.id}/history`)).json().events;
        expect(hist.map((e: { action: string }) => e.action)).toEqual(
          expect.arrayContaining(['create', 'submit', 'review_pass', 'approve', 'publish', 'repeal']),
        );
      });

      it('dashboard shows the late accident report, the stale column and waiting items', async () => {
        const d = (await office.get('/api/catalog/dashboard')).json();
        expect(d.lateItems.map((i: { title: string }) => i.title)).toEqual([
          '示例市某化工有限公司较大中毒窒息事故调查报告',
        ]);
        expect(d.staleColumns.map((c: { column: { name: string } }) => c.column.name)).toEqual(['统计信息']);
        expect(d.blankColumns).toEqual([]);
        const waiting = Object.fromEntries(
          d.waiting.map((w: { state: string; count: number }) => [w.state, w.count]),
        );
        expect(waiting.submitted).toBeGreaterThanOrEqual(1);
        expect(waiting.approving).toBeGreaterThanOrEqual(1);
      });
    });

    describe('submission completeness', () => {
      it('refuses to submit without 成文日期, and a 行政规范性文件 without 文号', async () => {
        const id = await draft('缺少成文日期的通知', 'tzgg', { generatedOn: null });
        const res = await clerk.post(`/api/catalog/items/${id}/submit`);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('generated_on_required');
        const norm = await draft('缺少文号的规范性文件', 'gfxwj', { docKind: 'normative' });
        const res2 = await clerk.post(`/api/catalog/items/${norm}/submit`);
        expect(res2.json().code).toBe('doc_number_required');
        await clerk.patch(`/api/catalog/items/${norm}`, { docNumber: '示应急规〔2026〕9号' });
        expect((await clerk.post(`/api/catalog/items/${norm}/submit`)).statusCode).toBe(200);
      });
    });

    describe('columns', () => {
      it('creates, renames, moves, retires; enforces depth and sibling names', async () => {
        const a = await office.post('/api/catalog/columns', {
          parentId: null,
          code: 't-a',
          name: '测试栏目',
          updateClass: 'dynamic',
        });
        expect(a.statusCode, a.body).toBe(201);
        const dup = await office.post('/api/catalog/columns', {
          parentId: null,
          code: 't-b',
          name: '测试栏目',
          updateClass: 'static',
        });
        expect(dup.json().code).toBe('column_name_taken');
        const gz = col('gz'); // depth 3
        const deep = await office.post('/api/catalog/columns', {
          parentId: gz.id,
          code: 't-c',
          name: '第四级',
          updateClass: 'static',
        });
        expect(deep.json().code).toBe('column_depth_exceeded');
        const ren = await office.patch(`/api/catalog/columns/${a.json().id}`, {
          name: '测试栏目二',
          channels: ['sms'],
        });
        expect(ren.json().name).toBe('测试栏目二');
        expect(ren.json().channels).toEqual(['portal', 'sms']);
        // moving 政策文件 (height 3) under another top column would make 4 levels
        const mv = await office.post(`/api/catalog/columns/${col('zcwj').id}/move`, {
          parentId: a.json().id,
          position: 0,
        });
        expect(mv.json().code).toBe('column_depth_exceeded');
        const mv2 = await office.post(`/api/catalog/columns/${a.json().id}/move`, {
          parentId: null,
          position: 0,
        });
        expect(mv2.json().columns[0].id).toBe(a.json().id);
        const cyc = await office.post(`/api/catalog/columns/${col('zcfg').id}/move`, {
          parentId: col('gz').id,
          position: 0,
        });
        expect(cyc.json().code).toBe('column_move_cycle');
        expect((await office.post(`/api/catalog/columns/${col('zcfg').id}/retire`)).json().code).toBe(
          'column_has_children',
        );
        const ret = await office.post(`/api/catalog/columns/${a.json().id}/retire`);
        expect(ret.json().retired).toBe(true);
        expect(
          (
            await clerk.post('/api/catalog/columns', {
              parentId: null,
              code: 'x',
              name: 'x',
              updateClass: 'static',
            })
          ).statusCode,
        ).toBe(403);
      });
    });

    describe('workflow', () => {
      it('clerk drafts with an attachment → reviewer finds the planted ID → drafter fixes → approve → published', async () => {
        const id = await draft('关于开展危险化学品安全专项整治的通知');
        const bytes = await docxWith(`联系人身份证号 ${PLANTED_ID}，请核实。`);
        const up = multipart(
          '整治方案.docx',
          bytes,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        const res = await clerk.request('POST', `/api/catalog/items/${id}/attachments`, up.body, {
          'content-type': up.contentType,
        });
        expect(res.statusCode, res.body).toBe(201);
        const attId = res.json().id;
        expect(res.json().textExtracted).toBe(true);

        await clerk.post(`/api/catalog/items/${id}/submit`);
        await reviewer.post(`/api/catalog/items/${id}/review/start`);
        let detail = await item(id);
        const finding = detail.working.scanFindings.find((f: { kind: string }) => f.kind === 'id_number');
        expect(finding.source).toBe('attachment:整治方案.docx');
        expect(finding.masked).not.toContain(PLANTED_ID);

        // Pass without dealing with the finding is refused.
        const pass = await reviewer.post(`/api/catalog/items/${id}/review`, {
          checklist,
          opinion: '同意',
          decision: 'pass',
        });
        expect(pass.json().code).toBe('scan_findings_unresolved');
        // Reject returns it to the drafter with the opinion.
        const rej = await reviewer.post(`/api/catalog/items/${id}/review`, {
          checklist: { ...checklist, privacy: { involved: true, note: '附件含身份证号' } },
          opinion: '附件含个人身份证号，请删除后重新提交',
          decision: 'reject',
        });
        expect(rej.statusCode, rej.body).toBe(200);
        detail = rej.json();
        expect(detail.working.state).toBe('draft');
        expect(detail.working.returnedOpinion).toContain('身份证号');

        // Drafter replaces the attachment.
        expect((await clerk.delete(`/api/catalog/items/${id}/attachments/${attId}`)).statusCode).toBe(204);
        const fixed = multipart(
          '整治方案.docx',
          await docxWith('联系人：李某，电话见内网。'),
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        expect(
          (
            await clerk.request('POST', `/api/catalog/items/${id}/attachments`, fixed.body, {
              'content-type': fixed.contentType,
            })
          ).statusCode,
        ).toBe(201);
        await toApproval(id);

        // A clerk cannot approve; a reviewer cannot approve.
        expect((await clerk.post(`/api/catalog/items/${id}/approve`, {})).statusCode).toBe(403);
        expect((await reviewer.post(`/api/catalog/items/${id}/approve`, {})).statusCode).toBe(403);
        const ok = await leader.post(`/api/catalog/items/${id}/approve`, { opinion: '同意发布' });
        expect(ok.statusCode, ok.body).toBe(200);
        detail = ok.json();
        expect(detail.status).toBe('published');
        expect(detail.publishedOn).toBe('2026-03-02');
        expect(detail.indexNumber).toMatch(/^113703000MB158465B\/2026-\d{5}$/);
        expect(published).toContain(id);
        const agencyId = detail.orgId;
        const found = await publicSearch(t.container.ctx, { q: '整治', orgIds: [agencyId], page: 1 });
        expect(found.hits.map((h) => h.title)).toContain('关于开展危险化学品安全专项整治的通知');
        expect(
          detail.deliveries
            .map((d: { channel: string; status: string }) => `${d.channel}:${d.status}`)
            .sort(),
        ).toEqual(['portal:delivered', 'sms:pending', 'wechat:pending']);

        // The releases are posts on the notify queue: with no account configured they are recorded, never
        // claimed as delivered; the recorded post names the item's public page.
        expect((await office.post('/api/catalog/run-due', {})).json().deliveries).toBeGreaterThanOrEqual(2);
        detail = await item(id);
        expect(detail.deliveries.find((d: { channel: string }) => d.channel === 'wechat').status).toBe(
          'recorded',
        );
        const posts = (
          await office.get(`/api/notify/messages?sourceModule=catalog&sourceId=${id}&pageSize=50`)
        ).json().items as { id: string; channel: string; status: string }[];
        expect(posts.map((m) => `${m.channel}:${m.status}`).sort()).toEqual([
          'sms:recorded',
          'wechat:recorded',
        ]);
        const wechatPost = posts.find((m) => m.channel === 'wechat')!;
        const recorded = JSON.parse(
          readFileSync(
            path.join(t.container.config.dataDir, 'outbox', `${wechatPost.id}.wechat.json`),
            'utf8',
          ),
        ) as { url: string };
        expect(recorded.url).toBe(`${t.container.config.publicBaseUrl}/a/shili-yjj/items/${id}`);

        // The public can download the published attachment; not a draft one.
        const pubAtt = detail.publishedAttachments[0].id;
        expect((await t.app.inject({ url: `/files/catalog/${pubAtt}` })).statusCode).toBe(200);
        expect((await t.app.inject({ url: `/files/catalog/${attId}` })).statusCode).toBe(404);

        // Audit log has every step.
        const audit = await t.container.ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('target_id', '=', id)
          .execute();
        expect(audit.map((a) => a.action)).toEqual(
          expect.arrayContaining([
            'catalog.item.create',
            'catalog.attachment.add',
            'catalog.item.submit',
            'catalog.item.start_review',
            'catalog.item.review_reject',
            'catalog.attachment.remove',
            'catalog.item.review_pass',
            'catalog.item.approve',
            'catalog.item.publish',
          ]),
        );

        // Word documents parse back.
        const form = await office.get(`/api/catalog/items/${id}/review-form.docx`);
        expect(form.statusCode).toBe(200);
        const formText = (await mammoth.extractRawText({ buffer: form.rawPayload })).value;
        expect(formText).toContain('信息发布保密审查表');
        expect(formText).toContain('是否涉及个人隐私');
        expect(formText).toContain('不涉密，同意公开');
        expect(formText).toContain('同意发布');
        // Signatures and dates are left blank for signing by hand; no "同意发布：同意发布。" echo.
        expect(formText).not.toMatch(/同意发布：同意发布/);
        expect(formText).toContain('审查人签字');
        expect(formText).toContain('分管领导签字');
        expect(formText).not.toContain(detail.reviews[0].reviewerName);
        const firstForm = await office.get(
          `/api/catalog/items/${id}/review-form.docx?reviewId=${detail.reviews[0].id}`,
        );
        const firstText = (await mammoth.extractRawText({ buffer: firstForm.rawPayload })).value;
        expect(firstText).toContain('附件含个人身份证号');
        expect(firstText).not.toContain(PLANTED_ID);
        const meta = await office.get(`/api/catalog/items/${id}/metadata.docx`);
        const metaText = (await mammoth.extractRawText({ buffer: meta.rawPayload })).value;
        expect(metaText).toContain(detail.indexNumber);
        expect(metaText).toContain('2026年3月2日');

        // Withdraw: vanishes (listeners told), pending deliveries cancelled, record stays.
        expect((await office.post(`/api/catalog/items/${id}/withdraw`, { reason: '' })).json().code).toBe(
          'withdraw_reason_required',
        );
        const wd = await office.post(`/api/catalog/items/${id}/withdraw`, { reason: '内容需要调整' });
        expect(wd.json().status).toBe('withdrawn');
        expect(withdrawn).toContain(id);
        const gone = await publicSearch(t.container.ctx, { q: '整治', orgIds: [agencyId], page: 1 });
        expect(gone.hits.map((h) => h.title)).not.toContain('关于开展危险化学品安全专项整治的通知');
        expect((await t.app.inject({ url: `/files/catalog/${pubAtt}` })).statusCode).toBe(404);
        expect(
          (await office.post(`/api/catalog/items/${id}/withdraw`, { reason: '再次撤回' })).json().code,
        ).toBe('invalid_transition');
      });

      it('overrides a finding with a reason and the release scan accepts it', async () => {
        const id = await draft('关于公布举报电话的通告', 'tzgg', {
          bodyHtml: '<p>举报电话：13800138000（值班手机）。</p>',
        });
        await clerk.post(`/api/catalog/items/${id}/submit`);
        await reviewer.post(`/api/catalog/items/${id}/review/start`);
        const fp = (await item(id)).working.scanFindings[0].fingerprint;
        const noReason = await reviewer.post(`/api/catalog/items/${id}/review`, {
          checklist,
          opinion: '同意',
          decision: 'pass',
          overrides: [{ fingerprint: fp, reason: '' }],
        });
        expect(noReason.json().code).toBe('override_reason_required');
        const ok = await reviewer.post(`/api/catalog/items/${id}/review`, {
          checklist,
          opinion: '同意',
          decision: 'pass',
          overrides: [{ fingerprint: fp, reason: '公开的值班举报电话' }],
        });
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().overrides[0].reason).toBe('公开的值班举报电话');
        expect((await leader.post(`/api/catalog/items/${id}/approve`, {})).json().status).toBe('published');
      });

      it('two-level columns need the principal; a leader cannot do level 2', async () => {
        const id = await draft('示例市应急管理局关于加强有限空间作业安全管理的通知', 'gfxwj', {
          docNumber: '示应急规(2026)1号',
          docKind: 'normative',
        });
        expect((await item(id)).working.docNumber).toBe('示应急规〔2026〕1号');
        await toApproval(id);
        const l1 = await leader.post(`/api/catalog/items/${id}/approve`, {});
        expect(l1.json().working.state).toBe('approving_principal');
        const again = await leader.post(`/api/catalog/items/${id}/approve`, {});
        expect(again.json().code).toBe('principal_required');
        const l2 = await principal.post(`/api/catalog/items/${id}/approve`, { opinion: '同意' });
        expect(l2.json().status).toBe('published');
        expect(l2.json().approvals.map((a: { level: number }) => a.level)).toEqual([1, 2]);

        // 废止 once; the second is rejected.
        const rep = await office.post(`/api/catalog/items/${id}/validity`, {
          validity: 'repealed',
          date: '2026-03-02',
        });
        expect(rep.json().validity).toBe('repealed');
        const rep2 = await office.post(`/api/catalog/items/${id}/validity`, {
          validity: 'repealed',
          date: '2026-03-02',
        });
        expect(rep2.json().code).toBe('already_repealed');
        const future = await office.post(`/api/catalog/items/${(await item(id)).id}/validity`, {
          validity: 'invalid',
          date: '2027-01-01',
        });
        expect(future.statusCode).toBe(409);
      });

      it('refuses forbidden transitions with codes', async () => {
        const id = await draft('禁止的流转');
        // cannot approve / review a draft
        expect((await leader.post(`/api/catalog/items/${id}/approve`, {})).json().code).toBe(
          'invalid_transition',
        );
        expect((await reviewer.post(`/api/catalog/items/${id}/review/start`)).json().code).toBe(
          'invalid_transition',
        );
        await clerk.post(`/api/catalog/items/${id}/submit`);
        // cannot edit a submitted draft, nor submit twice
        expect((await clerk.patch(`/api/catalog/items/${id}`, { title: '改' })).json().code).toBe(
          'invalid_transition',
        );
        expect((await clerk.post(`/api/catalog/items/${id}/submit`)).json().code).toBe('invalid_transition');
        // the drafter recalls it
        expect((await clerk.post(`/api/catalog/items/${id}/recall`)).json().working.state).toBe('draft');
        // back-dating: publishAt in the past, 成文日期 in the future
        expect(
          (await clerk.patch(`/api/catalog/items/${id}`, { publishAt: '2026-03-01T00:00:00Z' })).json().code,
        ).toBe('publish_at_in_past');
        expect(
          (await clerk.patch(`/api/catalog/items/${id}`, { generatedOn: '2026-03-05' })).json().code,
        ).toBe('generated_on_in_future');
        // bad attachment type and disguised file
        const exe = multipart('setup.exe', Buffer.from('MZ....'), 'application/octet-stream');
        expect(
          (
            await clerk.request('POST', `/api/catalog/items/${id}/attachments`, exe.body, {
              'content-type': exe.contentType,
            })
          ).json().code,
        ).toBe('attachment_type_not_allowed');
        const fake = multipart('a.pdf', Buffer.from('MZ not a pdf'), 'application/pdf');
        expect(
          (
            await clerk.request('POST', `/api/catalog/items/${id}/attachments`, fake.body, {
              'content-type': fake.contentType,
            })
          ).json().code,
        ).toBe('attachment_type_mismatch');
        // withdrawing an unpublished item, 废止 of an unpublished item, new revision of an unpublished item
        expect(
          (await office.post(`/api/catalog/items/${id}/withdraw`, { reason: '测试撤回' })).json().code,
        ).toBe('invalid_transition');
        expect(
          (
            await office.post(`/api/catalog/items/${id}/validity`, {
              validity: 'repealed',
              date: '2026-03-02',
            })
          ).json().code,
        ).toBe('not_published');
        expect((await clerk.post(`/api/catalog/items/${id}/revisions`, {})).json().code).toBe(
          'not_published',
        );
        // a supervisor reads but never writes
        expect((await supervisor.get(`/api/catalog/items/${id}`)).statusCode).toBe(200);
        expect((await supervisor.post(`/api/catalog/items/${id}/submit`)).statusCode).toBe(403);
      });

      it('a reviewer cannot review their own draft', async () => {
        const id = await draft('办公室起草的信息');
        // office drafts too; give the reviewer a draft of their own via the office? Reviewers lack catalog.draft:
        expect(
          (await reviewer.post('/api/catalog/items', { columnId: col('tzgg').id, title: 'x' })).statusCode,
        ).toBe(403);
        await clerk.post(`/api/catalog/items/${id}/submit`);
        expect((await reviewer.post(`/api/catalog/items/${id}/review/start`)).statusCode).toBe(200);
      });

      it('a published item changes only through a new revision that is reviewed again', async () => {
        const id = await draft('修订测试通知');
        await toApproval(id);
        const first = (await leader.post(`/api/catalog/items/${id}/approve`, {})).json();
        expect((await clerk.patch(`/api/catalog/items/${id}`, { title: '直接修改' })).json().code).toBe(
          'no_open_revision',
        );
        const rev = await clerk.post(`/api/catalog/items/${id}/revisions`, { changeNote: '更正联系方式' });
        expect(rev.json().working.revisionNo).toBe(2);
        expect((await clerk.post(`/api/catalog/items/${id}/revisions`, {})).json().code).toBe(
          'revision_open',
        );
        await clerk.patch(`/api/catalog/items/${id}`, { title: '修订测试通知（更正）' });
        // the public still sees the first version
        expect((await item(id)).title).toBe('修订测试通知');
        await toApproval(id);
        const second = (await leader.post(`/api/catalog/items/${id}/approve`, {})).json();
        expect(second.title).toBe('修订测试通知（更正）');
        expect(second.indexNumber).toBe(first.indexNumber); // immutable
        expect(second.publishedOn).toBe(first.publishedOn); // never moved
        expect(second.published.revisionNo).toBe(2);
      });

      it('retries a failing channel with backoff and never marks it delivered', async () => {
        const transports = transportsOf(t.container);
        const weibo = transports.get('weibo')!;
        const wechat = transports.get('wechat')!;
        const failing = (channel: 'weibo' | 'wechat', error: string, retryable: boolean) => ({
          channel,
          concurrency: 1,
          ratePerSecond: 100,
          recordsOnly: false,
          send: async () => ({ outcome: 'failed' as const, error, retryable }),
          close: async () => {},
        });
        transports.set('weibo', failing('weibo', '网关超时', true));
        transports.set('wechat', failing('wechat', '公众号未授权', false));
        try {
          const id = await draft('工作动态：渠道重试', 'gzdt');
          await toApproval(id);
          await leader.post(`/api/catalog/items/${id}/approve`, {});
          await office.post('/api/catalog/run-due', {});
          const d = (await item(id)).deliveries.find((x: { channel: string }) => x.channel === 'weibo');
          expect(d.status).toBe('pending');
          expect(d.attempts).toBe(1);
          expect(d.lastError).toBe('网关超时');
          expect(d.nextAttemptAt).toBe('2026-03-02T02:00:30.000Z');
          const w = (await item(id)).deliveries.find((x: { channel: string }) => x.channel === 'wechat');
          expect(w.status).toBe('failed');
          expect(w.lastError).toBe('公众号未授权');
          // not due yet: a second run does not retry
          await office.post('/api/catalog/run-due', {});
          expect(
            (await item(id)).deliveries.find((x: { channel: string }) => x.channel === 'weibo').attempts,
          ).toBe(1);
        } finally {
          transports.set('weibo', weibo);
          transports.set('wechat', wechat);
        }
      });

      it('keeps the portal counters in step with publishing, revising, 失效 and withdrawal', async () => {
        const db = t.container.ctx.db;
        const agencyId = (
          await db.selectFrom('orgs').select('id').where('code', '=', 'shili-yjj').executeTakeFirstOrThrow()
        ).id;
        const snapshot = async () => ({
          counts: (
            await db.selectFrom('catalog_public_counts').selectAll().where('org_id', '=', agencyId).execute()
          )
            .map((r) => `${r.column_id}|${r.year}|${r.validity}|${r.topic}|${Number(r.n)}`)
            .sort(),
          facets: (
            await db.selectFrom('catalog_public_facets').selectAll().where('org_id', '=', agencyId).execute()
          )
            .map((r) => `${r.facet}|${r.value}|${Number(r.n)}`)
            .sort(),
        });
        const expectRecounted = async (step: string) => {
          const maintained = await snapshot();
          await db.transaction().execute((trx) => recountPublicCounts(trx, agencyId));
          expect(maintained, step).toEqual(await snapshot());
        };
        const gzdt = () => countPublicItems(db, agencyId, { columnIds: [col('gzdt').id] });
        const id = await draft('计数测试：首次发布', 'tzgg', { topic: '计数甲' });
        await toApproval(id);
        expect((await leader.post(`/api/catalog/items/${id}/approve`, {})).json().status).toBe('published');
        await expectRecounted('published');
        expect(await publicTopics(db, agencyId)).toContain('计数甲');
        const before = await gzdt();

        expect(
          (await clerk.post(`/api/catalog/items/${id}/revisions`, { changeNote: '改栏目' })).statusCode,
        ).toBe(200);
        const patched = await clerk.patch(`/api/catalog/items/${id}`, {
          columnId: col('gzdt').id,
          topic: '计数乙',
        });
        expect(patched.statusCode, patched.body).toBe(200);
        await toApproval(id);
        await leader.post(`/api/catalog/items/${id}/approve`, {});
        await expectRecounted('revised into another column and topic');
        expect(await gzdt()).toBe(before + 1);
        expect(await publicTopics(db, agencyId)).not.toContain('计数甲');

        const v = await office.post(`/api/catalog/items/${id}/validity`, {
          validity: 'invalid',
          date: '2026-03-02',
        });
        expect(v.statusCode, v.body).toBe(200);
        await expectRecounted('失效');
        expect(
          await countPublicItems(db, agencyId, { columnIds: [col('gzdt').id], validity: 'invalid' }),
        ).toBeGreaterThan(0);

        expect(
          (await office.post(`/api/catalog/items/${id}/withdraw`, { reason: '测试撤回' })).statusCode,
        ).toBe(200);
        await expectRecounted('withdrawn');
        expect(await gzdt()).toBe(before);
      });

      it('schedules publication and the runner publishes when due', async () => {
        const id = await draft('定时发布的通知', 'tzgg', { publishAt: '2026-03-03T01:00:00Z' });
        await toApproval(id);
        const ap = (await leader.post(`/api/catalog/items/${id}/approve`, {})).json();
        expect(ap.status).toBe('scheduled');
        expect(await runDuePublications(t.container.ctx)).toBe(0);
        t.clock.set('2026-03-03T01:00:01Z');
        expect(await runDuePublications(t.container.ctx)).toBe(1);
        t.clock.set('2026-03-02T02:00:00Z');
        const after = await item(id);
        expect(after.status).toBe('published');
        expect(after.publishedOn).toBe('2026-03-03');
      });
    });

    describe('agencies', () => {
      it("a reviewer cannot act on another agency's item", async () => {
        const ctx = t.container.ctx;
        const sys = systemActor('测试');
        const gov = await ctx.db
          .selectFrom('orgs')
          .selectAll()
          .where('code', '=', 'shili-gov')
          .executeTakeFirstOrThrow();
        const other = await createOrg(ctx, sys, {
          parentId: gov.id,
          kind: 'department',
          code: 'other-ju',
          name: '示例市其他局',
          creditCode: '11370300MB1234567X',
        }).catch(async () =>
          createOrg(ctx, sys, {
            parentId: gov.id,
            kind: 'department',
            code: 'other-ju',
            name: '示例市其他局',
          }),
        );
        await createUser(ctx, sys, {
          username: 'other-rev',
          displayName: '外局审查',
          orgId: other.id,
          divisionId: null,
          roles: ['reviewer'],
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        });
        const otherReviewer = await signedIn(t.app, 'other-rev');
        const id = await draft('本局信息');
        await clerk.post(`/api/catalog/items/${id}/submit`);
        expect((await otherReviewer.post(`/api/catalog/items/${id}/review/start`)).statusCode).toBe(403);
        expect((await otherReviewer.get(`/api/catalog/items/${id}`)).statusCode).toBe(403);
      });
    });

    describe('console list and live scan', () => {
      it('filters the item list by year: 发布日期, or the drafting year for never-published items', async () => {
        const id = await draft('年份筛选的草稿'); // drafted 2026-03-02 (China date)
        const list = async (q: string) => (await office.get(`/api/catalog/items?pageSize=100${q}`)).json();
        const y26 = await list('&year=2026');
        expect(y26.items.map((i: { id: string }) => i.id)).toContain(id);
        for (const i of y26.items)
          expect(i.publishedOn === null || i.publishedOn.startsWith('2026-')).toBe(true);
        const y25 = await list('&year=2025&status=published');
        expect(y25.total).toBeGreaterThan(0);
        for (const i of y25.items) expect(i.publishedOn).toMatch(/^2025-/);
        expect((await list('&year=2025')).items.map((i: { id: string }) => i.id)).not.toContain(id);
        // Every item falls in exactly one year.
        const all = await list('');
        let sum = 0;
        for (let y = 2020; y <= 2027; y++) sum += (await list(`&year=${y}`)).total;
        expect(sum).toBe(all.total);
        for (const bad of ['1999', '2101', 'abc'])
          expect((await office.get(`/api/catalog/items?year=${bad}`)).statusCode, bad).toBe(400);
      });

      it('scans unsaved text and uploaded attachments without writing anything', async () => {
        const db = t.container.ctx.db;
        const id = await draft('实时扫描测试');
        const up = multipart(
          '名单.docx',
          await docxWith(`联系人身份证号 ${PLANTED_ID}`),
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        const att = (
          await clerk.request('POST', `/api/catalog/items/${id}/attachments`, up.body, {
            'content-type': up.contentType,
          })
        ).json();
        const rows = async () => {
          const n = async (table: 'audit_log' | 'catalog_item_events' | 'catalog_item_revisions') =>
            Number(
              (
                await db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            );
          const rev = await db
            .selectFrom('catalog_item_revisions')
            .select(['scan_findings', 'scanned_at', 'updated_at'])
            .where('item_id', '=', id)
            .executeTakeFirstOrThrow();
          return [
            await n('audit_log'),
            await n('catalog_item_events'),
            await n('catalog_item_revisions'),
            rev,
          ];
        };
        const before = await rows();

        const res = await clerk.post('/api/catalog/scan', {
          title: '关于某某的通知',
          bodyHtml: `<p>请联系 13812345678，身份证 ${PLANTED_ID}</p>`,
          attachmentIds: [att.id],
          itemId: id,
        });
        expect(res.statusCode, res.body).toBe(200);
        const scan = res.json();
        const sources = scan.findings.map((f: { kind: string; source: string }) => `${f.kind}@${f.source}`);
        expect(sources).toEqual(expect.arrayContaining(['id_number@body', 'id_number@attachment:名单.docx']));
        expect(scan.unresolved).toBe(scan.findings.length);
        expect(JSON.stringify(scan)).not.toContain(PLANTED_ID);
        // A new item has no id yet: text alone works too.
        const bare = await clerk.post('/api/catalog/scan', {
          title: '无敏感信息的标题',
          bodyHtml: '<p>正常内容</p>',
        });
        expect(bare.json()).toEqual({ findings: [], unresolved: 0, unscannedAttachments: [] });
        expect(await rows()).toEqual(before);

        // Access: drafting permission, own agency, CSRF like every write.
        expect((await reviewer.post('/api/catalog/scan', { title: 'x' })).statusCode).toBe(403);
        expect(
          (await clerk.post('/api/catalog/scan', { title: 'x', attachmentIds: ['nope'] })).statusCode,
        ).toBe(404);
        expect((await clerk.post('/api/catalog/scan', { title: 'x', itemId: 'nope' })).statusCode).toBe(404);
        const noCsrf = await clerk.request(
          'POST',
          '/api/catalog/scan',
          { title: 'x' },
          { 'x-csrf-token': '' },
        );
        expect(noCsrf.statusCode).toBe(403);
        const sys = systemActor('测试');
        const gov = await db
          .selectFrom('orgs')
          .selectAll()
          .where('code', '=', 'shili-gov')
          .executeTakeFirstOrThrow();
        const other =
          (await db.selectFrom('orgs').selectAll().where('code', '=', 'scan-ju').executeTakeFirst()) ??
          (await createOrg(t.container.ctx, sys, {
            parentId: gov.id,
            kind: 'department',
            code: 'scan-ju',
            name: '示例市扫描测试局',
          }));
        await createUser(t.container.ctx, sys, {
          username: 'scan-clerk',
          displayName: '外局起草',
          orgId: other.id,
          divisionId: null,
          roles: ['clerk'],
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        });
        const otherClerk = await signedIn(t.app, 'scan-clerk');
        const foreign = await otherClerk.post('/api/catalog/scan', { title: 'x', attachmentIds: [att.id] });
        expect(foreign.statusCode).toBe(404);
        expect((await otherClerk.post('/api/catalog/scan', { title: 'x', itemId: id })).statusCode).toBe(404);
      });
    });

    describe('report facts', () => {
      it('counts documents, columns and channels for a year', async () => {
        const agency = await t.container.ctx.db
          .selectFrom('orgs')
          .selectAll()
          .where('code', '=', 'shili-yjj')
          .executeTakeFirstOrThrow();
        // The demo is dated relative to today (2026-03-02 here): 2 规范性文件 published in 2025 (330 and
        // 200 days ago), the revised one in 2025-12 too; the old one repealed in 2026-01.
        const f = await catalogReportFacts(t.container.ctx, agency.id, 2025);
        expect(f.documents.normativeDoc.published.count).toBe(3);
        expect(f.documents.normativeDoc.issued.count).toBe(3);
        expect(f.documents.normativeDoc.repealed.count).toBe(0); // repealed in 2026
        expect(f.documents.normativeDoc.inForce.count).toBe(3);
        const f26 = await catalogReportFacts(t.container.ctx, agency.id, 2026);
        expect(f26.documents.normativeDoc.repealed.count).toBeGreaterThanOrEqual(1);
        expect(f.publishedTotal).toBeGreaterThan(20);
        expect(f.publishedByColumn.reduce((s, c) => s + c.count, 0)).toBe(f.publishedTotal);
        expect(f.publishedByChannel.portal).toBe(f.publishedTotal);
        // The demo's WeChat deliveries are only recorded (no gateway configured): they are not releases (issue 17).
        expect(f.publishedByChannel.wechat ?? 0).toBe(0);
        const counts = (await office.get('/api/catalog/channel-counts?year=2025')).json();
        expect(counts.counts.portal).toBe(f.publishedTotal);
        expect(existsSync(dataDir)).toBe(true);
      });
    });
  },
  { seeded: true },
);
