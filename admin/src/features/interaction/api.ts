/** Calls and shapes of /api/interaction (types from the contract, contract/interaction.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/interaction';
import { api, ApiError } from '../../api/client';

export type ItemSummary = Static<typeof C.ItemSummary>;
export type ItemDetail = Static<typeof C.ItemDetail>;
export type KindSettings = Static<typeof C.KindSettings> & { label: string };
export type StatCell = Static<typeof C.StatCell>;
export type Stats = Static<typeof C.Stats>;
export type ImportResult = Static<typeof C.ImportResult>;
export type Consultation = Static<typeof C.Consultation>;
export type Comment = Static<typeof C.Comment>;
export type ConsultationInput = Static<typeof C.ConsultationInput>;
export interface Labelled {
  value: string;
  label: string;
}
export interface Meta {
  kinds: Labelled[];
  channels: Labelled[];
  staffChannels: Labelled[];
  statuses: Labelled[];
  ratings: Labelled[];
}
export interface Snippet {
  id: string;
  title: string;
  body: string;
}
export interface Preview {
  subject: string;
  question: string;
  reply: string;
  removed: { kind: string; count: number }[];
  blocking: { labelZh: string; masked: string }[];
}

const BASE = '/api/interaction';

export const interactionApi = {
  meta: (signal?: AbortSignal) => api.get<Meta>(`${BASE}/meta`, undefined, signal),
  list: (q: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) =>
    api.get<{ items: ItemSummary[]; total: number; page: number; pageSize: number }>(
      `${BASE}/items`,
      q,
      signal,
    ),
  board: (signal?: AbortSignal) =>
    api.get<{ overdue: ItemSummary[]; dueSoon: ItemSummary[]; open: number }>(
      `${BASE}/board`,
      undefined,
      signal,
    ),
  get: (id: string, signal?: AbortSignal) => api.get<ItemDetail>(`${BASE}/items/${id}`, undefined, signal),
  history: (id: string, signal?: AbortSignal) =>
    api.get<{ at: string; actorName: string; action: string; summary: string }[]>(
      `${BASE}/items/${id}/history`,
      undefined,
      signal,
    ),
  create: (body: Record<string, unknown>) =>
    api.post<{ item: ItemDetail; queryCode: string }>(`${BASE}/items`, body),
  action: (id: string, action: string, body: Record<string, unknown> = {}) =>
    api.post<ItemDetail>(`${BASE}/items/${id}/${action}`, body),
  preview: (id: string, body: Record<string, unknown> = {}) =>
    api.post<Preview>(`${BASE}/items/${id}/publication-preview`, body),
  unmask: (id: string, reason: string) =>
    api.post<{ name: string; phone: string | null; email: string | null; address: string | null }>(
      `${BASE}/items/${id}/unmask`,
      { reason },
    ),
  resetCode: (id: string) => api.post<{ queryCode: string }>(`${BASE}/items/${id}/reset-query-code`),
  transferTargets: () => api.get<{ id: string; name: string }[]>(`${BASE}/transfer-targets`),
  settings: (signal?: AbortSignal) => api.get<KindSettings[]>(`${BASE}/settings`, undefined, signal),
  putSettings: (body: Omit<KindSettings, 'label'>) =>
    api.request<KindSettings[]>('PUT', `${BASE}/settings`, { body }),
  snippets: (signal?: AbortSignal) => api.get<Snippet[]>(`${BASE}/snippets`, undefined, signal),
  saveSnippet: (body: { id?: string | null; title: string; body: string }) =>
    api.post<Snippet>(`${BASE}/snippets`, body),
  deleteSnippet: (id: string) => api.delete<{ ok: boolean }>(`${BASE}/snippets/${id}`),
  stats: (q: { from?: string; to?: string }, signal?: AbortSignal) =>
    api.get<Stats>(`${BASE}/stats`, q, signal),
  tokenInfo: (signal?: AbortSignal) =>
    api.get<{ issuedAt: string | null }>(`${BASE}/inbound-token`, undefined, signal),
  rotateToken: () => api.post<{ token: string }>(`${BASE}/inbound-token`),
  templateUrl: `${BASE}/orders/template.csv`,
  consultations: (signal?: AbortSignal) =>
    api.get<Consultation[]>(`${BASE}/consultations`, undefined, signal),
  consultation: (id: string, signal?: AbortSignal) =>
    api.get<Consultation & { comments: Comment[] }>(`${BASE}/consultations/${id}`, undefined, signal),
  createConsultation: (body: ConsultationInput) => api.post<Consultation>(`${BASE}/consultations`, body),
  publishConsultation: (id: string) => api.post<Consultation>(`${BASE}/consultations/${id}/publish`),
  publishResult: (id: string, body: { adoptionSummary: string; finalText: string }) =>
    api.post<Consultation>(`${BASE}/consultations/${id}/result`, body),
  moderate: (id: string, approve: boolean) =>
    api.post<Comment>(`${BASE}/comments/${id}/moderate`, { approve }),
  adopt: (id: string, adopted: boolean, note: string) =>
    api.post<Comment>(`${BASE}/comments/${id}/adoption`, { adopted, note }),

  /** Uploads a 12345 order file (multipart) with the CSRF token. */
  async importOrders(file: File): Promise<ImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = api.getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
    const res = await fetch(`${BASE}/orders/import`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => null)) as
      (ImportResult & { code?: string; detail?: string }) | null;
    if (!res.ok)
      throw new ApiError({
        status: res.status,
        code: body?.code ?? `http_${res.status}`,
        detail: body?.detail ?? `上传失败（HTTP ${res.status}）`,
      });
    return body as ImportResult;
  },
};
