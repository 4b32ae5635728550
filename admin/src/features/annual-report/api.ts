/**
 * Calls to /api/annual-reports (server/modules/annual-report/annual-report.routes.ts). The shapes are the
 * contract's (contract/annual-report.ts); only the console's labels, colours and cell helpers live here.
 */
import type {
  CellRefT,
  CheckFileResultT,
  ConsolidatedT,
  CountdownT,
  FindingViewT,
  GridCellT,
  OutputKindT,
  ReadinessT,
  RecordSourceT,
  ReportFormatT,
  ReportStatusT,
  ReportSummaryT,
  ReportTablesT,
  ReportTextsT,
  ReportViewT,
  TableLayoutT,
  TextsBodyT,
  ValueRefT,
} from '@contract/annual-report';
import { api, ApiError } from '../../api/client';

export type ReportStatus = ReportStatusT;
export type OutputKind = OutputKindT;
export type ValueRef = ValueRefT;
export type GridCell = GridCellT;
export type TableLayout = TableLayoutT;
export type ReportFormat = ReportFormatT;
export type ReportTables = ReportTablesT;
export type CellRef = CellRefT;
export type FindingView = FindingViewT;
export type ReportTexts = ReportTextsT;
export type ReportView = ReportViewT;
export type ReportSummary = ReportSummaryT;
export type Countdown = CountdownT;
export type Readiness = ReadinessT;
export type CheckFileResult = CheckFileResultT;

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
  saveTexts: (id: string, texts: TextsBodyT) => api.patch<ReportView>(`${base}/${id}/texts`, texts),
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
    api.get<ConsolidatedT>(`${base}/consolidated`, { year }, signal),
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
export function recordHref(source: RecordSourceT, id: string): string {
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
