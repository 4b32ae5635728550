/** Calls of /api/requests; the shapes are the API contract's (contract/requests.ts). */
import { api } from '../../api/client';

import type { Static } from 'typebox';
import type * as C from '@contract/requests';

// Every shape comes from the API contract (contract/requests.ts): a field renamed on the server breaks
// the console's typecheck, not a clerk's screen.
export type Stage = Static<typeof C.Stage>;
export type Meta = Static<typeof C.MetaSchema>;
export type CaseSummary = Static<typeof C.CaseSummarySchema>;
export type Clocks = Static<typeof C.ClocksSchema>;
export type DayReason = NonNullable<Clocks['explanation'][number]['skippedDays']>[number];
export type CaseEvent = Static<typeof C.EventSchema>;
export type WithheldPart = Static<typeof C.WithheldPartSchema>;
export type Letter = Static<typeof C.LetterSchema>;
export type FeeQuote = Static<typeof C.FeeQuoteSchema>;
export type Fee = Static<typeof C.FeeSchema>;
export type AppealKind = Static<typeof C.AppealKind>;
export type AppealOutcome = Static<typeof C.AppealOutcome>;
export type Appeal = Static<typeof C.AppealSchema>;
export type CaseDetail = Static<typeof C.CaseDetailSchema>;
export type CaseFilter = Static<typeof C.ListQuery>;
export type Board = Static<typeof C.BoardSchema>;
export type IntakeInput = Static<typeof C.IntakeBody>;
export type Reminder = Static<typeof C.ReminderSchema>;
export type Promotions = Static<typeof C.PromotionsSchema>;
export type FeeLedger = Static<typeof C.FeeLedgerSchema>;
export type Template = Static<typeof C.TemplateSchema>;
export type Templates = Static<typeof C.TemplatesSchema>;
export type TemplateBody = Static<typeof C.TemplateBody>;
export type ReplyFile = Static<typeof C.ReplyFileSchema>;
export type RequestSettings = Static<(typeof C.getSettings)['response'][200]>;
export type SettingsInput = Static<typeof C.SettingsBody>;
export type CasePage = Static<(typeof C.listCases)['response'][200]>;
export type Created = Static<(typeof C.createCase)['response'][201]>;
type Ok = Static<(typeof C.acknowledgeReminder)['response'][200]>;

const enc = encodeURIComponent;
const casePath = (id: string, tail = '') => `/api/requests/${enc(id)}${tail}`;

export const requestsApi = {
  meta: (signal?: AbortSignal) => api.get<Meta>('/api/requests/meta', undefined, signal),
  list: (f: CaseFilter, signal?: AbortSignal) => api.get<CasePage>('/api/requests', { ...f }, signal),
  board: (signal?: AbortSignal) => api.get<Board>('/api/requests/board', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(casePath(id), undefined, signal),
  create: (input: IntakeInput) => api.post<Created>('/api/requests', input),
  /** POST /api/requests/:id/<action> → CaseDetail (or another shape for unmask / regenerate-code / appeals). */
  act: <T = CaseDetail>(id: string, action: string, body?: unknown) =>
    api.post<T>(casePath(id, `/${action}`), body ?? {}),
  replyConsultation: (id: string, consultationId: string, body: unknown) =>
    api.post<CaseDetail>(casePath(id, `/consultations/${enc(consultationId)}/reply`), body),
  draftOutcome: (id: string, body: Static<typeof C.OutcomeBody>) =>
    api.request<CaseDetail>('PUT', casePath(id, '/outcome'), { body }),
  unmask: (id: string, reason: string) =>
    api.post<Static<(typeof C.unmaskIdNumber)['response'][200]>>(casePath(id, '/unmask'), { reason }),
  fees: (year: number, signal?: AbortSignal) => api.get<FeeLedger>('/api/requests/fees', { year }, signal),
  feeQuote: (body: Static<(typeof C.quoteFee)['body']>) =>
    api.post<FeeQuote>('/api/requests/fees/quote', body),
  appeals: (year: number | undefined, signal?: AbortSignal) =>
    api.get<Static<(typeof C.listAppeals)['response'][200]>>('/api/requests/appeals', { year }, signal),
  recordAppeal: (caseId: string, body: unknown) => api.post<Appeal>(casePath(caseId, '/appeals'), body),
  updateAppeal: (appealId: string, body: unknown) =>
    api.patch<Appeal>(`/api/request-appeals/${enc(appealId)}`, body),
  reminders: (q: { mine?: boolean; includeAcknowledged?: boolean }, signal?: AbortSignal) =>
    api.get<Static<(typeof C.listReminders)['response'][200]>>('/api/requests/reminders', { ...q }, signal),
  ackReminder: (id: string) => api.post<Ok>(`/api/requests/reminders/${enc(id)}/ack`),
  promotions: (signal?: AbortSignal) => api.get<Promotions>('/api/requests/promotions', undefined, signal),
  replyFiles: (id: string, signal?: AbortSignal) =>
    api.get<Static<(typeof C.listReplyFiles)['response'][200]>>(
      casePath(id, '/reply-files'),
      undefined,
      signal,
    ),
  replyFileUploadUrl: (id: string) => casePath(id, '/reply-files'),
  removeReplyFile: (fileId: string) => api.delete(`/api/request-reply-files/${enc(fileId)}`),
  templates: (signal?: AbortSignal) => api.get<Templates>('/api/requests/templates', undefined, signal),
  putTemplate: (body: TemplateBody) => api.request<Template>('PUT', '/api/requests/templates', { body }),
  resetTemplate: (kind: string, outcomeCode: string) =>
    api.request<Ok>('DELETE', '/api/requests/templates', { query: { kind, outcomeCode } }),
  putSettings: (body: SettingsInput) =>
    api.request<RequestSettings>('PUT', '/api/requests/settings', { body }),
  promote: (descriptionKey: string, title?: string) =>
    api.post<Static<(typeof C.promote)['response'][200]>>('/api/requests/promotions', {
      descriptionKey,
      title,
    }),
};

/** ¥12.50 from fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${(fen / 100).toFixed(2)}`;
}

export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  review: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_review: '行政诉讼（复议后起诉）',
};
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他结果',
  pending: '尚未审结',
};
