/** Calls and shapes of /api/calendar (server/modules/calendar/calendar.routes.ts). */
import { api } from '../../api/client';

export type CoverageStatus = 'builtin' | 'override' | 'missing';

export const COVERAGE_LABELS: Record<CoverageStatus, string> = {
  builtin: '内置数据',
  override: '管理员录入',
  missing: '未发布',
};

export interface YearListItem {
  year: number;
  status: CoverageStatus;
  builtIn: boolean;
  source: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface YearList {
  currentYear: number;
  calendarVersion: string;
  items: YearListItem[];
}

export interface ScheduleView {
  holidays: string[];
  adjustedWorkdays: string[];
  holidayNames: Record<string, string>;
  source: string;
}

export interface YearView {
  year: number;
  status: CoverageStatus;
  builtIn: boolean;
  schedule: ScheduleView | null;
  builtInSchedule: ScheduleView | null;
  override: {
    source: string;
    note: string | null;
    updatedAt: string;
    updatedByName: string;
    createdAt: string;
  } | null;
}

export interface ScheduleInput {
  holidays: string[];
  adjustedWorkdays: string[];
  holidayNames: Record<string, string>;
  source: string;
  note: string | null;
}

export interface ChangeResult {
  year: YearView;
  changed: boolean;
  recomputed: { module: string; summary: string; affected?: number }[];
}

export interface WorkdaysResult {
  start: string;
  n: number;
  date: string;
  countedDays: string[];
  skippedDays: { date: string; reason: string }[];
  adjustedWorkdaysCounted: string[];
  uncoveredYears: number[];
  estimated: boolean;
  notice: string | null;
  explanation: string;
  calendarVersion: string;
}

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
