/**
 * Working-day calendar administration (工作日历) and the shared loader every statutory clock uses.
 *
 * The calendar is the vendored chinese-days data plus year schedules entered or corrected by an admin
 * (each one replaces the package data for its year). `loadWorkCalendar(ctx)` builds it, cached per
 * database and per change revision. Other modules subscribe with `onCalendarChanged` to recompute what
 * depends on the calendar in the same transaction as the change (see README.md in this folder).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { assertCan, type Actor } from '../../platform/actor.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { EventBus } from '../../platform/events.js';
import { notFound } from '../../platform/errors.js';
import { packageSchedule, WorkCalendar, type YearSchedule } from '../../platform/calendar/work-calendar.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './calendar.repository.js';
import type { CalendarYearRow } from './calendar.repository.js';
import {
  affectedYears,
  assertYear,
  builtInYears,
  coverageList,
  explainAddWorkdays,
  normaliseSchedule,
  type CoverageStatus,
  type ScheduleInput,
  type WorkdaysExplanation,
  type YearCoverage,
} from './calendar.rules.js';

type Db = Kysely<DB>;

// ---------------------------------------------------------------------------------------------------
// Loader (cached per database object and revision)

const cache = new WeakMap<object, { revision: number; calendar: WorkCalendar }>();

function rowToSchedule(row: CalendarYearRow): YearSchedule {
  return {
    year: Number(row.year),
    holidays: JSON.parse(row.holidays) as string[],
    adjustedWorkdays: JSON.parse(row.adjusted_workdays) as string[],
    holidayNames: JSON.parse(row.holiday_names) as Record<string, string>,
    source: row.source,
  };
}

async function buildCalendar(db: Db): Promise<WorkCalendar> {
  return new WorkCalendar((await repo.listYears(db)).map(rowToSchedule));
}

/**
 * The working-day calendar in force: built-in data + admin schedules. One cheap query (the revision)
 * per call; the calendar itself is rebuilt only after a change, including one made by another process.
 * Inside a transaction pass `{ ...ctx, db: trx }` to see that transaction's own changes.
 */
export async function loadWorkCalendar(ctx: Pick<Ctx, 'db'>): Promise<WorkCalendar> {
  const revision = await repo.revision(ctx.db);
  const hit = cache.get(ctx.db);
  if (hit && hit.revision === revision) return hit.calendar;
  const calendar = await buildCalendar(ctx.db);
  cache.set(ctx.db, { revision, calendar });
  return calendar;
}

/** Drops the cached calendar of a database (the revision check makes this optional; tests use it). */
export function invalidateWorkCalendar(db: object): void {
  cache.delete(db);
}

// ---------------------------------------------------------------------------------------------------
// Change listeners

/** What changed, handed to listeners inside the change's transaction. */
export interface CalendarChange {
  year: number;
  kind: 'put' | 'delete';
  /** The year's effective schedule before/after (null = not covered, Mon–Fri estimate). */
  before: YearSchedule | null;
  after: YearSchedule | null;
  /** Years whose working days may differ (the year, plus December of the previous one if touched). */
  affectedYears: number[];
  previousCalendar: WorkCalendar;
  calendar: WorkCalendar;
  actor: Actor;
}

/** A listener's account of what it recomputed, returned to the admin who made the change. */
export interface CalendarChangeReport {
  module: string;
  /** Chinese sentence, e.g. "已重新计算 3 件依申请公开案件的期限". */
  summary: string;
  affected?: number;
}

/**
 * Called inside the transaction of a schedule change with `{ ...ctx, db: trx }`: recompute (and audit)
 * whatever depends on working days. Throwing rolls the schedule change back.
 */
export type CalendarChangeListener = (
  trxCtx: Ctx,
  change: CalendarChange,
) => Promise<CalendarChangeReport | void>;

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A year's schedule changed; handlers run inside the change's transaction (`ctx.db` is it). */
    'calendar.changed': { ctx: Ctx; change: CalendarChange };
  }
  interface DomainEventResults {
    'calendar.changed': CalendarChangeReport;
  }
}

/**
 * Subscribes to year-schedule changes on a container's event bus (call it from a module's `wire(c)`).
 * `name` identifies the subscriber (subscribing the same name again replaces it). Returns an unsubscribe.
 */
export function onCalendarChanged(
  events: EventBus,
  name: string,
  listener: CalendarChangeListener,
): () => void {
  return events.subscribe('calendar.changed', name, async ({ ctx, change }) => {
    const report = await listener(ctx, change);
    return report ? { ...report, module: report.module || name } : undefined;
  });
}

/** Tells the subscribers of the context's bus (none without a container, e.g. the CLI's bare context). */
async function notify(trxCtx: Ctx, change: CalendarChange): Promise<CalendarChangeReport[]> {
  const answers = (await trxCtx.events?.publish('calendar.changed', { ctx: trxCtx, change })) ?? [];
  return answers.map((a) => a.result);
}

// ---------------------------------------------------------------------------------------------------
// Queries

export interface YearScheduleView {
  holidays: string[];
  adjustedWorkdays: string[];
  holidayNames: Record<string, string>;
  source: string;
}

export interface CalendarYearView extends YearCoverage {
  /** The schedule in force for the year (null when missing: Mon–Fri estimate). */
  schedule: YearScheduleView | null;
  /** What the built-in data says (null when the package does not cover the year). */
  builtInSchedule: YearScheduleView | null;
  /** The admin entry, if any. */
  override: {
    source: string;
    note: string | null;
    updatedAt: string;
    updatedByName: string;
    createdAt: string;
  } | null;
}

let builtInYearsCache: number[] | undefined;
function knownBuiltInYears(): number[] {
  builtInYearsCache ??= builtInYears();
  return builtInYearsCache;
}

function toScheduleView(s: YearSchedule | null): YearScheduleView | null {
  if (!s) return null;
  return {
    holidays: s.holidays,
    adjustedWorkdays: s.adjustedWorkdays,
    holidayNames: s.holidayNames ?? {},
    source: s.source,
  };
}

function yearView(year: number, row: CalendarYearRow | undefined): CalendarYearView {
  const builtIn = packageSchedule(year);
  const status: CoverageStatus = row ? 'override' : builtIn ? 'builtin' : 'missing';
  return {
    year,
    status,
    builtIn: builtIn !== null,
    schedule: toScheduleView(row ? rowToSchedule(row) : builtIn),
    builtInSchedule: toScheduleView(builtIn),
    override: row
      ? {
          source: row.source,
          note: row.note,
          updatedAt: row.updated_at,
          updatedByName: row.updated_by_name,
          createdAt: row.created_at,
        }
      : null,
  };
}

export interface YearListItem extends YearCoverage {
  source: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** Every year worth listing with its coverage status, newest first. */
export async function listYears(
  ctx: Ctx,
): Promise<{ items: YearListItem[]; currentYear: number; calendarVersion: string }> {
  const rows = await repo.listYears(ctx.db);
  const byYear = new Map(rows.map((r) => [Number(r.year), r]));
  const currentYear = Number(todayInChina(ctx.clock).slice(0, 4));
  const items = coverageList(knownBuiltInYears(), [...byYear.keys()], currentYear).map((c) => {
    const v = yearView(c.year, byYear.get(c.year));
    return {
      ...c,
      source: v.schedule?.source ?? null,
      holidayCount: v.schedule?.holidays.length ?? 0,
      adjustedWorkdayCount: v.schedule?.adjustedWorkdays.length ?? 0,
      updatedAt: v.override?.updatedAt ?? null,
      updatedByName: v.override?.updatedByName ?? null,
    };
  });
  return { items, currentYear, calendarVersion: (await loadWorkCalendar(ctx)).versionId() };
}

/** One year's schedule: in force, built-in, and the admin entry. */
export async function getYear(ctx: Ctx, year: number): Promise<CalendarYearView> {
  assertYear(year);
  return yearView(year, await repo.findYear(ctx.db, year));
}

/** The console calculator / CLI: n working days after a date, explained. */
export async function addWorkdays(ctx: Ctx, date: string, n: number): Promise<WorkdaysExplanation> {
  const calendar = await loadWorkCalendar(ctx);
  return explainAddWorkdays(calendar, date, n);
}

// ---------------------------------------------------------------------------------------------------
// Changes (permission `calendar.manage`, audited, listeners notified in the same transaction)

export interface ChangeResult {
  year: CalendarYearView;
  /** False when the submitted schedule equals the one already entered (nothing recorded). */
  changed: boolean;
  recomputed: CalendarChangeReport[];
}

function auditShape(s: YearSchedule | null, origin: CoverageStatus, note?: string | null) {
  if (!s) return { origin };
  return {
    origin,
    source: s.source,
    holidays: s.holidays,
    adjustedWorkdays: s.adjustedWorkdays,
    holidayNames: s.holidayNames ?? {},
    ...(note ? { note } : {}),
  };
}

/** Enters or corrects a year's schedule (transcribed from the 国办 notice). */
export async function putYear(
  ctx: Ctx,
  actor: Actor,
  year: number,
  input: ScheduleInput,
): Promise<ChangeResult> {
  assertCan(actor, 'calendar.manage');
  const schedule = normaliseSchedule(year, input);
  return inTransaction(ctx, async (trx) => {
    const trxCtx: Ctx = { ...ctx, db: trx };
    const existing = await repo.findYear(trx, year);
    const builtIn = packageSchedule(year);
    const before = existing ? rowToSchedule(existing) : builtIn;
    const row = {
      holidays: JSON.stringify(schedule.holidays),
      adjusted_workdays: JSON.stringify(schedule.adjustedWorkdays),
      holiday_names: JSON.stringify(schedule.holidayNames ?? {}),
      source: schedule.source,
      note: schedule.note,
    };
    if (
      existing &&
      existing.holidays === row.holidays &&
      existing.adjusted_workdays === row.adjusted_workdays &&
      existing.holiday_names === row.holiday_names &&
      existing.source === row.source &&
      existing.note === row.note
    )
      return { year: yearView(year, existing), changed: false, recomputed: [] };

    const previousCalendar = await buildCalendar(trx);
    const now = nowIso(ctx.clock);
    const who = { updated_by: actor.userId, updated_by_name: actor.name, updated_at: now };
    if (existing) await repo.updateYear(trx, year, { ...row, ...who });
    else await repo.insertYear(trx, { year, ...row, ...who, created_at: now });
    await repo.bumpRevision(trx);
    const calendar = await buildCalendar(trx);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'calendar.year.put',
      targetType: 'calendar_year',
      targetId: String(year),
      orgId: null, // platform-wide
      before: auditShape(before, existing ? 'override' : builtIn ? 'builtin' : 'missing', existing?.note),
      after: auditShape(schedule, 'override', schedule.note),
    });
    const recomputed = await notify(trxCtx, {
      year,
      kind: 'put',
      before,
      after: schedule,
      affectedYears: [
        ...new Set([...affectedYears(schedule), ...(before ? affectedYears(before) : [year])]),
      ].sort((a, b) => a - b),
      previousCalendar,
      calendar,
      actor,
    });
    const saved = await repo.findYear(trx, year);
    return { year: yearView(year, saved), changed: true, recomputed };
  });
}

/** Removes an admin entry: the year falls back to the built-in data, or to "missing" (Mon–Fri estimate). */
export async function deleteYear(ctx: Ctx, actor: Actor, year: number): Promise<ChangeResult> {
  assertCan(actor, 'calendar.manage');
  assertYear(year);
  return inTransaction(ctx, async (trx) => {
    const existing = await repo.findYear(trx, year);
    if (!existing) throw notFound('calendar_year', `${year}年没有管理员录入的放假安排`);
    const before = rowToSchedule(existing);
    const builtIn = packageSchedule(year);
    const previousCalendar = await buildCalendar(trx);
    await repo.deleteYear(trx, year);
    await repo.bumpRevision(trx);
    const calendar = await buildCalendar(trx);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'calendar.year.delete',
      targetType: 'calendar_year',
      targetId: String(year),
      orgId: null,
      before: auditShape(before, 'override', existing.note),
      after: auditShape(builtIn, builtIn ? 'builtin' : 'missing'),
    });
    const recomputed = await notify(
      { ...ctx, db: trx },
      {
        year,
        kind: 'delete',
        before,
        after: builtIn,
        affectedYears: [...new Set([...affectedYears(before), year])].sort((a, b) => a - b),
        previousCalendar,
        calendar,
        actor,
      },
    );
    return { year: yearView(year, undefined), changed: true, recomputed };
  });
}
