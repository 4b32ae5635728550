/**
 * Typed calls to the catalog (主动公开) API: server/modules/catalog/catalog.routes.ts, documented in
 * server/modules/catalog/API.md. The shapes are the contract's (contract/catalog.ts).
 */
import type {
  ColumnViewT as ColumnView,
  DashboardViewT as DashboardView,
  DeliveryViewT as DeliveryView,
  ItemBodyT as ItemInput,
  ItemEventT as ItemEvent,
  ItemPageT,
  ItemQueryT as ItemQuery,
  ItemSummaryT as ItemSummary,
  ItemViewT as ItemView,
  LinkViewT as LinkView,
  LiveScanBodyT,
  QueueStateT as QueueState,
  ReviewBodyT as ReviewInput,
  ScanResultT as ScanResult,
  UpdateColumnBodyT,
  ValidityBodyT,
} from '@contract/catalog';
import { api, ApiError } from '../../api/client';
import type { ProblemDocument } from '../../api/types';

export type {
  AttachmentViewT as AttachmentView,
  ChannelNameT as ChannelName,
  ChecklistKeyT as ChecklistKey,
  ChecklistT as Checklist,
  ColumnViewT as ColumnView,
  DashboardViewT as DashboardView,
  DeliveryViewT as DeliveryView,
  DocKindT as DocKind,
  FindingT as Finding,
  ItemActionT as ItemAction,
  ItemBodyT as ItemInput,
  ItemEventT as ItemEvent,
  ItemQueryT as ItemQuery,
  ItemStatusT as ItemStatus,
  ItemSummaryT as ItemSummary,
  ItemViewT as ItemView,
  LinkViewT as LinkView,
  QueueStateT as QueueState,
  ReviewBodyT as ReviewInput,
  RevisionStateT as RevisionState,
  RevisionViewT as RevisionView,
  ScanResultT as ScanResult,
  UpdateClassT as UpdateClass,
  ValidityT as Validity,
} from '@contract/catalog';

/** What the column editor sends (create needs name, code and update class; edit sends what changed). */
export type ColumnInput = UpdateColumnBodyT & { parentId?: string | null };
/** What the live scan sends while the clerk types (nothing is saved). */
export type LiveScanInput = LiveScanBodyT;

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

  items: (q: ItemQuery, signal?: AbortSignal) => api.get<ItemPageT>('/api/catalog/items', { ...q }, signal),
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
  setValidity: (id: string, input: ValidityBodyT) => api.post<ItemView>(itemPath(id, '/validity'), input),
  newRevision: (id: string, changeNote?: string) =>
    api.post<ItemView>(itemPath(id, '/revisions'), changeNote ? { changeNote } : {}),

  history: (id: string, signal?: AbortSignal) =>
    api.get<{ events: ItemEvent[] }>(itemPath(id, '/history'), undefined, signal).then((r) => r.events),
  queues: (signal?: AbortSignal) =>
    api
      .get<{ queues: Partial<Record<QueueState, ItemSummary[]>> }>('/api/catalog/queues', undefined, signal)
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
