/**
 * Calls to /api/enforcement (server/modules/enforcement/enforcement.routes.ts). The shapes are the
 * contract's (contract/enforcement.ts), and so are the labels the server shows too
 * (contract/enforcement.labels.ts); only the console's own labels and colours are declared here.
 */
import type {
  AccidentBodyT,
  AccidentDetailT,
  AccidentViewT,
  CounterpartyTypeT,
  DecisionBodyT,
  DecisionDetailT,
  DecisionKindT,
  DecisionPageT,
  DecisionQueryT,
  DecisionViewT,
  HazardBodyT,
  HazardDetailT,
  HazardViewT,
  ImportJobViewT,
  ImportModeT,
  ItemBodyT,
  ItemViewT,
  LegalStatusBodyT,
  LegalStatusT,
  PubStateT,
  SettingsT,
  TransitionBodyT,
  WorkflowActionT,
} from '@contract/enforcement';
import { ACTION_LABELS } from '@contract/enforcement.labels';
import { api, ApiError } from '../../api/client';

// The labels the server shows too (portal, import columns) are the contract's; colours and the rest are the console's.
export * from '@contract/enforcement.labels';

export type DecisionKind = DecisionKindT;
export type CounterpartyType = CounterpartyTypeT;
export type LegalStatus = LegalStatusT;
export type PubState = PubStateT;
export type WorkflowAction = WorkflowActionT;
export type DecisionInput = DecisionBodyT;
export type DecisionView = DecisionViewT;
export type DecisionDetail = DecisionDetailT;
export type DecisionFilter = Omit<DecisionQueryT, 'orgId'>;
export type ItemView = ItemViewT;
export type ImportJobView = ImportJobViewT;
/** A record as listed, or as read with the actions the user may take now (detail). */
export type AccidentView = AccidentViewT & Partial<Pick<AccidentDetailT, 'allowedActions'>>;
export type HazardView = HazardViewT & Partial<Pick<HazardDetailT, 'allowedActions'>>;
export type Settings = SettingsT;

export const PUB_STATE_COLORS: Record<PubState, string> = {
  draft: 'default',
  review: 'orange',
  approval: 'gold',
  published: 'green',
  taken_down: 'red',
};
export const HISTORY_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  create: '登记',
  update: '修改',
  correct: '更正',
  revoke: '撤销',
  withdraw: '撤回决定',
  import_create: '批量导入',
  import_update: '批量导入更新',
};

const BASE = '/api/enforcement';

export const enforcementApi = {
  list: (f: DecisionFilter, signal?: AbortSignal) =>
    api.get<DecisionPageT>(`${BASE}/decisions`, { ...f }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<DecisionDetail>(`${BASE}/decisions/${id}`, undefined, signal),
  create: (input: DecisionInput) => api.post<DecisionView>(`${BASE}/decisions`, input),
  update: (id: string, input: DecisionInput) => api.patch<DecisionView>(`${BASE}/decisions/${id}`, input),
  remove: (id: string) => api.delete(`${BASE}/decisions/${id}`),
  transition: (id: string, action: WorkflowAction, reason?: string) =>
    api.post<DecisionView>(`${BASE}/decisions/${id}/transition`, {
      action,
      reason: reason ?? null,
    } satisfies TransitionBodyT),
  legalStatus: (id: string, body: LegalStatusBodyT) =>
    api.post<DecisionDetail>(`${BASE}/decisions/${id}/legal-status`, body),
  settings: () => api.get<Settings>(`${BASE}/settings`),
  saveSettings: (s: Settings) => api.request<Settings>('PUT', `${BASE}/settings`, { body: s }),
  items: (year?: number, signal?: AbortSignal) =>
    api.get<{ items: ItemView[] }>(`${BASE}/items`, { year }, signal),
  createItem: (i: ItemBodyT) => api.post<ItemView>(`${BASE}/items`, i),
  updateItem: (id: string, i: ItemBodyT) => api.patch<ItemView>(`${BASE}/items/${id}`, i),
  deleteItem: (id: string) => api.delete(`${BASE}/items/${id}`),
  imports: (signal?: AbortSignal) =>
    api.get<{ items: ImportJobView[] }>(`${BASE}/imports`, undefined, signal),
  importJob: (id: string) => api.get<ImportJobView>(`${BASE}/imports/${id}`),
  accidents: (q: { level?: string; year?: number; page?: number }, signal?: AbortSignal) =>
    api.get<{ items: AccidentView[]; total: number }>(`${BASE}/accidents`, q, signal),
  accident: (id: string) => api.get<AccidentDetailT>(`${BASE}/accidents/${id}`),
  saveAccident: (id: string | null, body: AccidentBodyT) =>
    id
      ? api.patch<AccidentView>(`${BASE}/accidents/${id}`, body)
      : api.post<AccidentView>(`${BASE}/accidents`, body),
  hazards: (q: { status?: string; year?: number; q?: string; page?: number }, signal?: AbortSignal) =>
    api.get<{ items: HazardView[]; total: number }>(`${BASE}/hazards`, q, signal),
  hazard: (id: string) => api.get<HazardDetailT>(`${BASE}/hazards/${id}`),
  saveHazard: (id: string | null, body: HazardBodyT) =>
    id ? api.patch<HazardView>(`${BASE}/hazards/${id}`, body) : api.post<HazardView>(`${BASE}/hazards`, body),
  transitionRecord: (kind: 'accidents' | 'hazards', id: string, action: WorkflowAction, reason?: string) =>
    api.post<AccidentView | HazardView>(`${BASE}/${kind}/${id}/transition`, {
      action,
      reason: reason ?? null,
    } satisfies TransitionBodyT),
  templateUrl: (format: 'xlsx' | 'csv') => `${BASE}/imports/template.${format}`,
  errorReportUrl: (id: string) => `${BASE}/imports/${id}/errors.xlsx`,

  /** Uploads an import file (multipart) with the CSRF token, like every other write. */
  async upload(file: File, mode: ImportModeT): Promise<ImportJobView> {
    const form = new FormData();
    form.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = api.getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
    const res = await fetch(`${BASE}/imports?mode=${mode}`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => null)) as
      (ImportJobView & { code?: string; detail?: string }) | null;
    if (!res.ok)
      throw new ApiError({
        status: res.status,
        code: body?.code ?? `http_${res.status}`,
        detail: body?.detail ?? `上传失败（HTTP ${res.status}）`,
      });
    return body as ImportJobView;
  },
};

/** Yuan text (两位小数) of fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
