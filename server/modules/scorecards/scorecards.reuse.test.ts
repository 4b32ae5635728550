import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { setScorecardSources } from './scorecards.adapters.js';
import type { IndicatorSource, SourceFacts } from './scorecards.sources.js';
import { periodClosed } from './scorecards.versions.js';

interface Item {
  indicatorId: string;
  kind: string;
  status: string;
  recordsTotal: number;
}
interface Row {
  agencyName: string;
  agencyId: string;
  cardId: string | null;
}

describeEachDialect(
  'scorecards: a closed period reuses the cards of agencies whose data did not change',
  (getDb) => {
    let t: TestApp;
    let supervisor: Client, office: Client, auditor: Client;
    let previous = '';
    /** What the fake source reports as overdue cases right now, for every agency. */
    let overdue = 1;
    let reads: string[][] = [];

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-06T02:00:00Z' });
      supervisor = await signedIn(t.app, 'supervisor');
      office = await signedIn(t.app, 'office');
      auditor = await signedIn(t.app, 'auditor');
      const sets = (await supervisor.get('/api/scorecard-sets')).json<{ items: { period: string }[] }>();
      // The demo's earlier quarter: over before the app's day.
      previous = sets.items.map((s) => s.period).sort()[0]!;
    }, 300_000);
    afterAll(async () => {
      await t?.app.close();
    });
    afterEach(() => setScorecardSources(null));

    const fake: IndicatorSource = {
      metrics: ['requests_overdue'],
      async facts(_ctx, _metric, ids) {
        reads.push([...ids]);
        const out = new Map<string, SourceFacts>();
        for (const id of ids)
          out.set(id, {
            count: overdue,
            base: 10,
            records: Array.from({ length: overdue }, (_, i) => ({
              id: `case-${i}`,
              label: `依申请〔2026〕${i}号`,
              href: null,
              note: null,
            })),
            recordsTotal: overdue,
          });
        return out;
      },
    };

    async function setId(period: string): Promise<string> {
      const sets = (await supervisor.get('/api/scorecard-sets')).json();
      return sets.items.find((s: { period: string }) => s.period === period).id as string;
    }
    async function compute(period: string, body: Record<string, unknown> = {}) {
      const res = await supervisor.post(`/api/scorecard-sets/${await setId(period)}/compute`, body);
      expect(res.statusCode).toBe(200);
      return res.json<{
        rows: Row[];
        compute: { reread: number; reused: number; closedPeriod: boolean };
      }>();
    }
    async function overdueOf(cardId: string): Promise<number> {
      const card = (await supervisor.get(`/api/scorecard-cards/${cardId}`)).json();
      return (card.items as Item[]).find((i) => i.kind === 'requests_overdue')!.recordsTotal;
    }

    it('only the closed period is reused; an audited change of one agency re-reads that agency only; force re-reads all', async () => {
      expect(periodClosed('2026-09-30', '2026-12-06')).toBe(true);
      expect(periodClosed('2026-12-31', '2026-12-06')).toBe(false);
      setScorecardSources([fake]);

      // The closed quarter, forced: every agency read.
      overdue = 1;
      reads = [];
      const first = await compute(previous, { force: true });
      const scored = first.rows.filter((r) => r.cardId);
      expect(scored.length).toBeGreaterThanOrEqual(3);
      expect(first.compute).toEqual({ reread: scored.length, reused: 0, closedPeriod: true });
      expect(reads.flat().sort()).toEqual(scored.map((r) => r.agencyId).sort());
      const yjj = scored.find((r) => r.agencyName === '示例市应急管理局')!;
      const other = scored.find((r) => r !== yjj)!;
      expect(await overdueOf(yjj.cardId!)).toBe(1);

      // The source would now say 3, but no agency's data changed (nothing audited): nothing is read, the
      // cards stand as computed.
      overdue = 3;
      reads = [];
      const same = await compute(previous);
      expect(same.compute).toEqual({ reread: 0, reused: scored.length, closedPeriod: true });
      expect(reads).toEqual([]);
      expect(await overdueOf(yjj.cardId!)).toBe(1);

      // The agency contests an item: an audited write of 示例市应急管理局 → its card alone is re-read.
      const card = (await office.get(`/api/scorecard-cards/${yjj.cardId}`)).json();
      const item = (card.items as Item[]).find((i) => i.kind === 'requests_overdue')!;
      const contest = await office.post(`/api/scorecard-cards/${yjj.cardId}/contests`, {
        indicatorId: item.indicatorId,
        reason: '其中一件已于期限内答复，请核实。',
      });
      expect(contest.statusCode).toBe(200);
      reads = [];
      const one = await compute(previous);
      expect(one.compute).toEqual({ reread: 1, reused: scored.length - 1, closedPeriod: true });
      expect(reads).toEqual([[yjj.agencyId]]);
      expect(await overdueOf(yjj.cardId!)).toBe(3);
      expect(await overdueOf(other.cardId!)).toBe(1);

      // force re-reads everyone.
      const forced = await compute(previous, { force: true });
      expect(forced.compute.reread).toBe(scored.length);
      expect(await overdueOf(other.cardId!)).toBe(3);

      // The running quarter (the app's clock says 2026-12-06) is never reused: its facts move with every day.
      const created = await supervisor.post('/api/scorecard-sets', { period: '2026-Q4' });
      expect([201, 409]).toContain(created.statusCode);
      const open = await compute('2026-Q4');
      const again = await compute('2026-Q4');
      expect(again.compute.reused).toBe(0);
      expect(open.compute).toMatchObject({ reused: 0, closedPeriod: false });
      expect(open.compute.reread).toBe(open.rows.filter((r) => r.cardId).length);

      // Every compute is audited with how many cards were re-read and reused.
      const log = await auditor.get('/api/audit?action=scorecards.compute');
      expect(log.statusCode).toBe(200);
      expect(JSON.stringify(log.json())).toContain('reused');
    });
  },
  { seeded: true },
);
