import { beforeAll, expect, it } from 'vitest';
import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, Client, type TestApp } from '../../../test/http.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';

const ID = (() => {
  const first17 = '37030219850312001';
  return first17 + idCardCheckChar(first17);
})();

const intake = {
  channel: 'in_person',
  applicantType: 'natural',
  applicantName: '王五',
  idDocType: 'resident_id',
  idNumber: ID,
  phone: '13800138000',
  description: '2026年示例市危险化学品企业名单。',
  requestedForm: 'electronic',
  deliveryMethod: 'post',
  address: '示例市人民路1号',
  submittedAt: '2026-03-02',
};

/** The starter file with its document.xml edited as an agency would in Word. */
function edited(starter: Buffer, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(starter);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' });
}

describeEachDialect(
  'requests: agencies’ own Word layouts (文书模板 → Word版式)',
  (getDb) => {
    let t: TestApp;
    let office: Client;
    let clerk: Client;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
    }, 60_000);

    function upload(client: Client, kind: string, name: string, bytes: Buffer) {
      const boundary = '----gk' + Math.random().toString(16).slice(2);
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return client.request('POST', `/api/requests/word-templates/${kind}`, body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    }

    async function receiptOf(caseId: string): Promise<Buffer> {
      const detail = (await office.get(`/api/requests/${caseId}`)).json();
      const letter = await office.get(detail.letters[0].downloadUrl);
      expect(letter.statusCode).toBe(200);
      return letter.rawPayload;
    }

    async function receiptText(): Promise<{ text: string; bytes: Buffer; caseId: string }> {
      const res = await office.post('/api/requests', intake);
      expect(res.statusCode, res.body).toBe(201);
      const caseId: string = res.json().case.id;
      const bytes = await receiptOf(caseId);
      return { text: (await mammoth.extractRawText({ buffer: bytes })).value, bytes, caseId };
    }

    it('an uploaded layout is checked, used for the next letters, audited, and removable', async () => {
      const starter = await office.get('/api/requests/word-templates/receipt/starter');
      expect(starter.statusCode).toBe(200);
      expect(starter.headers['content-type']).toContain('wordprocessingml');
      const starterText = (await mammoth.extractRawText({ buffer: starter.rawPayload })).value;
      for (const tag of ['{机关名称}', '{文号}', '{标题}', '{抬头}', '{#正文段落}', '{段落}', '{日期}'])
        expect(starterText).toContain(tag);

      // The agency adds its own line to the 红头 and a placeholder of its own kind.
      const mine = edited(starter.rawPayload, (xml) =>
        xml.replace('（印章）', '示例市应急管理局办公室（盖章处）查询码：{查询码}'),
      );
      const saved = await upload(office, 'receipt', '我局受理回执.docx', mine);
      expect(saved.statusCode, saved.body).toBe(201);
      expect(saved.json()).toMatchObject({
        kind: 'receipt',
        kindLabel: '受理回执',
        fileName: '我局受理回执.docx',
      });
      expect(saved.json().placeholders).toContain('查询码');

      const list = (await clerk.get('/api/requests/word-templates')).json();
      expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['receipt']);
      expect(list.kinds.find((k: { kind: string }) => k.kind === 'reply').placeholders).not.toContain(
        '查询码',
      );
      const back = await clerk.get('/api/requests/word-templates/receipt/file');
      expect(Buffer.compare(back.rawPayload, mine)).toBe(0);

      const withLayout = await receiptText();
      expect(withLayout.text).toContain('示例市应急管理局办公室（盖章处）');
      expect(withLayout.text).toContain('政府信息公开申请受理回执');
      expect(withLayout.text).toContain('王五：');
      // Quoted without its own full stop, paragraphs kept apart, every placeholder filled.
      expect(withLayout.text).toContain('“2026年示例市危险化学品企业名单”。');
      expect(withLayout.text).not.toMatch(/\{[^}]*\}/);
      const paragraphs = withLayout.text.split('\n').filter((l) => l.trim());
      expect(
        paragraphs.filter((p) => p.startsWith('依据《中华人民共和国政府信息公开条例》第三十一条')),
      ).toHaveLength(1);

      const audit = await t.container.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', 'in', ['request.word_template_upload', 'request.word_template_remove'])
        .execute();
      expect(audit).toEqual([{ action: 'request.word_template_upload', target_id: 'receipt:word' }]);

      // Removed: the built-in layout again; the letter issued before keeps its layout.
      expect((await clerk.delete('/api/requests/word-templates/receipt')).statusCode).toBe(403);
      expect((await office.delete('/api/requests/word-templates/receipt')).statusCode).toBe(204);
      expect((await office.delete('/api/requests/word-templates/receipt')).json().code).toBe('not_found');
      const builtIn = await receiptText();
      expect(builtIn.text).not.toContain('盖章处');
      expect(builtIn.text).toContain('（印章）');
      const again = await receiptOf(withLayout.caseId);
      expect(Buffer.compare(again, withLayout.bytes)).toBe(0);
      const removed = await t.container.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'request.word_template_remove')
        .execute();
      expect(removed).toHaveLength(1);
    });

    it('refuses bad files with a Chinese reason and a code, and only administrators may upload', async () => {
      const starter = (await office.get('/api/requests/word-templates/reply/starter')).rawPayload;
      const refused = async (name: string, bytes: Buffer, code: string, words: string) => {
        const res = await upload(office, 'reply', name, bytes);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe(code);
        expect(res.json().detail).toContain(words);
      };
      await refused(
        '答复.docx',
        Buffer.from('这不是Word文件'),
        'word_template_not_docx',
        '不是有效的Word文档',
      );
      await refused('答复.doc', starter, 'word_template_not_docx', '另存为 .docx');
      await refused(
        '答复.docx',
        edited(starter, (x) => x.replace('{文号}', '{查询码}')),
        'word_template_unknown_placeholder',
        '{查询码}',
      );
      await refused(
        '答复.docx',
        edited(starter, (x) => x.replace('{文号}', '{文号')),
        'word_template_syntax',
        '占位符格式有误',
      );
      await refused(
        '答复.docx',
        edited(starter, (x) => x.replace('{标题}', '答复')),
        'word_template_missing_placeholder',
        '{标题}',
      );
      // The body loop written inline would run every paragraph together.
      const inline = edited(starter, (x) =>
        x
          .replace('{#正文段落}', '')
          .replace('{/正文段落}', '')
          .replace('{段落}', '{#正文段落}{段落}{/正文段落}'),
      );
      await refused('答复.docx', inline, 'word_template_loop_inline', '各占一段');
      await refused('答复.docx', Buffer.alloc(6 * 1024 * 1024, 1), 'word_template_too_large', '5MB');
      const byClerk = await upload(clerk, 'reply', '答复.docx', starter);
      expect(byClerk.statusCode).toBe(403);
      const badKind = await upload(office, 'memo', '答复.docx', starter);
      expect(badKind.json().code).toBe('invalid_letter_kind');
      expect((await office.get('/api/requests/word-templates')).json().items).toEqual([]);
    });
  },
  { seeded: true },
);
