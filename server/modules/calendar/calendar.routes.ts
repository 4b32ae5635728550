import { Type } from 'typebox';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { Nullable } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import { MAX_WORKDAYS } from '../../platform/calendar/work-calendar.js';
import * as service from './calendar.service.js';
import { MAX_YEAR, MIN_YEAR } from './calendar.rules.js';

const Status = Type.Union([Type.Literal('builtin'), Type.Literal('override'), Type.Literal('missing')]);
const DateList = Type.Array(Type.String({ maxLength: 10 }), { maxItems: 400 });

const ScheduleView = Type.Object({
  holidays: Type.Array(Type.String()),
  adjustedWorkdays: Type.Array(Type.String()),
  holidayNames: Type.Record(Type.String(), Type.String()),
  source: Type.String(),
});

const YearView = Type.Object({
  year: Type.Integer(),
  status: Status,
  builtIn: Type.Boolean(),
  schedule: Nullable(ScheduleView),
  builtInSchedule: Nullable(ScheduleView),
  override: Nullable(
    Type.Object({
      source: Type.String(),
      note: Nullable(Type.String()),
      updatedAt: Type.String(),
      updatedByName: Type.String(),
      createdAt: Type.String(),
    }),
  ),
});

const ChangeView = Type.Object({
  year: YearView,
  changed: Type.Boolean(),
  recomputed: Type.Array(
    Type.Object({ module: Type.String(), summary: Type.String(), affected: Type.Optional(Type.Integer()) }),
  ),
});

const YearParams = Type.Object({ year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }) });

/** Reading the calendar: everyone who handles deadlines, plus the calendar admins (sysadmin). */
const READ = needs('calendar.manage', 'business.read');

export async function calendarRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/calendar/years', {
    config: { access: READ },
    schema: {
      tags: ['工作日历'],
      summary: '各年度放假安排的覆盖情况（内置数据 / 管理员录入 / 未发布）',
      response: {
        200: Type.Object({
          currentYear: Type.Integer(),
          calendarVersion: Type.String(),
          items: Type.Array(
            Type.Object({
              year: Type.Integer(),
              status: Status,
              builtIn: Type.Boolean(),
              source: Nullable(Type.String()),
              holidayCount: Type.Integer(),
              adjustedWorkdayCount: Type.Integer(),
              updatedAt: Nullable(Type.String()),
              updatedByName: Nullable(Type.String()),
            }),
          ),
        }),
      },
    },
    handler: async () => service.listYears(c.ctx),
  });

  app.get('/api/calendar/years/:year', {
    config: { access: READ },
    schema: { tags: ['工作日历'], summary: '某年放假安排', params: YearParams, response: { 200: YearView } },
    handler: async (req) => service.getYear(c.ctx, req.params.year),
  });

  app.put('/api/calendar/years/:year', {
    config: { access: needs('calendar.manage') },
    schema: {
      tags: ['工作日历'],
      summary: '录入或更正某年放假安排（依据国务院办公厅通知；记入审计日志）',
      params: YearParams,
      body: Type.Object({
        holidays: DateList,
        adjustedWorkdays: DateList,
        holidayNames: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 20 }))),
        source: Type.String({ maxLength: 300 }),
        note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
      }),
      response: { 200: ChangeView },
    },
    handler: async (req) => service.putYear(c.ctx, req.actor, req.params.year, req.body),
  });

  app.delete('/api/calendar/years/:year', {
    config: { access: needs('calendar.manage') },
    schema: {
      tags: ['工作日历'],
      summary: '撤销管理员录入，恢复内置数据（无内置数据的年份恢复为未发布）',
      params: YearParams,
      response: { 200: ChangeView },
    },
    handler: async (req) => service.deleteYear(c.ctx, req.actor, req.params.year),
  });

  app.get('/api/calendar/add-workdays', {
    config: { access: READ },
    schema: {
      tags: ['工作日历'],
      summary: '工作日计算器：某日之后第 n 个工作日（起算日不计入）',
      querystring: Type.Object({
        date: Type.String({ maxLength: 10 }),
        n: Type.Integer({ minimum: 0, maximum: MAX_WORKDAYS }),
      }),
      response: {
        200: Type.Object({
          start: Type.String(),
          n: Type.Integer(),
          date: Type.String(),
          countedDays: Type.Array(Type.String()),
          skippedDays: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() })),
          adjustedWorkdaysCounted: Type.Array(Type.String()),
          uncoveredYears: Type.Array(Type.Integer()),
          estimated: Type.Boolean(),
          notice: Nullable(Type.String()),
          explanation: Type.String(),
          calendarVersion: Type.String(),
        }),
      },
    },
    handler: async (req) => service.addWorkdays(c.ctx, req.query.date, req.query.n),
  });
}
