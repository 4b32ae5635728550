/**
 * Generation at scale: a city-level agency with many cases (fake ledger), timed per step.
 *   npx tsx bench/report/generate-large.ts [cases=50000]
 * Prints the time of fact computation (fake source), generation + checks, and each output.
 */
import { performance } from 'node:perf_hooks';
import { formatForYear } from '../../server/modules/annual-report/formats/registry.js';
import { generateReport } from '../../server/modules/annual-report/generator.js';
import { OUTPUT_KINDS, renderOutput } from '../../server/modules/annual-report/render/index.js';
import { toReportDocument } from '../../server/modules/annual-report/render/model.js';
import {
  fakeFacts,
  sampleLedger,
  type FakeCase,
} from '../../server/modules/annual-report/testing/fake-sources.js';

const n = Number(process.argv[2] ?? 50000);
const ledger = sampleLedger();
const outcomes: FakeCase['outcome'][] = ['r1', 'r2', 'r3_4', 'r4_1', 'r5_2', 'r6_3'];
const applicants: FakeCase['applicant'][] = [
  'natural',
  'commercial',
  'research',
  'publicInterest',
  'legalService',
  'other',
];
for (let i = 0; i < n; i++) {
  const open = i % 50 === 0;
  ledger.cases.push({
    id: `bulk-${i}`,
    applicant: applicants[i % 6]!,
    receivedYear: 2025,
    closedYear: open ? null : 2025,
    outcome: open ? null : outcomes[i % outcomes.length]!,
  });
}
const time = async <T>(label: string, f: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await f();
  console.log(`${label.padEnd(28)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  return r;
};
const format = formatForYear(2025);
const facts = await time(`facts (${n} cases)`, () => fakeFacts(ledger, 2025));
const r = await time('generate + all checks', () =>
  generateReport({ format, year: 2025, agencyName: '示例市应急管理局', facts }),
);
console.log(`errors: ${r.findings.filter((f) => f.severity === 'error').length}`);
const doc = toReportDocument({
  format,
  year: 2025,
  agency: { name: '示例市应急管理局' },
  tables: r.tables,
  rendered: r.rendered,
  catalog: facts.catalog,
});
for (const kind of OUTPUT_KINDS) await time(`render ${kind}`, () => renderOutput(doc, kind));
