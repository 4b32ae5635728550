import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { scanText } from './sensitive-scan.js';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { DomainError } from '../../platform/errors.js';
import { decodeText, detectFormat, extractText } from './extract-text.js';

// '政府信息公开，电话13812345678' encoded in GB18030 (computed with Python's gb18030 codec).
const GB18030_BYTES = new Uint8Array([
  213, 254, 184, 174, 208, 197, 207, 162, 185, 171, 191, 170, 163, 172, 181, 231, 187, 176, 49, 51, 56, 49,
  50, 51, 52, 53, 54, 55, 56,
]);

describe('detectFormat', () => {
  it('uses the extension first, case-insensitively, then the MIME type', () => {
    expect(detectFormat('报告.DOCX')).toBe('docx');
    expect(detectFormat('名单.xlsx', 'application/octet-stream')).toBe('xlsx');
    expect(detectFormat('a.htm')).toBe('html');
    expect(detectFormat('upload', 'text/csv; charset=gbk')).toBe('text');
    expect(detectFormat('scan.pdf')).toBe('pdf');
    expect(detectFormat('old.doc')).toBe('doc');
    expect(detectFormat('公文.OFD')).toBe('ofd');
    expect(detectFormat('photo.jpg')).toBe('unknown');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    const utf8 = new TextEncoder().encode('公开');
    expect(decodeText(utf8)).toBe('公开');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('公开');
  });

  it('falls back to GB18030 when the bytes are not valid UTF-8', () => {
    expect(decodeText(GB18030_BYTES)).toBe('政府信息公开，电话13812345678');
  });

  it('reads UTF-16LE with BOM', () => {
    // '公' U+516C, '开' U+5F00 little-endian.
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x6c, 0x51, 0x00, 0x5f]))).toBe('公开');
  });
});

describe('extractText', () => {
  it('extracts .txt and .csv', async () => {
    expect(await extractText(GB18030_BYTES, '名单.csv')).toEqual({
      text: '政府信息公开，电话13812345678',
      format: 'text',
    });
    expect(await extractText(new TextEncoder().encode('a,b\n1,2'), 'x.txt')).toEqual({
      text: 'a,b\n1,2',
      format: 'text',
    });
  });

  it('extracts .html without scripts', async () => {
    const html =
      '<html><head><title>t</title><script>x()</script></head><body><p>第一段</p><p>电话&nbsp;13812345678</p></body></html>';
    expect(await extractText(new TextEncoder().encode(html), 'page.html')).toEqual({
      text: '第一段\n电话 13812345678',
      format: 'html',
    });
  });

  it('extracts .docx paragraphs and table cells', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('机密★1年')] }),
            new Paragraph({ children: [new TextRun('申请人身份证号'), new TextRun('110101199003074514')] }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('姓名')] }),
                    new TableCell({ children: [new Paragraph('张三')] }),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const buffer = await Packer.toBuffer(doc);
    const r = await extractText(buffer, '决定书.docx');
    expect(r.format).toBe('docx');
    expect(r.unsupported).toBeUndefined();
    const lines = r.text.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual(['机密★1年', '申请人身份证号110101199003074514', '姓名', '张三']);
  });

  it('extracts .xlsx cell values: strings, numbers, dates, formulas, rich text, hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '电话', '日期', '合计']);
    ws.addRow(['张三', 13812345678, new Date(Date.UTC(2023, 0, 2)), { formula: '1+2', result: 3 }]);
    ws.getCell('A3').value = { richText: [{ text: '富' }, { text: '文本' }] };
    ws.getCell('B3').value = { text: '链接', hyperlink: 'https://www.gov.cn/' };
    wb.addWorksheet('空表');
    const buffer = await wb.xlsx.writeBuffer();
    const r = await extractText(new Uint8Array(buffer), '名单.xlsx');
    expect(r).toEqual({
      text: '名单\n姓名\t电话\t日期\t合计\n张三\t13812345678\t2023-01-02\t3\n富文本\t链接\n空表',
      format: 'xlsx',
    });
  });

  it('returns unsupported, with a reason, for images and unknown formats', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await extractText(png, 'photo.png')).toEqual({
      text: '',
      unsupported: true,
      format: 'unknown',
      reason: '该格式无法自动读取文本',
    });
  });

  it('throws text_extraction_failed for a corrupt .docx', async () => {
    const err = await extractText(new TextEncoder().encode('not a zip'), '坏文件.docx').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('text_extraction_failed');
    expect((err as DomainError).details).toMatchObject({ fileName: '坏文件.docx', format: 'docx' });
  });
});

describe('PDF, legacy .doc and OFD', () => {
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

  it('reads the Chinese text layer of a PDF made by LibreOffice (CJK character maps)', async () => {
    const r = await extractText(fixture('notice-libreoffice.pdf'), 'notice.pdf');
    expect(r.format).toBe('pdf');
    expect(r.unsupported).toBeUndefined();
    expect(r.text).toContain('示例市应急管理局关于安全生产检查的通知');
    expect(r.text.replace(/\s/g, '')).toContain('13812345678');
    expect(r.text.replace(/\s/g, '')).toContain('110101199003074514');
  });

  it('the scanner finds the mobile and ID number inside the PDF and the .doc', async () => {
    for (const name of ['notice-libreoffice.pdf', 'notice-libreoffice.doc']) {
      const r = await extractText(fixture(name), name);
      const kinds = scanText(r.text).map((f) => f.kind);
      expect(kinds, name).toContain('mobile');
      expect(kinds, name).toContain('id_number');
    }
  });

  it('reads a legacy Word .doc', async () => {
    const r = await extractText(fixture('notice-libreoffice.doc'), 'notice.doc');
    expect(r.format).toBe('doc');
    expect(r.text).toContain('示例市应急管理局关于安全生产检查的通知');
  });

  it('reads the TextCode runs of an OFD package in page order, unescaping XML', async () => {
    const zip = new PizZip();
    zip.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>');
    const page = (text: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="0 0 100 10" Font="3" Size="5"><ofd:TextCode X="0" Y="5">${text}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`;
    zip.file('Doc_0/Pages/Page_10/Content.xml', page('第二页：联系电话13812345678'));
    zip.file('Doc_0/Pages/Page_2/Content.xml', page('第一页：应急管理&amp;安全生产'));
    const r = await extractText(zip.generate({ type: 'nodebuffer' }), '通知.ofd');
    expect(r.format).toBe('ofd');
    expect(r.text.indexOf('第一页：应急管理&安全生产')).toBeLessThan(r.text.indexOf('第二页'));
    expect(r.text).toContain('13812345678');
  });

  it('a PDF without a text layer is reported as not read, with the reason', async () => {
    const r = await extractText(EMPTY_PDF, 'scan.pdf');
    expect(r.unsupported).toBe(true);
    expect(r.reason).toContain('扫描件');
  });

  it('a corrupt PDF is an extraction error, not a silent empty text', async () => {
    await expect(extractText(new TextEncoder().encode('%PDF-1.4 garbage'), 'bad.pdf')).rejects.toThrow(
      DomainError,
    );
  });
});

/** A one-page PDF with no text (as a scanner without OCR produces, minus the image). */
const EMPTY_PDF = new TextEncoder().encode(
  [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
  ].join('\n'),
);
