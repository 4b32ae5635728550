/** Calls of /api/warnings (server/modules/warnings/warnings.routes.ts); shapes from contract/warnings.ts. */
import type { Static } from 'typebox';
import { api } from '../../api/client';
import type * as C from '../../../../contract/warnings';

export type WarningView = Static<typeof C.WarningView>;
export type WarningBody = Static<typeof C.WarningBody>;
export type RecipientView = Static<typeof C.RecipientView>;

export const warningsApi = {
  list: (page: number) =>
    api.get<{ items: WarningView[]; total: number }>('/api/warnings', { page, pageSize: 20 }),
  get: (id: string) => api.get<{ warning: WarningView; chain: WarningView[] }>(`/api/warnings/${id}`),
  recipients: (id: string) =>
    api.get<{ items: RecipientView[] }>(`/api/warnings/${id}/recipients`, { pageSize: 100 }),
  create: (b: WarningBody) => api.post<{ id: string }>('/api/warnings', b),
  submit: (id: string) => api.post(`/api/warnings/${id}/submit`),
  approve: (id: string) => api.post<{ recipients: number; messages: number }>(`/api/warnings/${id}/approve`),
  reject: (id: string, reason: string) => api.post(`/api/warnings/${id}/reject`, { reason }),
  lift: (id: string, note: string) => api.post<{ id: string }>(`/api/warnings/${id}/lift`, { note }),
  runJobs: () => api.post<{ escalated: number; expired: number; sent: number }>('/api/warnings/run-jobs'),
};

export const KIND_LABELS = {
  meteorological: '气象',
  geological: '地质灾害',
  forest_fire: '森林火险',
  work_safety: '安全生产',
  other: '其他',
} as const;
export const LEVEL_LABELS = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;
export const LEVEL_COLORS = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' } as const;
export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  pending: '待审批',
  published: '已发布',
  superseded: '已更新',
  lifted: '已解除',
  expired: '已过期',
};
export const GROUP_LABELS = { unit: '下属单位', staff: '本机关工作人员', enterprise: '企业' } as const;
