/**
 * Contract of the working calendar (工作日历, server/modules/calendar): the State Council's holiday
 * schedule per year (built in or entered by the administrator) and the working-day calculator.
 */
import { Type, type Static } from 'typebox';
import {
  IsoDate,
  IsoDateTime,
  Nullable,
  STAFF_ERRORS,
  StringEnum,
  Text,
  type RouteContract,
} from './common.js';

const TAGS = ['calendar'];

/** Years the calendar accepts (server/modules/calendar/calendar.rules.ts checks the same bounds). */
export const CALENDAR_MIN_YEAR = 1990;
export const CALENDAR_MAX_YEAR = 2200;
/** Largest n of the working-day calculator (platform/calendar/work-calendar.ts MAX_WORKDAYS). */
export const CALENDAR_MAX_WORKDAYS = 3650;

export const CoverageStatus = StringEnum(['builtin', 'override', 'missing'], {
  description: '内置数据 / 管理员录入 / 未发布',
});
export type CoverageStatusT = Static<typeof CoverageStatus>;

const DateList = Type.Array(Type.String({ maxLength: 10 }), { maxItems: 400 });

export const ScheduleView = Type.Object({
  holidays: Type.Array(IsoDate),
  adjustedWorkdays: Type.Array(IsoDate),
  holidayNames: Type.Record(Type.String(), Type.String()),
  source: Type.String(),
});
export type ScheduleViewT = Static<typeof ScheduleView>;

export const YearView = Type.Object({
  year: Type.Integer(),
  status: CoverageStatus,
  builtIn: Type.Boolean(),
  schedule: Nullable(ScheduleView),
  builtInSchedule: Nullable(ScheduleView),
  override: Nullable(
    Type.Object({
      source: Type.String(),
      note: Nullable(Type.String()),
      updatedAt: IsoDateTime,
      updatedByName: Type.String(),
      createdAt: IsoDateTime,
    }),
  ),
});
export type YearViewT = Static<typeof YearView>;

export const ChangeResult = Type.Object({
  year: YearView,
  changed: Type.Boolean(),
  recomputed: Type.Array(
    Type.Object({ module: Type.String(), summary: Type.String(), affected: Type.Optional(Type.Integer()) }),
  ),
});
export type ChangeResultT = Static<typeof ChangeResult>;

export const YearListItem = Type.Object({
  year: Type.Integer(),
  status: CoverageStatus,
  builtIn: Type.Boolean(),
  source: Nullable(Type.String()),
  holidayCount: Type.Integer(),
  adjustedWorkdayCount: Type.Integer(),
  updatedAt: Nullable(IsoDateTime),
  updatedByName: Nullable(Type.String()),
});
export type YearListItemT = Static<typeof YearListItem>;

export const YearList = Type.Object({
  currentYear: Type.Integer(),
  calendarVersion: Type.String(),
  items: Type.Array(YearListItem),
});
export type YearListT = Static<typeof YearList>;

const YearParams = Type.Object({
  year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR }),
});

export const listYears = {
  operationId: 'calendar.listYears',
  summary: '各年度放假安排的覆盖情况（内置数据 / 管理员录入 / 未发布）',
  tags: TAGS,
  response: { 200: YearList },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const getYear = {
  operationId: 'calendar.getYear',
  summary: '某年放假安排',
  tags: TAGS,
  params: YearParams,
  response: { 200: YearView },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const ScheduleBody = Type.Object({
  holidays: DateList,
  adjustedWorkdays: DateList,
  holidayNames: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 20 }))),
  source: Type.String({ maxLength: 300 }),
  note: Type.Optional(Nullable(Text(1000))),
});
export type ScheduleBodyT = Static<typeof ScheduleBody>;

export const putYear = {
  operationId: 'calendar.putYear',
  summary: '录入或更正某年放假安排',
  description: '依据国务院办公厅通知录入；记入审计日志，并重算受影响的期限。',
  tags: TAGS,
  params: YearParams,
  body: ScheduleBody,
  response: { 200: ChangeResult },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const deleteYear = {
  operationId: 'calendar.deleteYear',
  summary: '撤销管理员录入，恢复内置数据（无内置数据的年份恢复为未发布）',
  tags: TAGS,
  params: YearParams,
  response: { 200: ChangeResult },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const WorkdaysQuery = Type.Object({
  date: Type.String({ maxLength: 10 }),
  n: Type.Integer({ minimum: 0, maximum: CALENDAR_MAX_WORKDAYS }),
});

export const WorkdaysResult = Type.Object({
  start: IsoDate,
  n: Type.Integer(),
  date: IsoDate,
  countedDays: Type.Array(IsoDate),
  skippedDays: Type.Array(Type.Object({ date: IsoDate, reason: Type.String() })),
  adjustedWorkdaysCounted: Type.Array(IsoDate),
  uncoveredYears: Type.Array(Type.Integer()),
  estimated: Type.Boolean(),
  notice: Nullable(Type.String()),
  explanation: Type.String(),
  calendarVersion: Type.String(),
});
export type WorkdaysResultT = Static<typeof WorkdaysResult>;

export const addWorkdays = {
  operationId: 'calendar.addWorkdays',
  summary: '工作日计算器：某日之后第 n 个工作日（起算日不计入）',
  tags: TAGS,
  querystring: WorkdaysQuery,
  response: { 200: WorkdaysResult },
  errors: STAFF_ERRORS,
} satisfies RouteContract;
