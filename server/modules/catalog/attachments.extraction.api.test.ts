/**
 * What happens to the text of an uploaded attachment (issue 15): PDF, legacy .doc and OFD are read for the
 * 保密审查 scan and search; a file that cannot be read says so — to the drafter on upload and to the
 * reviewer in the scan — and is never taken as an empty, clean text.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A one-page PDF with no text layer (a scan without OCR, minus the image). */
const SCANNED_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
  ].join('\n'),
);

function ofd(text: string): Buffer {
  const zip = new PizZip();
  zip.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>');
  zip.file(
    'Doc_0/Pages/Page_0/Content.xml',
    `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject><ofd:TextCode X="0" Y="5">${text}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
  );
  return zip.generate({ type: 'nodebuffer' });
}

describeEachDialect(
  'catalog attachments: text read from PDF, .doc and OFD; unreadable files named',
  (getDb) => {
    let t: TestApp;
    let clerk: Client;
    let reviewer: Client;
    let columnId: string;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      const office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      reviewer = await signedIn(t.app, 'reviewer');
      columnId = (await office.get('/api/catalog/columns'))
        .json()
        .columns.find((c: { code: string }) => c.code === 'tzgg').id;
    }, 120_000);

    async function upload(id: string, fileName: string, bytes: Buffer) {
      const boundary = '----gk' + Math.random().toString(16).slice(2);
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await clerk.request('POST', `/api/catalog/items/${id}/attachments`, body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ textExtracted: boolean; extractNote: string | null; extractFormat: string }>();
    }

    it('reads PDF, .doc and OFD; a scan and a broken file are named as not read, and the scan says so', async () => {
      const created = await clerk.post('/api/catalog/items', {
        columnId,
        title: '关于开展安全生产检查的通知',
        bodyHtml: '<p>请各单位做好安全生产检查工作。</p>',
        generatedOn: '2026-02-27',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id: string = created.json().id;

      const pdf = await upload(id, '检查通知.pdf', fixture('notice-libreoffice.pdf'));
      expect(pdf).toMatchObject({ textExtracted: true, extractNote: null, extractFormat: 'pdf' });
      const doc = await upload(id, '检查通知.doc', fixture('notice-libreoffice.doc'));
      expect(doc).toMatchObject({ textExtracted: true, extractFormat: 'doc' });
      const o = await upload(id, '检查通知.ofd', ofd('联系电话13912345678'));
      expect(o).toMatchObject({ textExtracted: true, extractFormat: 'ofd' });

      const scan = await upload(id, '扫描件.pdf', SCANNED_PDF);
      expect(scan.textExtracted).toBe(false);
      expect(scan.extractNote).toContain('扫描件');
      expect(scan.extractNote).toContain('未经机器扫描');
      // A file that claims to be a Word .doc but is not one: 无法读取, never an empty clean text.
      const broken = await upload(
        id,
        '损坏.doc',
        Buffer.concat([fixture('notice-libreoffice.doc').subarray(0, 512)]),
      );
      expect(broken.textExtracted).toBe(false);
      expect(broken.extractNote).toMatch(/无法读取|没有可读取的文字/);

      await clerk.post(`/api/catalog/items/${id}/submit`);
      expect((await reviewer.post(`/api/catalog/items/${id}/review/start`)).statusCode).toBe(200);
      const detail = (await reviewer.get(`/api/catalog/items/${id}`)).json();
      const sources = detail.working.scanFindings.map((f: { source: string }) => f.source);
      // The mobile and ID number inside the PDF and the .doc, the mobile inside the OFD, were found.
      expect(sources).toEqual(
        expect.arrayContaining([
          'attachment:检查通知.pdf',
          'attachment:检查通知.doc',
          'attachment:检查通知.ofd',
        ]),
      );
      const unread = detail.attachments
        .filter((a: { textExtracted: boolean }) => !a.textExtracted)
        .map((a: { fileName: string; extractNote: string }) => [a.fileName, Boolean(a.extractNote)]);
      expect(unread).toEqual([
        ['扫描件.pdf', true],
        ['损坏.doc', true],
      ]);
    });
  },
  { seeded: true },
);
