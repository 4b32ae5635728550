/**
 * Dates a person sees are China dates (UTC+8) whatever the server's own zone: the date-sensitive
 * suites run again in a child process under TZ=America/Los_Angeles (UTC−8/−7, the far side of the
 * date line from China) and TZ=Asia/Shanghai, so code that reads the local zone (getDate(),
 * toLocaleDateString(), new Date(y, m, d)) fails here even though CI's machine runs in UTC.
 * The main run itself is the TZ=UTC one. Bounded: pure rule suites only, 5 minutes per zone.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chinaDateOf, fixedClock, todayInChina } from '../server/platform/clock.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Suites whose answers depend on calendar dates: statutory clocks, calendars, period rules. */
export const DATE_SUITES = [
  'server/platform/calendar/work-calendar.test.ts',
  'server/modules/requests/deadlines.test.ts',
  'server/modules/requests/receipt-date.test.ts',
  'server/modules/requests/fees.test.ts',
  'server/modules/search/walk-range.test.ts',
  'server/modules/audit/audit.rules.test.ts',
  'server/modules/calendar/calendar.rules.test.ts',
  'server/modules/catalog/catalog.rules.test.ts',
  'server/modules/enforcement/enforcement.rules.test.ts',
  'server/modules/enterprises/enterprises.rules.test.ts',
  'server/modules/events/events.rules.test.ts',
  'server/modules/interaction/interaction.rules.test.ts',
  'server/modules/scorecards/scorecards.rules.test.ts',
  'server/modules/selfcheck/selfcheck.rules.test.ts',
  'server/modules/statistics/statistics.rules.test.ts',
  'server/modules/supervision/supervision.rules.test.ts',
  'test/timezones.test.ts',
  // The console's times (browser zone ≠ China in a test run).
  'admin/src/components/format.test.ts',
];

const NESTED = 'GONGKAI_TZ_NESTED';

describe('China dates whatever the server’s time zone', () => {
  it('01:11 China time on 2 March is 2 March, in this process’s zone too', () => {
    // 2026-03-01T17:11Z is 01:11 on 2 March in China and 09:11 on 1 March in Los Angeles.
    expect(chinaDateOf('2026-03-01T17:11:00Z')).toBe('2026-03-02');
    expect(todayInChina(fixedClock('2026-03-01T17:11:00Z'))).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(todayInChina(fixedClock('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    // In the nested runs the process really is in the other zone.
    const nested = process.env[NESTED];
    if (nested) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(nested);
  });

  it.runIf(!process.env[NESTED]).each(['America/Los_Angeles', 'Asia/Shanghai'])(
    'the date-sensitive suites pass under TZ=%s',
    (tz) => {
      const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
      const run = spawnSync(vitest, ['run', ...DATE_SUITES], {
        cwd: ROOT,
        // No PostgreSQL template for pure suites; the nested run does not spawn again.
        env: { ...process.env, TZ: tz, [NESTED]: tz, TEST_DATABASE_URL: '', NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
        timeout: 300_000,
      });
      const out = `${run.stdout}\n${run.stderr}`;
      expect(run.error, out.slice(-4000)).toBeUndefined();
      expect(run.status, out.slice(-4000)).toBe(0);
      // The child really ran in that zone and ran every suite.
      expect(out).toMatch(new RegExp(`Test Files\\s+\\S*${DATE_SUITES.length} passed`));
    },
    330_000,
  );
});
