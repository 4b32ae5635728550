/**
 * Fake ReportSources for tests and the benchmark: facts computed from small in-memory ledgers of
 * cases, appeals, documents and decisions, the way the real modules compute them from their tables.
 * Changing one case's outcome here is the test double of "altering one case's outcome in the database".
 */
import type { Ctx } from '../../../platform/context.js';
import { TABLE3_COL_KEYS, TABLE4_COLUMNS } from '../formats/common.js';
import type { ReportFacts } from '../generator.js';
import type {
  CatalogReportFacts,
  Counted,
  EnforcementReportFacts,
  ReportSources,
  RequestReportFacts,
} from '../sources.js';
import type { Table3ColKey, Table3RowKey, Table4Group, Table4Outcome } from '../types.js';

export interface FakeCase {
  id: string;
  applicant: Exclude<Table3ColKey, 'total'>;
  receivedYear: number;
  /** year closed; null = still open */
  closedYear: number | null;
  /** outcome row (2021 keys); null = closed without a classified outcome (a data error) */
  outcome: Exclude<Table3RowKey, 'r6' | 'new' | 'carried' | 'r7' | 'next'> | null;
}

export interface FakeAppeal {
  id: string;
  year: number;
  group: Table4Group;
  outcome: Exclude<Table4Outcome, 'total'>;
}

export interface FakeLedger {
  cases: FakeCase[];
  appeals: FakeAppeal[];
  /** 规章/规范性文件: made/published/repealed years */
  documents: {
    id: string;
    kind: 'regulation' | 'normativeDoc';
    issuedYear: number;
    publishedYear: number;
    repealedYear: number | null;
  }[];
  decisions: { id: string; kind: 'license' | 'penalty' | 'coercion'; year: number }[];
  published: { id: string; year: number; column: string; channels: string[] }[];
  /** 信息处理费 paid, by year, in fen */
  feesFen: Record<number, number>;
}

const counted = (ids: string[]): Counted => ({ count: ids.length, records: ids });

export function fakeRequestFacts(ledger: FakeLedger, year: number): RequestReportFacts {
  const isNew = (c: FakeCase) => c.receivedYear === year;
  const isCarried = (c: FakeCase) => c.receivedYear < year && (c.closedYear === null || c.closedYear >= year);
  const isClosed = (c: FakeCase) => c.closedYear === year;
  const isNext = (c: FakeCase) => c.receivedYear <= year && (c.closedYear === null || c.closedYear > year);
  const rowPredicate = (row: Exclude<Table3RowKey, 'r6'>): ((c: FakeCase) => boolean) => {
    if (row === 'new') return isNew;
    if (row === 'carried') return isCarried;
    if (row === 'r7') return isClosed;
    if (row === 'next') return isNext;
    return (c) => isClosed(c) && c.outcome === row;
  };
  const rows = [
    'new',
    'carried',
    'r1',
    'r2',
    'r3_1',
    'r3_2',
    'r3_3',
    'r3_4',
    'r3_5',
    'r3_6',
    'r3_7',
    'r3_8',
    'r4_1',
    'r4_2',
    'r4_3',
    'r5_1',
    'r5_2',
    'r5_3',
    'r5_4',
    'r5_5',
    'r6_1',
    'r6_2',
    'r6_3',
    'r7',
    'next',
  ] as const;
  const table3 = {} as RequestReportFacts['table3'];
  for (const row of rows) {
    const pred = rowPredicate(row);
    const byCol = {} as Record<Table3ColKey, Counted>;
    for (const col of TABLE3_COL_KEYS) {
      byCol[col] = counted(
        ledger.cases.filter((c) => pred(c) && (col === 'total' || c.applicant === col)).map((c) => c.id),
      );
    }
    table3[row] = byCol;
  }
  const table4 = {} as RequestReportFacts['table4'];
  for (const col of TABLE4_COLUMNS) {
    table4[col.key] = counted(
      ledger.appeals
        .filter(
          (a) =>
            a.year === year &&
            a.group === col.group &&
            (col.outcome === 'total' || a.outcome === col.outcome),
        )
        .map((a) => a.id),
    );
  }
  return {
    table3,
    table4,
    feesCollectedFen: ledger.feesFen[year] ?? 0,
    received: table3.new.total.count,
    answered: table3.r7.total.count,
  };
}

export function fakeCatalogFacts(ledger: FakeLedger, year: number): CatalogReportFacts {
  const docs = (kind: 'regulation' | 'normativeDoc') => {
    const of = ledger.documents.filter((d) => d.kind === kind);
    return {
      issued: counted(of.filter((d) => d.issuedYear === year).map((d) => d.id)),
      published: counted(of.filter((d) => d.publishedYear === year).map((d) => d.id)),
      repealed: counted(of.filter((d) => d.repealedYear === year).map((d) => d.id)),
      inForce: counted(
        of
          .filter((d) => d.issuedYear <= year && (d.repealedYear === null || d.repealedYear > year))
          .map((d) => d.id),
      ),
    };
  };
  const items = ledger.published.filter((p) => p.year === year);
  const columns = [...new Set(ledger.published.map((p) => p.column))];
  const byChannel: Record<string, number> = {};
  for (const p of items) for (const ch of p.channels) byChannel[ch] = (byChannel[ch] ?? 0) + 1;
  return {
    documents: { regulation: docs('regulation'), normativeDoc: docs('normativeDoc') },
    publishedTotal: items.length,
    publishedByColumn: columns.map((name, i) => ({
      columnId: `col-${i + 1}`,
      name,
      count: items.filter((p) => p.column === name).length,
    })),
    publishedByChannel: byChannel,
  };
}

export function fakeEnforcementFacts(ledger: FakeLedger, year: number): EnforcementReportFacts {
  const kind = (k: 'license' | 'penalty' | 'coercion') => ({
    decisions: counted(ledger.decisions.filter((d) => d.kind === k && d.year === year).map((d) => d.id)),
    previousItems: 0,
    itemChange: 0,
    items: 0,
  });
  return { kinds: { license: kind('license'), penalty: kind('penalty'), coercion: kind('coercion') } };
}

export function fakeFacts(ledger: FakeLedger, year: number): ReportFacts {
  return {
    catalog: fakeCatalogFacts(ledger, year),
    requests: fakeRequestFacts(ledger, year),
    enforcement: fakeEnforcementFacts(ledger, year),
  };
}

/** ReportSources over a fake ledger per agency id (the same ledger for every agency when given one). */
export function fakeSources(ledgers: FakeLedger | Record<string, FakeLedger>): ReportSources {
  const pick = (orgId: string): FakeLedger =>
    'cases' in ledgers ? (ledgers as FakeLedger) : (ledgers[orgId] ?? emptyLedger());
  return {
    catalog: async (_ctx: Ctx, orgId, year) => fakeCatalogFacts(pick(orgId), year),
    requests: async (_ctx: Ctx, orgId, year) => fakeRequestFacts(pick(orgId), year),
    enforcement: async (_ctx: Ctx, orgId, year) => fakeEnforcementFacts(pick(orgId), year),
  };
}

export function emptyLedger(): FakeLedger {
  return { cases: [], appeals: [], documents: [], decisions: [], published: [], feesFen: {} };
}

/**
 * A plausible agency over 2024–2025: cases of several applicant types and outcomes, some carried
 * over from 2024 and some into 2026, appeals, documents, decisions, publications and a fee.
 */
export function sampleLedger(): FakeLedger {
  const l = emptyLedger();
  const outcomes: FakeCase['outcome'][] = [
    'r1',
    'r1',
    'r2',
    'r3_4',
    'r4_1',
    'r4_1',
    'r5_2',
    'r6_1',
    'r1',
    'r4_2',
  ];
  const applicants: FakeCase['applicant'][] = [
    'natural',
    'natural',
    'commercial',
    'natural',
    'legalService',
    'other',
  ];
  let n = 0;
  // 2024 cases: 8, all closed in 2024 except 2 carried into 2025.
  for (let i = 0; i < 8; i++) {
    n++;
    l.cases.push({
      id: `case-${n}`,
      applicant: applicants[i % applicants.length]!,
      receivedYear: 2024,
      closedYear: i < 6 ? 2024 : 2025,
      outcome: outcomes[i % outcomes.length]!,
    });
  }
  // 2025 cases: 14, 12 closed in 2025, 2 open at year end.
  for (let i = 0; i < 14; i++) {
    n++;
    l.cases.push({
      id: `case-${n}`,
      applicant: applicants[(i + 2) % applicants.length]!,
      receivedYear: 2025,
      closedYear: i < 12 ? 2025 : null,
      outcome: i < 12 ? outcomes[(i + 3) % outcomes.length]! : null,
    });
  }
  l.appeals.push(
    { id: 'appeal-1', year: 2025, group: 'review', outcome: 'upheld' },
    { id: 'appeal-2', year: 2025, group: 'review', outcome: 'pending' },
    { id: 'appeal-3', year: 2025, group: 'suitDirect', outcome: 'corrected' },
  );
  l.documents.push(
    { id: 'doc-1', kind: 'normativeDoc', issuedYear: 2023, publishedYear: 2023, repealedYear: null },
    { id: 'doc-2', kind: 'normativeDoc', issuedYear: 2024, publishedYear: 2024, repealedYear: 2025 },
    { id: 'doc-3', kind: 'normativeDoc', issuedYear: 2025, publishedYear: 2025, repealedYear: null },
    { id: 'doc-4', kind: 'normativeDoc', issuedYear: 2025, publishedYear: 2025, repealedYear: null },
  );
  for (let i = 0; i < 5; i++) l.decisions.push({ id: `lic-${i}`, kind: 'license', year: 2025 });
  for (let i = 0; i < 7; i++) l.decisions.push({ id: `pen-${i}`, kind: 'penalty', year: 2025 });
  l.decisions.push(
    { id: 'coe-1', kind: 'coercion', year: 2025 },
    { id: 'pen-old', kind: 'penalty', year: 2024 },
  );
  const columns = ['通知公告', '政策文件', '行政执法', '安全生产'];
  for (let i = 0; i < 40; i++) {
    l.published.push({
      id: `item-${i}`,
      year: i < 36 ? 2025 : 2024,
      column: columns[i % columns.length]!,
      channels: i % 3 === 0 ? ['portal', 'wechat'] : ['portal'],
    });
  }
  l.feesFen[2025] = 38000;
  return l;
}
