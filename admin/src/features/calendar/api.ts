/** Calls of /api/calendar (server/modules/calendar/calendar.routes.ts); the shapes are contract/calendar.ts's. */
import type {
  ChangeResultT as ChangeResult,
  CoverageStatusT as CoverageStatus,
  ScheduleBodyT as ScheduleInput,
  WorkdaysResultT as WorkdaysResult,
  YearListT as YearList,
  YearViewT as YearView,
} from '@contract/calendar';
import { api } from '../../api/client';

export type {
  ChangeResultT as ChangeResult,
  CoverageStatusT as CoverageStatus,
  ScheduleBodyT as ScheduleInput,
  ScheduleViewT as ScheduleView,
  WorkdaysResultT as WorkdaysResult,
  YearListItemT as YearListItem,
  YearListT as YearList,
  YearViewT as YearView,
} from '@contract/calendar';

export const COVERAGE_LABELS: Record<CoverageStatus, string> = {
  builtin: '内置数据',
  override: '管理员录入',
  missing: '未发布',
};

export const calendarApi = {
  years: (signal?: AbortSignal) => api.get<YearList>('/api/calendar/years', undefined, signal),
  year: (year: number, signal?: AbortSignal) =>
    api.get<YearView>(`/api/calendar/years/${year}`, undefined, signal),
  putYear: (year: number, body: ScheduleInput) =>
    api.request<ChangeResult>('PUT', `/api/calendar/years/${year}`, { body }),
  revertYear: (year: number) => api.request<ChangeResult>('DELETE', `/api/calendar/years/${year}`),
  addWorkdays: (date: string, n: number) =>
    api.get<WorkdaysResult>('/api/calendar/add-workdays', { date, n }),
};
