/** Calls and shapes of the supervision API (types from the contract, contract/supervision.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/supervision';
import { api, ApiError } from '../../api/client';

export type Board = Static<typeof C.Board>;
export type AgencyRow = Static<typeof C.AgencyBoardRow>;
export type RequestRow = Static<typeof C.RequestRow>;
export type LateItemRow = Static<typeof C.LateItemRow>;
export type ColumnRow = Static<typeof C.ColumnRow>;
export type DecisionRow = Static<typeof C.DecisionRow>;
export type InteractionRow = Static<typeof C.InteractionRow>;
export type TaskView = Static<typeof C.TaskView>;
export type TaskDetail = Static<typeof C.TaskDetail>;
export type TaskFile = Static<typeof C.TaskFileView>;
export type TaskSource = Static<typeof C.TaskSource>;
export type Target = Static<typeof C.TargetView>;
export type IssueBody = Static<typeof C.IssueTaskBody>;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The drill-down boards of one agency (path segment → what it lists). */
export const BOARDS = {
  requests: '依申请公开案件',
  'late-items': '超期发布的信息（条例第二十六条）',
  columns: '超期未更新和空白栏目',
  decisions: '超过7个工作日未公示的双公示决定',
  interaction: '互动交流事项',
} as const;
export type BoardKey = keyof typeof BOARDS;

export const STATE_COLORS: Record<TaskView['state'], string> = {
  issued: 'blue',
  replied: 'gold',
  returned: 'orange',
  accepted: 'green',
  withdrawn: 'default',
};

const BASE = '/api/supervision';
type Q = Record<string, string | number | boolean | undefined>;

export const supervisionApi = {
  board: (reportYear: number | undefined, signal?: AbortSignal) =>
    api.get<Board>(`${BASE}/board`, { reportYear }, signal),
  drill: <T>(orgId: string, board: BoardKey, q: Q, signal?: AbortSignal) =>
    api.get<Page<T>>(`${BASE}/agencies/${orgId}/${board}`, q, signal),
  tasks: (q: Q, signal?: AbortSignal) => api.get<Page<TaskView>>(`${BASE}/tasks`, q, signal),
  task: (id: string, signal?: AbortSignal) => api.get<TaskDetail>(`${BASE}/tasks/${id}`, undefined, signal),
  targets: (signal?: AbortSignal) => api.get<{ items: Target[] }>(`${BASE}/targets`, undefined, signal),
  issue: (body: IssueBody) => api.post<TaskDetail>(`${BASE}/tasks`, body),
  reply: (id: string, text: string) => api.post<TaskDetail>(`${BASE}/tasks/${id}/reply`, { text }),
  accept: (id: string, note: string) =>
    api.post<TaskDetail>(`${BASE}/tasks/${id}/accept`, { note: note || null }),
  return: (id: string, reason: string) => api.post<TaskDetail>(`${BASE}/tasks/${id}/return`, { reason }),
  withdraw: (id: string, reason: string) => api.post<TaskDetail>(`${BASE}/tasks/${id}/withdraw`, { reason }),
  fileUrl: (id: string, fileId: string) => `${BASE}/tasks/${id}/files/${fileId}`,

  /** Uploads one evidence file (multipart) with the CSRF token. */
  async attach(id: string, file: File): Promise<TaskFile> {
    const form = new FormData();
    form.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = api.getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
    const res = await fetch(`${BASE}/tasks/${id}/files`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => null)) as
      (TaskFile & { code?: string; detail?: string }) | null;
    if (!res.ok)
      throw new ApiError({
        status: res.status,
        code: body?.code ?? `http_${res.status}`,
        detail: body?.detail ?? `上传失败（HTTP ${res.status}）`,
      });
    return body as TaskFile;
  },
};
