/**
 * The report's facts sources are wired on the container (annualReportModule.wire → `annualReport.sources`)
 * and swapped there: a container built with fake sources generates its reports from them over HTTP, while a
 * container built without the swap reads the live modules. Two containers in one process never share them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { signedIn } from '../../../test/http.js';
import { loadConfig } from '../../config.js';
import { buildContainer, type Container } from '../../container.js';
import { buildApp, type App } from '../../http/app.js';
import { fixedClock } from '../../platform/clock.js';
import { liveSources } from './report-sources.js';
import { emptyLedger, fakeSources, sampleLedger, type FakeLedger } from './testing/fake-sources.js';

/** A year with no report in the seeded template (its demo report is of a recent year). */
const YEAR = 2021;

/** The sample ledger's cases (2024–2025) moved four years back, into YEAR. */
function casesOf(year: number): FakeLedger {
  const shift = year - 2025;
  return {
    ...emptyLedger(),
    cases: sampleLedger().cases.map((c) => ({
      ...c,
      receivedYear: c.receivedYear + shift,
      closedYear: c.closedYear === null ? null : c.closedYear + shift,
    })),
  };
}

describeEachDialect(
  'annual-report sources wired on the container',
  (getDb) => {
    const config = loadConfig({
      DATA_DIR: '/tmp/gongkai-test',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'sqlite::memory:',
    });
    const clock = fixedClock('2026-01-15T02:00:00Z');
    const fake = fakeSources(casesOf(YEAR));
    let swapped: Container, live: Container;
    let swappedApp: App, liveApp: App;

    beforeAll(async () => {
      const database = getDb();
      swapped = await buildContainer(config, {
        clock,
        database,
        migrate: false,
        providers: { 'annualReport.sources': fake },
      });
      live = await buildContainer(config, { clock, database, migrate: false });
      swappedApp = await buildApp(swapped, { logger: false });
      liveApp = await buildApp(live, { logger: false });
    }, 120_000);
    afterAll(async () => {
      await swappedApp?.close();
      await liveApp?.close();
    });

    it('each container holds its own sources: the live modules unless a test swaps them', () => {
      expect(live.providers.get('annualReport.sources')).toBe(liveSources);
      expect(swapped.providers.get('annualReport.sources')).toBe(fake);
    });

    it('the HTTP API generates from the container’s sources, not from a module-level import', async () => {
      const office = await signedIn(swappedApp, 'office');
      const res = await office.post('/api/annual-reports', { year: YEAR });
      expect(res.statusCode, res.body).toBe(201);
      const report = res.json<{
        orgId: string;
        tables: { table3: Record<string, number[]> };
        drill: Record<string, { ids: string[] }>;
      }>();
      const facts = await fake.requests(swapped.ctx, report.orgId, YEAR);
      const received = facts.table3.new.total.count;
      expect(received).toBeGreaterThan(0);
      expect(report.tables.table3.new![6]).toBe(received);
      // the drill-down lists the fake ledger's case ids, which no table of the database holds
      expect([...report.drill['table3|new|total']!.ids].sort()).toEqual(
        [...facts.table3.new.total.records].sort(),
      );

      // The same database through the container without the swap: the live requests module's counts.
      const liveOffice = await signedIn(liveApp, 'office');
      const again = await liveOffice.post(`/api/annual-reports`, { year: YEAR });
      expect(again.statusCode, again.body).toBe(201);
      const liveFacts = await liveSources.requests(live.ctx, report.orgId, YEAR);
      expect(again.json<{ tables: { table3: Record<string, number[]> } }>().tables.table3.new![6]).toBe(
        liveFacts.table3.new.total.count,
      );
      expect(liveFacts.table3.new.total.records).not.toEqual(facts.table3.new.total.records);
    });
  },
  { seeded: true },
);
