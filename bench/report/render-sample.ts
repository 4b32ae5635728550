/**
 * Renders the sample report (fake ledger of a plausible agency, 2025) into docs/annual-report/ as
 * .docx/.xlsx/.html/.svg; then `libreoffice --headless --convert-to pdf` and `pdftoppm -png -r 70`
 * give the PNG pages that docs/annual-report/README.md shows.
 *   npx tsx bench/report/render-sample.ts [outDir]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatForYear } from '../../server/modules/annual-report/formats/registry.js';
import { generateReport } from '../../server/modules/annual-report/generator.js';
import { renderOutput, OUTPUT_KINDS } from '../../server/modules/annual-report/render/index.js';
import { toReportDocument } from '../../server/modules/annual-report/render/model.js';
import { fakeFacts, sampleLedger } from '../../server/modules/annual-report/testing/fake-sources.js';

const out = process.argv[2] ?? 'docs/annual-report';
mkdirSync(out, { recursive: true });
const year = 2025;
const format = formatForYear(year);
const facts = fakeFacts(sampleLedger(), year);
const r = generateReport({
  format,
  year,
  agencyName: '示例市应急管理局',
  facts,
  texts: {
    five: '（一）存在的主要问题\n政策解读形式较为单一，图解、视频解读占比不高。\n（二）改进情况\n下一步将丰富解读形式，提高政策文件解读的可读性。',
  },
});
const doc = {
  ...toReportDocument({
    format,
    year,
    agency: {
      name: '示例市应急管理局',
      address: '示例市人民路26号应急管理大楼',
      postcode: '255000',
      phone: '0533-1234567',
    },
    tables: r.tables,
    rendered: r.rendered,
    catalog: facts.catalog,
  }),
  publishedOn: '2026-01-20',
};
for (const kind of OUTPUT_KINDS) {
  const f = await renderOutput(doc, kind);
  const file = path.join(out, `sample-${year}.${kind}`);
  writeFileSync(file, f.bytes);
  console.log(`${file}  sha256 ${f.sha256}`);
}
