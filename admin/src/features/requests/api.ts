/** Calls and shapes of /api/requests (server/modules/requests/API.md, requests.routes.ts). */
import { api } from '../../api/client';

export type Stage =
  | 'awaiting_confirmation'
  | 'registered'
  | 'assigned'
  | 'drafting'
  | 'review'
  | 'sign_off'
  | 'replied'
  | 'archived'
  | 'discarded';

export interface Meta {
  outcomes: {
    code: string;
    labelZh: string;
    basisRef: string;
    basisTextZh: string;
    row2021: string;
    releasesContent: boolean;
    needsWithheldPartsRecord: boolean;
    mappingUncertain: boolean;
  }[];
  applicantTypes: { code: string; labelZh: string }[];
  channels: { code: string; labelZh: string; needsConfirmation: boolean }[];
  stages: { code: Stage; labelZh: string }[];
  letterKinds: { code: string; labelZh: string }[];
  withholdingGrounds: { code: string; labelZh: string }[];
  clockRuleNotes: { rule: string; uncertain: boolean; noteZh: string }[];
  feeNotes: string[];
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  orgId: string;
  stage: Stage;
  stageLabel: string;
  channel: string;
  applicantType: string;
  applicantName: string;
  descriptionExcerpt: string;
  receivedOn: string | null;
  submittedAt: string;
  divisionId: string | null;
  divisionName: string | null;
  handlerId: string | null;
  handlerName: string | null;
  outcomeCode: string | null;
  closedOn: string | null;
  answerDue: string | null;
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  clockStatus: 'running' | 'paused' | 'answered' | 'closed' | null;
  estimated: boolean;
  estimateNotice: string | null;
}

export interface DayReason {
  date: string;
  reason: string;
}

export interface Clocks {
  asOf: string;
  receivedOn: string;
  clockStart: string;
  supplementNoticeDue: string;
  supplementDue?: string;
  answerDueBase: string;
  answerDueBeforeExtension: string;
  answerDue: string;
  dueDateFinal: boolean;
  extensionDays: number;
  extensionState: 'none' | 'effective' | 'pending_notice' | 'ineffective';
  deferredTo?: string;
  excludedIntervals: {
    kind: string;
    from: string;
    to: string | null;
    workdaysExcluded: number;
    excludedDays: string[];
    state: 'open' | 'closed' | 'lapsed';
    ref?: string;
  }[];
  consultationsDue: {
    consultationId: string;
    kind: 'third_party' | 'other_agency';
    sentOn: string;
    windowStartsOn: string;
    replyDue: string;
    repliedOn: string | null;
    state: 'awaiting' | 'replied' | 'lapsed';
    silenceRuleZh: string;
  }[];
  feePaymentDue?: string;
  feeState?: 'awaiting' | 'paid' | 'lapsed';
  status: 'running' | 'paused' | 'answered' | 'closed';
  pausedBy: string[];
  dueSoon: boolean;
  overdue: boolean;
  answeredLate?: boolean;
  workdaysLeft: number;
  explanation: {
    code: string;
    textZh: string;
    countedDays?: string[];
    skippedDays?: DayReason[];
    excludedDays?: DayReason[];
  }[];
  estimated: boolean;
  uncoveredYears: number[];
  calendarVersion: string;
  estimateNotice: string | null;
}

export interface CaseEvent {
  seq: number;
  type: string;
  typeLabel: string;
  date: string;
  payload: Record<string, unknown>;
  public: boolean;
  actorName: string;
  createdAt: string;
}

export interface WithheldPart {
  part: string;
  ground: string;
  reason: string;
}

export interface Letter {
  id: string;
  kind: string;
  kindLabel: string;
  letterNumber: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  public: boolean;
  createdAt: string;
  downloadUrl: string;
}

export interface FeeQuote {
  basis: 'per_item' | 'per_page';
  amountFen: number;
  lines: unknown[];
  uncertain: boolean;
  notes: string[];
}

export interface Fee {
  id: string;
  basis: 'per_item' | 'per_page';
  quantity: number;
  priorItemsThisMonth: number;
  amountFen: number;
  noticeSentOn: string;
  noticeReceivedOn: string | null;
  paymentDue: string | null;
  state: 'noticed' | 'paid' | 'abandoned';
  paidOn: string | null;
  paidAmountFen: number | null;
  paymentRef: string | null;
  abandonedOn: string | null;
  uncertain: boolean;
  notes: string[];
}

export type AppealKind = 'review' | 'litigation_direct' | 'litigation_after_review';
export type AppealOutcome = 'upheld' | 'corrected' | 'other' | 'pending';

export interface Appeal {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: AppealKind;
  filedOn: string;
  bodyName: string;
  reference: string | null;
  outcome: AppealOutcome;
  decidedOn: string | null;
  note: string | null;
}

export interface CaseDetail extends CaseSummary {
  applicant: {
    type: string;
    typeLabel?: string;
    name: string;
    contactPerson: string | null;
    idDocType: string;
    idDocLabel?: string;
    idNumberMasked: string;
    phone: string | null;
    email: string | null;
    address: string | null;
    postcode: string | null;
  };
  description: string;
  requestedForm: string;
  requestedFormLabel?: string;
  deliveryMethod: string;
  deliveryMethodLabel?: string;
  channelLabel?: string;
  intakeNote: string | null;
  signedForOn: string | null;
  confirmedOn: string | null;
  receiptBasis: string | null;
  feeBasis: string | null;
  itemCount: number;
  clocks: Clocks | null;
  events: CaseEvent[];
  outcome: {
    outcomeCode: string;
    outcomeLabel: string;
    table3Row: string;
    legalBasisRef: string;
    legalBasisText: string;
    reason: string;
    withheldParts: WithheldPart[];
    referralAgency: string | null;
    releasesContent?: boolean;
    reviewPassedAt: string | null;
    approvedAt: string | null;
    approvedByName: string | null;
  } | null;
  letters: Letter[];
  fee: Fee | null;
  appeals: Appeal[];
  links: { id: string; kind: string; linkedCaseId: string; linkedCaseNumber: string; note: string | null }[];
  allowedActions: string[];
}

export interface CaseFilter {
  stage?: Stage;
  due?: 'soon' | 'overdue' | 'open';
  mine?: boolean;
  q?: string;
  year?: number;
  page?: number;
  pageSize?: number;
}

export interface Board {
  overdue: CaseSummary[];
  dueSoon: CaseSummary[];
  paused: CaseSummary[];
  awaitingConfirmation: CaseSummary[];
  counts: { overdue: number; dueSoon: number; paused: number; awaitingConfirmation: number; open: number };
}

export interface IntakeInput {
  channel: string;
  applicantType: string;
  applicantName: string;
  contactPerson?: string;
  idDocType: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  description: string;
  requestedForm: string;
  deliveryMethod: string;
  submittedAt: string;
  signedForOn?: string;
  confirmedOn?: string;
  intakeNote?: string;
  itemCount?: number;
}

export interface Reminder {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: 'T-5' | 'T-1' | 'overdue';
  dueDate: string;
  remindOn: string;
  message: string;
  handlerId: string | null;
  acknowledgedAt: string | null;
}

export interface Promotions {
  candidates: {
    descriptionKey: string;
    title: string;
    caseIds: string[];
    caseNumbers: string[];
    applicantCount: number;
  }[];
  proposals: {
    id: string;
    title: string;
    caseCount: number;
    state: string;
    catalogItemId: string | null;
    createdAt: string;
  }[];
  promotedCount: number;
}

export interface FeeLedger {
  items: (Fee & { caseId: string; caseNumber: string })[];
  collectedFen: number;
  noticedFen: number;
  abandonedCount: number;
}

const enc = encodeURIComponent;
const casePath = (id: string, tail = '') => `/api/requests/${enc(id)}${tail}`;

export const requestsApi = {
  meta: (signal?: AbortSignal) => api.get<Meta>('/api/requests/meta', undefined, signal),
  list: (f: CaseFilter, signal?: AbortSignal) =>
    api.get<{ items: CaseSummary[]; total: number }>('/api/requests', { ...f }, signal),
  board: (signal?: AbortSignal) => api.get<Board>('/api/requests/board', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(casePath(id), undefined, signal),
  create: (input: IntakeInput) => api.post<{ case: CaseDetail; queryCode: string }>('/api/requests', input),
  /** POST /api/requests/:id/<action> → CaseDetail (or another shape for unmask / regenerate-code / appeals). */
  act: <T = CaseDetail>(id: string, action: string, body?: unknown) =>
    api.post<T>(casePath(id, `/${action}`), body ?? {}),
  replyConsultation: (id: string, consultationId: string, body: unknown) =>
    api.post<CaseDetail>(casePath(id, `/consultations/${enc(consultationId)}/reply`), body),
  draftOutcome: (
    id: string,
    body: {
      outcomeCode: string;
      reason?: string;
      legalBasis?: string;
      referralAgency?: string;
      withheldParts?: WithheldPart[];
    },
  ) => api.request<CaseDetail>('PUT', casePath(id, '/outcome'), { body }),
  unmask: (id: string, reason: string) => api.post<{ idNumber: string }>(casePath(id, '/unmask'), { reason }),
  fees: (year: number, signal?: AbortSignal) => api.get<FeeLedger>('/api/requests/fees', { year }, signal),
  feeQuote: (body: { basis: 'per_item' | 'per_page'; quantity: number; priorItemsThisMonth?: number }) =>
    api.post<FeeQuote>('/api/requests/fees/quote', body),
  appeals: (year: number | undefined, signal?: AbortSignal) =>
    api.get<{ items: Appeal[] }>('/api/requests/appeals', { year }, signal),
  recordAppeal: (caseId: string, body: unknown) => api.post<Appeal>(casePath(caseId, '/appeals'), body),
  updateAppeal: (appealId: string, body: unknown) =>
    api.patch<Appeal>(`/api/requests/appeals/${enc(appealId)}`, body),
  reminders: (q: { mine?: boolean; includeAcknowledged?: boolean }, signal?: AbortSignal) =>
    api.get<{ items: Reminder[] }>('/api/requests/reminders', { ...q }, signal),
  ackReminder: (id: string) => api.post<{ ok: boolean }>(`/api/requests/reminders/${enc(id)}/ack`),
  promotions: (signal?: AbortSignal) => api.get<Promotions>('/api/requests/promotions', undefined, signal),
  promote: (descriptionKey: string, title?: string) =>
    api.post<{ id: string; state: string; catalogItemId: string | null }>('/api/requests/promotions', {
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
