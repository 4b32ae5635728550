/** Calls and shapes of /api/annual-reports (server/modules/annual-report/annual-report.routes.ts). */
import { api, ApiError } from '../../api/client';

export type ReportStatus = 'draft' | 'checked' | 'approved' | 'published';
export type OutputKind = 'docx' | 'xlsx' | 'html' | 'svg';

// Layout grids as the server's format registry sends them (server/modules/annual-report/types.ts).
export type ValueRef =
  | { table: 'table2'; row: string; col: string }
  | { table: 'table3'; row: string; col: string }
  | { table: 'table4'; col: string };
export type GridCell =
  | { kind: 'label'; text: string; rowSpan: number; colSpan: number; header: boolean }
  | {
      kind: 'value';
      ref: ValueRef;
      valueType: 'count' | 'signedCount' | 'amount';
      rowSpan: number;
      colSpan: number;
    };
export interface TableLayout {
  columnCount: number;
  headerRowCount: number;
  rows: GridCell[][];
}
export interface ReportFormat {
  id: string;
  title: string;
  issuingDocument: string;
  sections: { numeral: string; heading: string }[];
  table2: { layoutStyle: 'separate' | 'single'; layouts: TableLayout[]; subTables: { caption: string }[] };
  table3: { layout: TableLayout };
  table4: { layout: TableLayout };
}
export interface ReportTables {
  table2: Record<string, Record<string, number | null>>;
  table3: Record<string, (number | null)[]>;
  table4: (number | null)[];
}
export interface CellRef {
  table: 'table2' | 'table3' | 'table4' | 'narrative';
  row: string;
  col: string;
}
export interface FindingView {
  key: string;
  ruleId: string;
  severity: 'error' | 'warning';
  cells: CellRef[];
  expected: number | string | null;
  actual: number | string | null;
  messageZh: string;
  excerpt?: string;
  override: { reason: string; by: string; at: string } | null;
}
export interface ReportTexts {
  one: string;
  five: string;
  six: string;
}
export interface ReportView {
  id: string;
  orgId: string;
  year: number;
  formatId: string;
  status: ReportStatus;
  statusLabel: string;
  version: number;
  correctionReason: string | null;
  publishedVersion: number;
  generatedAt: string;
  checkedAt: string | null;
  approvedAt: string | null;
  updatedAt: string;
  deadline: string;
  daysLeft: number;
  format: ReportFormat;
  tables: ReportTables;
  drill: Record<string, { source: 'catalog' | 'requests' | 'enforcement'; ids: string[] }>;
  variables: Record<string, string>;
  texts: ReportTexts;
  rendered: ReportTexts;
  findings: FindingView[];
  blocking: number;
  versions: {
    version: number;
    publishedAt: string;
    correctionReason: string | null;
    files: Record<string, string>;
  }[];
}
export interface ReportSummary {
  id: string;
  orgId: string;
  year: number;
  formatId: string;
  status: ReportStatus;
  statusLabel: string;
  version: number;
  publishedVersion: number;
  errors: number;
  warnings: number;
  blocking: number;
  deadline: string;
  updatedAt: string;
}
export interface Countdown {
  year: number;
  deadline: string;
  daysLeft: number;
  status: ReportStatus | 'missing';
  reportId: string | null;
}
export interface Readiness {
  orgId: string;
  code: string;
  name: string;
  reportId: string | null;
  status: ReportStatus | 'missing';
  version: number;
  publishedVersion: number;
  errors: number;
  unresolvedErrors: number;
  warnings: number;
  overrides: number;
  checkedAt: string | null;
  updatedAt: string | null;
}
export interface CheckFileResult {
  fileName: string;
  format: string;
  year?: number;
  findings: Omit<FindingView, 'key' | 'override'>[];
  notes: string[];
  unreadable?: string;
}

export const STATUS_LABELS: Record<ReportStatus | 'missing', string> = {
  draft: '草稿',
  checked: '已校验',
  approved: '已审批',
  published: '已发布',
  missing: '未编制',
};
export const STATUS_COLORS: Record<ReportStatus | 'missing', string> = {
  draft: 'default',
  checked: 'blue',
  approved: 'gold',
  published: 'green',
  missing: 'red',
};

const base = '/api/annual-reports';

export const reportApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ReportSummary[] }>(base, undefined, signal),
  generate: (year: number) => api.post<ReportView>(base, { year }),
  get: (id: string, signal?: AbortSignal) => api.get<ReportView>(`${base}/${id}`, undefined, signal),
  regenerate: (id: string) => api.post<ReportView>(`${base}/${id}/regenerate`),
  saveTexts: (id: string, texts: Partial<ReportTexts>) => api.patch<ReportView>(`${base}/${id}/texts`, texts),
  check: (id: string) => api.post<ReportView>(`${base}/${id}/check`),
  override: (id: string, key: string, reason: string | null) =>
    api.request<ReportView>('PUT', `${base}/${id}/overrides`, { body: { key, reason } }),
  approve: (id: string) => api.post<ReportView>(`${base}/${id}/approve`),
  reopen: (id: string, note: string) => api.post<ReportView>(`${base}/${id}/reopen`, { note }),
  publish: (id: string) => api.post<ReportView>(`${base}/${id}/publish`),
  correct: (id: string, reason: string) => api.post<ReportView>(`${base}/${id}/correct`, { reason }),
  countdown: (signal?: AbortSignal) =>
    api.get<{ countdown: Countdown | null }>(`${base}/countdown`, undefined, signal),
  supervision: (year: number, signal?: AbortSignal) =>
    api.get<{ year: number; deadline: string; items: Readiness[] }>(`${base}/supervision`, { year }, signal),
  consolidated: (year: number, signal?: AbortSignal) =>
    api.get<{
      tables: ReportTables;
      format: ReportFormat;
      parts: { name: string; source: string }[];
      missing: { name: string }[];
      findings: FindingView[];
    }>(`${base}/consolidated`, { year }, signal),
  fileUrl: (id: string, kind: OutputKind, version?: number) =>
    `${base}/${id}/files/${kind}${version ? `?version=${version}` : ''}`,
  consolidatedUrl: (year: number, kind: OutputKind) => `${base}/consolidated?year=${year}&format=${kind}`,
  /** Uploads a report file to the checker (multipart, with the CSRF token like every write). */
  async checkFile(file: File): Promise<CheckFileResult> {
    const form = new FormData();
    form.append('file', file);
    const token = api.getCsrfToken();
    const res = await fetch(`${base}/check-file`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: token ? { 'x-csrf-token': token } : {},
    });
    const body = (await res.json()) as CheckFileResult & { code?: string; detail?: string; status?: number };
    if (!res.ok)
      throw new ApiError({
        status: res.status,
        code: body.code ?? 'error',
        detail: body.detail ?? '检查失败',
      });
    return body;
  },
};

/** Stable key of a cell (matches the server's drill-down keys). */
export function cellKey(ref: ValueRef | CellRef): string {
  if (ref.table === 'table4') return `table4||${ref.col}`;
  return `${ref.table}|${'row' in ref ? ref.row : ''}|${ref.col}`;
}

/** The console page of a record a cell counts. */
export function recordHref(source: 'catalog' | 'requests' | 'enforcement', id: string): string {
  if (source === 'catalog') return `/catalog/items/${id}`;
  if (source === 'enforcement') return `/enforcement/${id}`;
  return `/requests/${id}`;
}

const T3_COLS = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'];
const T4_COLS = ['review', 'suitDirect', 'suitAfterReview'].flatMap((g) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => `${g}_${o}`),
);

export function valueOf(tables: ReportTables, ref: ValueRef): number | null {
  if (ref.table === 'table2') return tables.table2[ref.row]?.[ref.col] ?? null;
  if (ref.table === 'table3') return tables.table3[ref.row]?.[T3_COLS.indexOf(ref.col)] ?? null;
  return tables.table4[T4_COLS.indexOf(ref.col)] ?? null;
}
