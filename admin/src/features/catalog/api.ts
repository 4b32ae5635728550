/**
 * Typed calls to the catalog (主动公开) API: server/modules/catalog/catalog.routes.ts, documented in
 * server/modules/catalog/API.md. Shapes mirror that contract; keep them in step.
 */
import { api, ApiError } from '../../api/client';
import type { ProblemDocument } from '../../api/types';
import type { Page } from '../../api/types';

export type UpdateClass = 'dynamic' | 'periodic' | 'static';
export type ChannelName = 'portal' | 'wechat' | 'weibo' | 'sms';
export type ItemStatus = 'unpublished' | 'scheduled' | 'published' | 'withdrawn';
export type RevisionState =
  | 'draft'
  | 'submitted'
  | 'reviewing'
  | 'approving'
  | 'approving_principal'
  | 'scheduled'
  | 'published'
  | 'superseded'
  | 'discarded';
export type Validity = 'valid' | 'invalid' | 'repealed';
export type DocKind = 'regulation' | 'normative' | 'other';

export interface ColumnView {
  id: string;
  orgId: string;
  parentId: string | null;
  code: string;
  name: string;
  depth: number;
  sortOrder: number;
  art20Items: number[];
  updateClass: UpdateClass;
  secondApproval: boolean;
  channels: ChannelName[];
  description: string | null;
  retired: boolean;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ColumnInput {
  parentId?: string | null;
  code?: string;
  name?: string;
  art20Items?: number[];
  updateClass?: UpdateClass;
  secondApproval?: boolean;
  channels?: ChannelName[];
  description?: string | null;
}

export interface Finding {
  kind: string;
  labelZh: string;
  severity: 'block' | 'high' | 'review';
  masked: string;
  context: string;
  fingerprint: string;
  /** 'title' | 'summary' | 'body' | 'attachment:<fileName>'. */
  source: string;
  overridden: boolean;
  overrideReason: string | null;
}

export interface ScanResult {
  findings: Finding[];
  unresolved: number;
  unscannedAttachments: string[];
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  extractFormat: string;
  textExtracted: boolean;
  extractNote: string | null;
  createdAt: string;
  downloadUrl: string;
}

export interface ItemInput {
  columnId: string;
  title: string;
  summary?: string | null;
  bodyHtml?: string;
  publisher?: string;
  generatedOn?: string | null;
  docNumber?: string | null;
  docKind?: DocKind;
  topic?: string | null;
  disclosureMode?: string;
  art20Item?: number | null;
  keywords?: string | null;
  publishAt?: string | null;
  changeNote?: string | null;
}

export interface RevisionView extends Required<ItemInput> {
  id: string;
  itemId: string;
  revisionNo: number;
  state: RevisionState;
  bodyText: string;
  returnedOpinion: string | null;
  scanFindings: Finding[] | null;
  scannedAt: string | null;
  draftedBy: string | null;
  draftedByName: string | null;
  stateSince: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkingRevisionBrief {
  id: string;
  revisionNo: number;
  state: RevisionState;
  stateSince: string;
  title: string;
  draftedByName: string | null;
}

export interface ItemSummary {
  id: string;
  orgId: string;
  columnId: string;
  columnName: string;
  status: ItemStatus;
  indexNumber: string | null;
  title: string;
  docNumber: string | null;
  publisher: string;
  generatedOn: string | null;
  publishedOn: string | null;
  publishedAt: string | null;
  validity: Validity;
  docKind: DocKind;
  workingRevision: WorkingRevisionBrief | null;
}

export type ChecklistKey = 'stateSecret' | 'workSecret' | 'commercialSecret' | 'privacy' | 'sensitive';
export type Checklist = Record<ChecklistKey, { involved: boolean; note?: string }>;

export interface ReviewView {
  id: string;
  revisionId: string;
  reviewerName: string;
  decision: 'pass' | 'reject';
  checklist: Checklist;
  opinion: string;
  scanFindings: Finding[];
  createdAt: string;
}

export interface ApprovalView {
  id: string;
  revisionId: string;
  level: 1 | 2;
  approverName: string;
  decision: 'approve' | 'reject';
  opinion: string | null;
  createdAt: string;
}

export interface OverrideView {
  id: string;
  fingerprint: string;
  kind: string;
  masked: string;
  reason: string;
  overriddenByName: string;
  createdAt: string;
}

export interface LinkView {
  id: string;
  kind: 'interprets' | 'replaces';
  direction: 'out' | 'in';
  otherItemId: string;
  otherTitle: string;
  otherStatus: ItemStatus;
}

export interface DeliveryView {
  id: string;
  channel: ChannelName;
  status: 'pending' | 'recorded' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  externalRef: string | null;
  completedAt: string | null;
  createdAt: string;
}

export interface Timeliness {
  generatedOn: string;
  publishedOn: string;
  workdays: number;
  limit: number;
  late: boolean;
  estimated: boolean;
  notice: string | null;
}

export type ItemAction =
  | 'edit'
  | 'submit'
  | 'recall'
  | 'start_review'
  | 'review'
  | 'approve'
  | 'reject'
  | 'withdraw'
  | 'repeal'
  | 'new_revision'
  | 'discard';

export interface ItemView extends ItemSummary {
  summary: string | null;
  bodyHtml: string;
  topic: string | null;
  disclosureMode: string;
  art20Item: number | null;
  keywords: string | null;
  validityDate: string | null;
  replacedByItemId: string | null;
  scheduledAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  contentUpdatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  working: RevisionView | null;
  published: RevisionView | null;
  attachments: AttachmentView[];
  publishedAttachments: AttachmentView[];
  links: LinkView[];
  reviews: ReviewView[];
  approvals: ApprovalView[];
  overrides: OverrideView[];
  deliveries: DeliveryView[];
  timeliness: Timeliness | null;
  allowedActions: ItemAction[];
}

export interface ItemEvent {
  id: string;
  revisionId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorName: string;
  comment: string | null;
  at: string;
}

export interface ReviewInput {
  checklist: Checklist;
  opinion: string;
  decision: 'pass' | 'reject';
  overrides?: { fingerprint: string; reason: string }[];
}

export type QueueState =
  'draft' | 'submitted' | 'reviewing' | 'approving' | 'approving_principal' | 'scheduled';

export interface DashboardView {
  today: string;
  lateItems: (ItemSummary & { workdays: number })[];
  staleColumns: {
    column: ColumnView;
    lastPublishedOn: string | null;
    daysSince: number | null;
    limitDays: number;
  }[];
  blankColumns: ColumnView[];
  waiting: {
    state: QueueState;
    count: number;
    oldestDays: number | null;
    items: (ItemSummary & { ageDays: number })[];
  }[];
  calendarNotice: string | null;
}

export interface LiveScanInput {
  title: string;
  summary: string | null;
  bodyHtml: string;
  /** Attachments already uploaded to the item being edited. */
  attachmentIds: string[];
  /** The item being edited (its reviewers' overrides apply); null for a new, unsaved item. */
  itemId: string | null;
}

export interface ItemQuery {
  columnId?: string;
  status?: string;
  state?: string;
  year?: number;
  q?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

const itemPath = (id: string, action = '') => `/api/catalog/items/${encodeURIComponent(id)}${action}`;
const columnPath = (id: string, action = '') => `/api/catalog/columns/${encodeURIComponent(id)}${action}`;

export const catalogApi = {
  columns: (signal?: AbortSignal, includeRetired = true) =>
    api
      .get<{ columns: ColumnView[] }>('/api/catalog/columns', { includeRetired }, signal)
      .then((r) => r.columns),
  createColumn: (input: ColumnInput) => api.post<ColumnView>('/api/catalog/columns', input),
  updateColumn: (id: string, input: ColumnInput) => api.patch<ColumnView>(columnPath(id), input),
  moveColumn: (id: string, parentId: string | null, position: number) =>
    api.post<{ columns: ColumnView[] }>(columnPath(id, '/move'), { parentId, position }),
  retireColumn: (id: string) => api.post<ColumnView>(columnPath(id, '/retire'), {}),
  restoreColumn: (id: string) => api.post<ColumnView>(columnPath(id, '/restore'), {}),

  items: (q: ItemQuery, signal?: AbortSignal) =>
    api.get<Page<ItemSummary> & { page: number; pageSize: number }>('/api/catalog/items', { ...q }, signal),
  item: (id: string, signal?: AbortSignal) => api.get<ItemView>(itemPath(id), undefined, signal),
  createItem: (input: ItemInput) => api.post<ItemView>('/api/catalog/items', input),
  updateDraft: (id: string, input: Partial<ItemInput>) => api.patch<ItemView>(itemPath(id), input),
  scan: (id: string, signal?: AbortSignal) =>
    api.request<ScanResult>('POST', itemPath(id, '/scan'), { body: {}, signal }),
  /** Scans unsaved editor content (stateless: nothing is saved or recorded). */
  scanText: (input: LiveScanInput, signal?: AbortSignal) =>
    api.request<ScanResult>('POST', '/api/catalog/scan', { body: input, signal }),
  deleteAttachment: (itemId: string, attachmentId: string) =>
    api.delete(itemPath(itemId, `/attachments/${encodeURIComponent(attachmentId)}`)),
  addLink: (id: string, toItemId: string, kind: 'interprets' | 'replaces') =>
    api.post<LinkView>(itemPath(id, '/links'), { toItemId, kind }),
  removeLink: (id: string, linkId: string) =>
    api.delete(itemPath(id, `/links/${encodeURIComponent(linkId)}`)),

  submit: (id: string) => api.post<ItemView>(itemPath(id, '/submit'), {}),
  recall: (id: string) => api.post<ItemView>(itemPath(id, '/recall'), {}),
  discard: (id: string) => api.post<ItemView>(itemPath(id, '/discard'), {}),
  startReview: (id: string) => api.post<ItemView>(itemPath(id, '/review/start'), {}),
  review: (id: string, input: ReviewInput) => api.post<ItemView>(itemPath(id, '/review'), input),
  approve: (id: string, opinion: string) => api.post<ItemView>(itemPath(id, '/approve'), { opinion }),
  reject: (id: string, opinion: string) => api.post<ItemView>(itemPath(id, '/reject'), { opinion }),
  withdraw: (id: string, reason: string) => api.post<ItemView>(itemPath(id, '/withdraw'), { reason }),
  setValidity: (
    id: string,
    input: {
      validity: 'invalid' | 'repealed';
      date: string;
      replacedByItemId?: string | null;
      note?: string;
    },
  ) => api.post<ItemView>(itemPath(id, '/validity'), input),
  newRevision: (id: string, changeNote?: string) =>
    api.post<ItemView>(itemPath(id, '/revisions'), changeNote ? { changeNote } : {}),

  history: (id: string, signal?: AbortSignal) =>
    api.get<{ events: ItemEvent[] }>(itemPath(id, '/history'), undefined, signal).then((r) => r.events),
  queues: (signal?: AbortSignal) =>
    api
      .get<{ queues: Record<QueueState, ItemSummary[]> }>('/api/catalog/queues', undefined, signal)
      .then((r) => r.queues),
  dashboard: (signal?: AbortSignal) => api.get<DashboardView>('/api/catalog/dashboard', undefined, signal),
  retryDelivery: (id: string) =>
    api.post<DeliveryView>(`/api/catalog/deliveries/${encodeURIComponent(id)}/retry`, {}),
  runDue: () => api.post<{ published: number; deliveries: number }>('/api/catalog/run-due', {}),

  reviewFormUrl: (id: string, reviewId?: string) =>
    itemPath(id, '/review-form.docx') + (reviewId ? `?reviewId=${encodeURIComponent(reviewId)}` : ''),
  metadataDocUrl: (id: string) => itemPath(id, '/metadata.docx'),
  attachmentUploadUrl: (id: string) => itemPath(id, '/attachments'),
};

/**
 * Uploads one file with progress (fetch has no upload progress, so XMLHttpRequest). Sends the
 * CSRF token like every other write; resolves with the server's JSON, rejects with its problem.
 */
export function uploadWithProgress<T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const token = api.getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const doc = body as Partial<ProblemDocument> | undefined;
      reject(
        new ApiError(
          doc && typeof doc.code === 'string'
            ? { ...doc, status: doc.status ?? xhr.status, code: doc.code, detail: doc.detail ?? '上传失败' }
            : { status: xhr.status, code: `http_${xhr.status}`, detail: `上传失败（HTTP ${xhr.status}）` },
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'network_error', detail: '无法连接服务器，上传失败' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, code: 'aborted', detail: '已取消上传' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
