import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor, userActor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { runAddWorkdays } from '../../platform/calendar/add-workdays-command.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import * as service from './calendar.service.js';
import { createEventBus } from '../../platform/events.js';
import { cliWorkCalendar } from './calendar.cli.js';

/** Hand-worked cases (see server/platform/calendar/work-calendar.test.ts for the day-by-day counts). */
const HAND_WORKED: { start: string; n: number; date: string; estimated: boolean }[] = [
  { start: '2025-01-20', n: 7, date: '2025-02-05', estimated: false }, // 2025 春节, 1/26 调休上班
  { start: '2025-01-20', n: 20, date: '2025-02-21', estimated: false }, // 2025 春节, 2/8 调休上班
  { start: '2025-09-22', n: 20, date: '2025-10-24', estimated: false }, // 2025 国庆+中秋, 9/28 & 10/11 上班
  { start: '2026-02-09', n: 20, date: '2026-03-13', estimated: false }, // 2026 春节, 2/14 & 2/28 上班
  { start: '2026-09-21', n: 20, date: '2026-10-26', estimated: false }, // 2026 中秋+国庆, 10/10 上班
  { start: '2026-12-21', n: 20, date: '2027-01-19', estimated: true }, // 2027 not published: flagged
];

const NOTICE_2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  adjustedWorkdays: [],
  holidayNames: { '2027-01-01': '元旦' },
  source: '测试：国务院办公厅关于2027年部分节假日安排的通知',
};

function code(e: unknown): string | undefined {
  return e instanceof DomainError ? e.code : undefined;
}

describeEachDialect('calendar service', (getDb) => {
  const clock = fixedClock('2026-11-23T02:00:00Z');
  const events = createEventBus();
  const ctx = (): Ctx => ({ db: getDb().db, dialect: getDb().dialect, clock, events });
  const admin = systemActor('测试');
  const clerk = userActor({
    userId: 'u-clerk',
    name: '信息员',
    orgId: 'o1',
    divisionId: null,
    roles: ['clerk'],
  });

  it('lists coverage: built-in years, and next year missing', async () => {
    const list = await service.listYears(ctx());
    expect(list.currentYear).toBe(2026);
    expect(list.items[0]).toMatchObject({ year: 2027, status: 'missing', builtIn: false, source: null });
    expect(list.items.find((i) => i.year === 2026)).toMatchObject({
      status: 'builtin',
      source: 'chinese-days',
      adjustedWorkdayCount: 6,
    });
    expect(list.items.at(-1)?.year).toBe(2004);
  });

  it('refuses changes without calendar.manage and invalid schedules, saving nothing', async () => {
    await expect(service.putYear(ctx(), clerk, 2027, NOTICE_2027)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const err = await service
      .putYear(ctx(), admin, 2027, { ...NOTICE_2027, adjustedWorkdays: ['2027-01-01'] })
      .catch((e: unknown) => e);
    expect(code(err)).toBe('invalid_schedule');
    expect((await service.getYear(ctx(), 2027)).status).toBe('missing');
  });

  it('enters 2027: coverage, loader, audit with before/after, listeners in the same transaction', async () => {
    const seen: number[][] = [];
    const off = service.onCalendarChanged(events, 'test', async (trxCtx, change) => {
      // The listener sees the new calendar, and can read the change inside the transaction.
      expect(change.calendar.isCovered(2027)).toBe(true);
      expect(change.previousCalendar.isCovered(2027)).toBe(false);
      expect((await service.loadWorkCalendar(trxCtx)).isCovered(2027)).toBe(true);
      seen.push(change.affectedYears);
      return { module: 'test', summary: '已重新计算 0 件', affected: 0 };
    });
    const before = await service.loadWorkCalendar(ctx());
    expect(before.addWorkdays('2026-12-21', 20)).toMatchObject({ date: '2027-01-19', estimated: true });
    expect(await service.loadWorkCalendar(ctx())).toBe(before); // cached

    const res = await service.putYear(ctx(), admin, 2027, { ...NOTICE_2027, note: '首次录入' });
    off();
    expect(res.changed).toBe(true);
    // Other modules' listeners (requests) may report too once their routes are loaded in this process.
    expect(res.recomputed).toContainEqual({ module: 'test', summary: '已重新计算 0 件', affected: 0 });
    expect(seen).toEqual([[2027]]);
    expect(res.year).toMatchObject({ year: 2027, status: 'override', builtIn: false });
    expect(res.year.override).toMatchObject({ note: '首次录入', updatedByName: '系统（测试）' });

    const after = await service.loadWorkCalendar(ctx());
    expect(after).not.toBe(before);
    expect(after.addWorkdays('2026-12-21', 20)).toMatchObject({ date: '2027-01-19', estimated: false });

    const audit = await getDb()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'calendar_year')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.year.put', target_id: '2027', org_id: null });
    const summary = JSON.parse(audit[0]!.summary);
    expect(summary.before).toEqual({ origin: 'missing' });
    expect(summary.after).toMatchObject({
      origin: 'override',
      holidays: NOTICE_2027.holidays,
      note: '首次录入',
    });

    // Same schedule again: nothing recorded.
    const again = await service.putYear(ctx(), admin, 2027, { ...NOTICE_2027, note: '首次录入' });
    expect(again.changed).toBe(false);
  });

  it('a listener that fails rolls the change back', async () => {
    const off = service.onCalendarChanged(events, 'failing', async () => {
      throw new DomainError('recompute_failed', '重新计算失败');
    });
    const err = await service
      .putYear(ctx(), admin, 2028, { ...NOTICE_2027, holidays: ['2028-01-01'], holidayNames: {} })
      .catch((e: unknown) => e);
    off();
    expect(code(err)).toBe('recompute_failed');
    expect((await service.getYear(ctx(), 2028)).status).toBe('missing');
    expect((await service.loadWorkCalendar(ctx())).isCovered(2028)).toBe(false);
  });

  it('corrects a built-in year and reverts it, both audited', async () => {
    const corrected = await service.putYear(ctx(), admin, 2026, {
      holidays: ['2026-10-01'],
      adjustedWorkdays: [],
      source: '更正测试',
    });
    expect(corrected.year).toMatchObject({ status: 'override', builtIn: true });
    expect(corrected.year.builtInSchedule?.adjustedWorkdays).toHaveLength(6);
    expect((await service.loadWorkCalendar(ctx())).isWorkday('2026-10-10')).toBe(false);
    const reverted = await service.deleteYear(ctx(), admin, 2026);
    expect(reverted.year.status).toBe('builtin');
    expect((await service.loadWorkCalendar(ctx())).isWorkday('2026-10-10')).toBe(true);
    const rows = await getDb()
      .db.selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_id', '=', '2026')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['calendar.year.put', 'calendar.year.delete']);
    expect(JSON.parse(rows[0]!.summary).before).toMatchObject({ origin: 'builtin', source: 'chinese-days' });
    expect(JSON.parse(rows[1]!.summary).after).toMatchObject({ origin: 'builtin' });
    await expect(service.deleteYear(ctx(), admin, 2026)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('picks up a change made by another process (revision check, not only in-process invalidation)', async () => {
    const cal = await service.loadWorkCalendar(ctx());
    await getDb()
      .db.updateTable('calendar_state')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .execute();
    expect(await service.loadWorkCalendar(ctx())).not.toBe(cal);
  });
});

describeEachDialect(
  'calendar API',
  (getDb) => {
    let t: TestApp;
    let office: Client;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-11-23T02:00:00Z' });
      office = await signedIn(t.app, 'office');
    });

    it('answers the hand-worked cases like the CLI does', async () => {
      const pure = new WorkCalendar();
      for (const c of HAND_WORKED) {
        const res = await office.get(`/api/calendar/add-workdays?date=${c.start}&n=${c.n}`);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect({ date: body.date, estimated: body.estimated }).toEqual({
          date: c.date,
          estimated: c.estimated,
        });
        const cli = runAddWorkdays([c.start, String(c.n)], pure);
        expect(cli.stdout[0]).toBe(body.date);
        expect(cli.exitCode).toBe(c.estimated ? 3 : 0);
        if (c.estimated) {
          expect(body.notice).toBe('截止日期为预估：2027年放假安排尚未发布');
          expect(cli.stdout[1]).toBe(body.notice);
        }
      }
      const spring = (await office.get('/api/calendar/add-workdays?date=2025-01-20&n=7')).json();
      expect(spring.skippedDays[1]).toEqual({ date: '2025-01-28', reason: '法定节假日：春节（周二）' });
      expect(spring.adjustedWorkdaysCounted).toEqual(['2025-01-26']);
    });

    it('rejects bad calculator input with Chinese problems', async () => {
      const bad = await office.get('/api/calendar/add-workdays?date=2025-02-30&n=3');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'invalid_date' });
      expect(bad.json().detail).toContain('日期格式不正确');
      expect((await office.get('/api/calendar/add-workdays?date=2025-01-01&n=-1')).statusCode).toBe(400);
    });

    it('lets calendar admins enter a year (and the calculator follows); others are refused', async () => {
      const years = (await office.get('/api/calendar/years')).json();
      expect(years.items[0]).toMatchObject({ year: 2027, status: 'missing' });

      const clerk = await signedIn(t.app, 'clerk');
      expect((await clerk.get('/api/calendar/years/2026')).statusCode).toBe(200);
      const refused = await clerk.request('PUT', '/api/calendar/years/2027', NOTICE_2027);
      expect(refused.statusCode).toBe(403);
      const auditor = await signedIn(t.app, 'auditor');
      expect((await auditor.get('/api/calendar/years')).statusCode).toBe(403);

      const invalid = await office.request('PUT', '/api/calendar/years/2027', {
        ...NOTICE_2027,
        holidays: ['2029-01-01'],
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ code: 'invalid_schedule', field: 'holidays' });

      const put = await office.request('PUT', '/api/calendar/years/2027', NOTICE_2027);
      expect(put.statusCode).toBe(200);
      expect(put.json().year).toMatchObject({
        status: 'override',
        override: { updatedByName: expect.any(String) },
      });
      const calc = (await office.get('/api/calendar/add-workdays?date=2026-12-21&n=20')).json();
      expect(calc).toMatchObject({ date: '2027-01-19', estimated: false, notice: null });

      const sysadmin = await signedIn(t.app, 'sysadmin');
      const del = await sysadmin.request('DELETE', '/api/calendar/years/2027');
      expect(del.statusCode).toBe(200);
      expect(del.json().year.status).toBe('missing');
      const auditorLog = (await auditor.get('/api/audit?targetType=calendar_year')).json();
      expect(auditorLog.items.map((i: { action: string }) => i.action)).toEqual(
        expect.arrayContaining(['calendar.year.put', 'calendar.year.delete']),
      );
    });
  },
  { seeded: true },
);

describe('gongkai calendar add-workdays with a configured database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-cal-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses built-in data without a database, and the admin schedules once one exists', async () => {
    const env = { DATA_DIR: dir, DATABASE_URL: '' };
    const without = await cliWorkCalendar(env);
    expect(runAddWorkdays(['2026-12-21', '20'], without)).toEqual({
      stdout: ['2027-01-19', '截止日期为预估：2027年放假安排尚未发布'],
      exitCode: 3,
    });

    const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'gongkai.db') });
    await migrateToLatest(database);
    const ctx: Ctx = { db: database.db, dialect: 'sqlite', clock: fixedClock('2026-11-23T02:00:00Z') };
    await service.putYear(ctx, systemActor('测试'), 2027, NOTICE_2027);
    await database.close();

    const withDb = await cliWorkCalendar(env);
    expect(runAddWorkdays(['2026-12-21', '20'], withDb)).toEqual({ stdout: ['2027-01-19'], exitCode: 0 });
    for (const c of HAND_WORKED.filter((h) => !h.estimated))
      expect(runAddWorkdays([c.start, String(c.n)], withDb).stdout).toEqual([c.date]);
  });
});
