/** Calls and shapes of the 智慧安监 API (server/modules/enterprises, contract/enterprises.ts). */
import {
  CATEGORY_LABELS as CONTRACT_CATEGORY_LABELS,
  SCALE_LABELS as CONTRACT_SCALE_LABELS,
} from '@contract/enterprises.labels';
import type { Static } from 'typebox';
import type * as C from '@contract/enterprises';
import { api, ApiError } from '../../api/client';

export type Enterprise = Static<typeof C.EnterpriseView>;
export type CategoryKey = Static<typeof C.Category>;
export type EnterpriseInput = Static<typeof C.EnterpriseInput>;
export type EnterpriseDetail = Static<typeof C.EnterpriseDetail>;
export type HazardReport = Static<typeof C.HazardReportView>;
export type Inspection = Static<typeof C.InspectionView>;
export type Listing = Static<typeof C.ListingView>;
export type RepairCondition = 'obligations_fulfilled' | 'harm_removed' | 'no_new_serious_acts';
/** 信用修复 conditions the agency confirms (server: credit.rules.ts REPAIR_CONDITIONS). */
export const REPAIR_CONDITIONS: Record<RepairCondition, string> = {
  obligations_fulfilled: '已履行行政处罚决定规定的义务',
  harm_removed: '已主动消除危害后果或者不良影响',
  no_new_serious_acts: '列入后未再发生严重失信行为',
};
export type Plan = Static<typeof C.PlanView>;
export type Draw = Static<typeof C.DrawView>;
export type Inspector = Static<typeof C.InspectorView>;
export type ImportJob = Static<typeof C.ImportJobView>;
export type Account = Static<typeof C.AccountView>;
export type ChangeRequest = Static<typeof C.ChangeRequestView>;
export type Notice = Static<typeof C.NoticeView>;
export type Monthly = Static<typeof C.MonthlyView>;
export type MyEnterprise = Static<(typeof C.getMyEnterprise)['response'][200]>;
export type HazardInput = Static<(typeof C.reportHazard)['body']>;

// The labels the server shows too are the contract's; widened here because the console indexes them with
// the API's plain strings (an unknown code shows as itself).
export const CATEGORY_LABELS: Record<string, string> = CONTRACT_CATEGORY_LABELS;
export const SCALE_LABELS: Record<string, string> = CONTRACT_SCALE_LABELS;
export const LICENCE_STATE: Record<string, { label: string; color: string }> = {
  valid: { label: '有效', color: 'green' },
  expiring: { label: '即将到期', color: 'orange' },
  expired: { label: '已过期', color: 'red' },
  not_yet_valid: { label: '尚未生效', color: 'default' },
};
export const HAZARD_STATUS: Record<string, string> = {
  open: '整改中',
  rectified: '已整改',
  escalated: '已挂牌督办',
};
export const RESULT_LABELS: Record<string, string> = {
  compliant: '未发现问题',
  rectify: '责令整改',
  penalty: '行政处罚',
};
export const LISTING_STATUS: Record<string, string> = {
  notified: '已告知',
  listed: '名单管理期内',
  removed: '已移出',
  withdrawn: '已终止',
};
export const LISTING_CRITERIA: Record<string, string> = {
  major_accident: '发生特别重大、重大生产安全事故',
  repeated_larger_accidents: '12个月内累计发生2起以上较大生产安全事故',
  concealed_accident: '瞒报、谎报生产安全事故',
  no_licence: '未依法取得许可擅自从事生产经营活动，情节严重',
  refuse_rectify_major_hazard: '存在重大事故隐患，拒不执行停产停业等决定',
  resume_after_closure: '被责令停产停业整顿或关闭取缔后擅自生产经营',
  false_report_agency: '安全评价等机构出具虚假报告',
  obstruct_inspection: '拒绝、阻碍依法实施的监督检查，情节严重',
};

const fen = (n: number) => (n / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });
export const yuan = fen;

async function upload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = api.getCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(url, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as (T & { code?: string; detail?: string }) | null;
  if (!res.ok)
    throw new ApiError({
      status: res.status,
      code: body?.code ?? `http_${res.status}`,
      detail: body?.detail ?? `上传失败（HTTP ${res.status}）`,
    });
  return body as T;
}

export const enterprisesApi = {
  list: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<{ items: Enterprise[]; total: number; totalIsLowerBound?: boolean; note?: string }>(
      '/api/enterprises',
      q,
      signal,
    ),
  get: (id: string, signal?: AbortSignal) =>
    api.get<EnterpriseDetail>(`/api/enterprises/${id}`, undefined, signal),
  create: (body: EnterpriseInput) => api.post<Enterprise>('/api/enterprises', body),
  update: (id: string, body: EnterpriseInput) =>
    api.request<Enterprise>('PUT', `/api/enterprises/${id}`, { body }),
  expiring: (signal?: AbortSignal) =>
    api.get<{
      items: { id: string; kind: string; number: string; validTo: string; enterpriseName: string }[];
    }>('/api/enterprises/licences/expiring', undefined, signal),
  upload: (file: File, mode: 'all' | 'valid') =>
    upload<ImportJob>(`/api/enterprises/imports?mode=${mode}`, file),
  importJob: (id: string) => api.get<ImportJob>(`/api/enterprises/imports/${id}`),
  errorReportUrl: (id: string, f: 'xlsx' | 'csv' = 'xlsx') => `/api/enterprises/imports/${id}/errors.${f}`,
  templateUrl: (f: 'csv' | 'xlsx') => `/api/enterprises/imports/template.${f}`,
  hazardReports: (q: { level?: string; status?: string }, signal?: AbortSignal) =>
    api.get<{ items: HazardReport[] }>('/api/enterprises/hazard-reports', q, signal),
  escalate: (id: string) =>
    api.post<{ supervisedHazardId: string; title: string }>(
      `/api/enterprises/hazard-reports/${id}/escalate`,
      {},
    ),
  accounts: (signal?: AbortSignal) =>
    api.get<{ items: Account[] }>('/api/enterprises/accounts', undefined, signal),
  createAccount: (body: { enterpriseId: string; username: string; displayName: string }) =>
    api.post<{ account: Account; initialPassword: string | null }>('/api/enterprises/accounts', body),
  decideAccount: (id: string, approve: boolean, note?: string) =>
    api.post<Account>(`/api/enterprises/accounts/${id}/decision`, { approve, note: note ?? null }),
  changeRequests: (signal?: AbortSignal) =>
    api.get<{ items: ChangeRequest[] }>('/api/enterprises/change-requests', undefined, signal),
  decideChange: (id: string, approve: boolean, note?: string) =>
    api.post<ChangeRequest>(`/api/enterprises/change-requests/${id}/decision`, {
      approve,
      note: note ?? null,
    }),
  sendNotice: (body: { enterpriseId?: string | null; title: string; body: string }) =>
    api.post<Notice>('/api/enterprises/notices', body),
  // inspections
  inspectors: (signal?: AbortSignal) =>
    api.get<{ items: Inspector[] }>('/api/inspections/inspectors', undefined, signal),
  addInspector: (body: { name: string; certNo: string }) =>
    api.post<Inspector>('/api/inspections/inspectors', body),
  plans: (signal?: AbortSignal) => api.get<{ items: Plan[] }>('/api/inspections/plans', undefined, signal),
  createPlan: (body: { year: number; title: string; content: string; publishWorkdays?: number }) =>
    api.post<Plan>('/api/inspections/plans', body),
  publishPlan: (id: string) => api.post<Plan>(`/api/inspections/plans/${id}/publish`, {}),
  draws: (signal?: AbortSignal) => api.get<{ items: Draw[] }>('/api/inspections/draws', undefined, signal),
  draw: (planId: string, body: Static<(typeof C.makeDraw)['body']>) =>
    api.post<Draw>(`/api/inspections/plans/${planId}/draws`, body),
  verify: (id: string) => api.get<{ matches: boolean }>(`/api/inspections/draws/${id}/verify`),
  inspections: (signal?: AbortSignal) =>
    api.get<{ items: Inspection[] }>('/api/inspections', undefined, signal),
  recordInspection: (body: Static<(typeof C.recordInspection)['body']>) =>
    api.post<Inspection>('/api/inspections', body),
  publishInspection: (id: string) => api.post<Inspection>(`/api/inspections/${id}/publish`, {}),
  // credit
  listings: (signal?: AbortSignal) =>
    api.get<{ items: Listing[] }>('/api/credit/listings', undefined, signal),
  noticeListing: (body: { enterpriseId: string; criterion: string; facts: string }) =>
    api.post<Listing>('/api/credit/listings', body),
  statement: (id: string, statement: string) =>
    api.post<Listing>(`/api/credit/listings/${id}/statement`, { statement }),
  decideListing: (id: string, decisionNumber: string) =>
    api.post<Listing>(`/api/credit/listings/${id}/decision`, { decisionNumber }),
  endListing: (
    id: string,
    kind: 'withdrawn' | 'repair' | 'early' | 'expiry',
    reason: string,
    conditions?: RepairCondition[],
  ) => api.post<Listing>(`/api/credit/listings/${id}/end`, { kind, reason, conditions }),
  restoreListing: (id: string, reason: string) =>
    api.post<Listing>(`/api/credit/listings/${id}/restore`, { reason }),
};

export const enterpriseAreaApi = {
  me: (signal?: AbortSignal) => api.get<MyEnterprise>('/api/enterprise/me', undefined, signal),
  hazards: (signal?: AbortSignal) =>
    api.get<{ items: HazardReport[] }>('/api/enterprise/hazards', undefined, signal),
  report: (body: HazardInput) => api.post<HazardReport>('/api/enterprise/hazards', body),
  rectify: (id: string, rectifiedOn: string, note: string) =>
    api.post<HazardReport>(`/api/enterprise/hazards/${id}/rectify`, { rectifiedOn, note }),
  attach: (id: string, kind: 'photo' | 'evidence', file: File) =>
    upload<{ id: string }>(`/api/enterprise/hazards/${id}/files?kind=${kind}`, file),
  monthly: (signal?: AbortSignal) =>
    api.get<{ items: Monthly[] }>('/api/enterprise/monthly-reports', undefined, signal),
  submitMonthly: (body: { month: string; noHazards: boolean; summary: string }) =>
    api.post<Monthly>('/api/enterprise/monthly-reports', body),
  notices: (signal?: AbortSignal) =>
    api.get<{ items: Notice[] }>('/api/enterprise/notices', undefined, signal),
  changes: (signal?: AbortSignal) =>
    api.get<{ items: ChangeRequest[] }>('/api/enterprise/change-requests', undefined, signal),
  requestChange: (changes: Omit<EnterpriseInput, 'creditCode'>, reason: string) =>
    api.post<ChangeRequest>('/api/enterprise/change-requests', { changes, reason }),
  statement: (id: string, statement: string) =>
    api.post<Listing>(`/api/enterprise/listings/${id}/statement`, { statement }),
};
