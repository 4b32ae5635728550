/** Calls and shapes of the self-check API (types from the contract, contract/selfcheck.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/selfcheck';
import { api } from '../../api/client';

export type ReportSummary = Static<typeof C.ReportSummary>;
export type ReportDetail = Static<typeof C.ReportDetail>;
export type FindingView = Static<typeof C.FindingView>;
export type Trend = Static<typeof C.Trend>;
export type AgencyOption = Static<typeof C.AgencyOption>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const selfcheckApi = {
  agencies: (signal?: AbortSignal) => api.get<AgencyOption[]>('/api/selfcheck/agencies', undefined, signal),
  reports: (q: { orgId?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<ReportSummary>>('/api/selfcheck/reports', q, signal),
  report: (id: string, signal?: AbortSignal) =>
    api.get<ReportDetail>(`/api/selfcheck/reports/${id}`, undefined, signal),
  trend: (orgId: string | undefined, signal?: AbortSignal) =>
    api.get<Trend>('/api/selfcheck/trend', orgId ? { orgId } : undefined, signal),
  run: () => api.post<ReportSummary>('/api/selfcheck/run', {}),
  /** The CSV of a report (a plain link: the session cookie authenticates the GET). */
  csvUrl: (id: string) => `/api/selfcheck/reports/${id}/csv`,
};
