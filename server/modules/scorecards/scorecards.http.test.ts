import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import PizZip from 'pizzip';
import ExcelJS from 'exceljs';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../../../test/http.js';
import { setScorecardSources } from './scorecards.adapters.js';
import type { IndicatorSource, SourceFacts } from './scorecards.sources.js';

interface Item {
  indicatorId: string;
  kind: string;
  name: string;
  status: string;
  score: number | null;
  explanation: string;
  records: { id: string; label: string; href: string | null }[];
  recordsTotal: number;
  adjustment: unknown;
}

describeEachDialect(
  'scorecards over HTTP',
  (getDb) => {
    let t: TestApp;
    let supervisor: Client, office: Client, clerk: Client, auditor: Client;
    /** The demo's two periods (this quarter and the last, relative to the day the template was seeded). */
    let current = '';
    let previous = '';

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false, now: '2026-12-06T02:00:00Z' });
      supervisor = await signedIn(t.app, 'supervisor');
      office = await signedIn(t.app, 'office');
      clerk = await signedIn(t.app, 'clerk');
      auditor = await signedIn(t.app, 'auditor');
      const sets = (await supervisor.get('/api/scorecard-sets')).json<{ items: { period: string }[] }>();
      [current, previous] = sets.items.map((s) => s.period) as [string, string];
    }, 300_000);
    afterAll(async () => {
      await t?.app.close();
    });
    afterEach(() => setScorecardSources(null));

    async function currentSet() {
      const list = await supervisor.get('/api/scorecard-sets');
      expect(list.statusCode).toBe(200);
      const set = list.json().items.find((s: { period: string }) => s.period === current);
      expect(set).toBeTruthy();
      return set as { id: string; revision: number };
    }

    it('the demo: last quarter and this quarter scored for the departments, ranked, with reasons and records', async () => {
      const list = (await supervisor.get('/api/scorecard-sets')).json();
      expect(list.canManage).toBe(true);
      expect(list.items).toHaveLength(2);
      expect(current).toMatch(/^\d{4}-Q[1-4]$/);
      expect(previous).toBe(
        current.endsWith('Q1')
          ? `${Number(current.slice(0, 4)) - 1}-Q4`
          : `${current.slice(0, 6)}${Number(current.slice(6)) - 1}`,
      );
      const set = await currentSet();
      const ranking = (await supervisor.get(`/api/scorecard-sets/${set.id}/ranking`)).json();
      const yjj = ranking.rows.find((r: { agencyName: string }) => r.agencyName === '示例市应急管理局');
      expect(yjj).toMatchObject({ outdated: false });
      expect(yjj.rank).toBeGreaterThanOrEqual(1);
      expect(yjj.cardId).toBeTruthy();
      const card = (await supervisor.get(`/api/scorecard-cards/${yjj.cardId}`)).json();
      expect(card.agencyName).toBe('示例市应急管理局');
      expect(card.items).toHaveLength(9);
      const byKind = (k: string) => card.items.find((i: Item) => i.kind === k) as Item;
      // Every scored automatic item says why, from the data
      for (const i of card.items as Item[]) {
        expect(i.explanation.length).toBeGreaterThan(4);
        if (i.status === 'scored') expect(i.score).not.toBeNull();
        else expect(i.score).toBeNull();
      }
      expect(byKind('manual').status).toBe('pending');
      // 督办 tasks have no data source wired in this build: 未接入数据, never a made-up score
      const tasks = byKind('tasks_on_time_rate');
      if (tasks.status === 'unavailable') expect(tasks.explanation).toContain('未接入数据');
      expect(card.provisional).toBe(true);
      const scoredSum = (card.items as Item[]).reduce((s, i) => s + (i.score ?? 0), 0);
      expect(card.total).toBeCloseTo(scoredSum, 2);
      // last quarter: the manual indicator is scored with its evidence
      const last = list.items.find((s: { period: string }) => s.period === previous);
      const lastRanking = (await supervisor.get(`/api/scorecard-sets/${last.id}/ranking`)).json();
      const lastCard = (
        await supervisor.get(
          `/api/scorecard-cards/${lastRanking.rows.find((r: { agencyName: string }) => r.agencyName === '示例市应急管理局').cardId}`,
        )
      ).json();
      const manual = lastCard.items.find((i: Item) => i.kind === 'manual');
      expect(manual).toMatchObject({ status: 'scored', score: 9 });
      expect(manual.explanation).toContain('培训签到表');
    });

    it('validates indicator sets and copies the previous period', async () => {
      const bad = await supervisor.post('/api/scorecard-sets', {
        period: '2027-Q1',
        indicators: [{ kind: 'manual', name: '只有一项', weight: 50, rule: { type: 'manual' } }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('weights_total');
      const mismatch = await supervisor.post('/api/scorecard-sets', {
        period: '2027-Q1',
        indicators: [
          {
            kind: 'catalog_stale_columns',
            name: '栏目',
            weight: 100,
            rule: { type: 'rate_linear', full: 1, zero: 0 },
          },
        ],
      });
      expect(mismatch.json().code).toBe('rule_measure');
      expect((await supervisor.post('/api/scorecard-sets', { period: '2026-Q5' })).statusCode).toBe(400);
      const dup = await supervisor.post('/api/scorecard-sets', { period: current });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('scorecard_set_exists');
      const noPrev = await supervisor.post('/api/scorecard-sets', { period: '2020', copyFromPrevious: true });
      expect(noPrev.json().code).toBe('no_previous_set');
      const base = await supervisor.post('/api/scorecard-sets', { period: '2027-Q2' });
      expect(base.statusCode).toBe(201);
      const copied = await supervisor.post('/api/scorecard-sets', {
        period: '2027-Q3',
        copyFromPrevious: true,
      });
      expect(copied.statusCode).toBe(201);
      expect(copied.json().indicators.map((i: { name: string }) => i.name)).toEqual(
        (await supervisor.get(`/api/scorecard-sets/${(await currentSet()).id}`))
          .json()
          .indicators.map((i: { name: string }) => i.name),
      );
      expect(copied.json().title).toBe('2027年第三季度政务公开工作考核');
      // a period that has not started cannot be computed
      const early = await supervisor.post(`/api/scorecard-sets/${copied.json().id}/compute`, {});
      expect(early.statusCode).toBe(409);
      expect((await supervisor.delete(`/api/scorecard-sets/${copied.json().id}`)).statusCode).toBe(200);
      expect((await supervisor.delete(`/api/scorecard-sets/${base.json().id}`)).statusCode).toBe(200);
      // the office and a clerk manage nothing
      expect((await office.post('/api/scorecard-sets', { period: '2027-Q2' })).statusCode).toBe(403);
      expect((await clerk.get('/api/scorecard-sets')).statusCode).toBe(403);
    });

    it('scores from the sources with every point traced to its records; editing marks cards outdated until recomputed', async () => {
      const set = await currentSet();
      const detail = (await supervisor.get(`/api/scorecard-sets/${set.id}`)).json();
      const fake: IndicatorSource = {
        metrics: ['catalog_on_time_rate', 'requests_overdue', 'tasks_on_time_rate'],
        async facts(_ctx, metric, ids) {
          const out = new Map<string, SourceFacts>();
          for (const id of ids) {
            if (metric === 'requests_overdue')
              out.set(id, {
                count: 2,
                records: [
                  {
                    id: 'case-1',
                    label: '依申请〔2026〕1号',
                    href: '/admin/requests/case-1',
                    note: '逾期3个工作日',
                  },
                  { id: 'case-2', label: '依申请〔2026〕2号', href: '/admin/requests/case-2', note: null },
                ],
                recordsTotal: 2,
              });
            else if (metric === 'tasks_on_time_rate')
              out.set(id, {
                numerator: 3,
                denominator: 4,
                records: [{ id: 't1', label: '督办：栏目超期未更新', href: null, note: null }],
                recordsTotal: 1,
              });
            else out.set(id, { numerator: 16, denominator: 20, records: [], recordsTotal: 4 });
          }
          return out;
        },
      };
      setScorecardSources([fake]);
      const ranking = (await supervisor.post(`/api/scorecard-sets/${set.id}/compute`, {})).json();
      expect(ranking.unavailable).toContain('网站自查发现问题');
      const row = ranking.rows.find((r: { agencyName: string }) => r.agencyName === '示例市应急管理局');
      const card = (await supervisor.get(`/api/scorecard-cards/${row.cardId}`)).json();
      const item = (k: string) => card.items.find((i: Item) => i.kind === k) as Item;
      expect(item('requests_overdue')).toMatchObject({ status: 'scored', score: 5, recordsTotal: 2 });
      expect(item('requests_overdue').explanation).toBe('2项，每项扣5分，扣10分，得5分');
      expect(item('requests_overdue').records.map((r) => r.href)).toEqual([
        '/admin/requests/case-1',
        '/admin/requests/case-2',
      ]);
      expect(item('catalog_on_time_rate').score).toBe(8.57);
      expect(item('tasks_on_time_rate').score).toBe(5); // 75% between 50% (0) and 100% (full) of 10 points
      expect(item('selfcheck_findings').status).toBe('unavailable');
      expect(item('selfcheck_findings').explanation).toContain('未接入数据');
      expect(card.total).toBe(18.57);
      // edit the set: the card is outdated until recomputed, then stable
      const indicators = detail.indicators.map(
        (i: { id: string; kind: string; name: string; weight: number; rule: unknown }) => ({
          id: i.id,
          kind: i.kind,
          name: i.name,
          weight: i.weight,
          rule: i.kind === 'requests_overdue' ? { type: 'per_item', deduction: 2, free: 1 } : i.rule,
        }),
      );
      const upd = await supervisor.request('PUT', `/api/scorecard-sets/${set.id}`, {
        title: detail.title,
        indicators,
      });
      expect(upd.statusCode).toBe(200);
      expect(upd.json().revision).toBe(detail.revision + 1);
      expect((await supervisor.get(`/api/scorecard-cards/${row.cardId}`)).json()).toMatchObject({
        outdated: true,
        total: 18.57,
      });
      await supervisor.post(`/api/scorecard-sets/${set.id}/compute`, { agencyId: row.agencyId });
      const again = (await supervisor.get(`/api/scorecard-cards/${row.cardId}`)).json();
      expect(again.outdated).toBe(false);
      expect(again.items.find((i: Item) => i.kind === 'requests_overdue').score).toBe(13);
      const log = (await auditor.get('/api/audit?action=scorecards.compute')).json();
      expect(log.total).toBeGreaterThanOrEqual(2);
      expect((await auditor.get('/api/audit?action=scorecards.set.update')).json().total).toBe(1);
    });

    it('the agency sees its own card, contests an item; the supervisor rejects, then accepts with a new score', async () => {
      const sets = (await office.get('/api/scorecard-sets')).json();
      expect(sets.canManage).toBe(false);
      const mine = sets.items.find((s: { period: string }) => s.period === current);
      expect(mine.myCardId).toBeTruthy();
      const card = (await office.get(`/api/scorecard-cards/${mine.myCardId}`)).json();
      expect(card).toMatchObject({ canContest: true, canManage: false, agencyName: '示例市应急管理局' });
      expect((await office.get(`/api/scorecard-sets/${mine.id}/ranking`)).statusCode).toBe(403);
      expect((await office.post(`/api/scorecard-sets/${mine.id}/compute`, {})).statusCode).toBe(403);
      expect((await clerk.get(`/api/scorecard-cards/${mine.myCardId}`)).statusCode).toBe(403);
      const target = (card.items as Item[]).find((i) => i.status === 'scored' && i.kind !== 'manual')!;
      const unavailable = (card.items as Item[]).find((i) => i.status === 'unavailable');
      if (unavailable) {
        const refused = await office.post(`/api/scorecard-cards/${mine.myCardId}/contests`, {
          indicatorId: unavailable.indicatorId,
          reason: '理由',
        });
        expect(refused.json().code).toBe('contest_unavailable_item');
      }
      const c1 = await office.post(`/api/scorecard-cards/${mine.myCardId}/contests`, {
        indicatorId: target.indicatorId,
        reason: '其中一件案件已于期限内邮寄答复，附EMS回执。',
      });
      expect(c1.statusCode).toBe(200);
      const contest = c1.json().contests[0];
      expect(contest).toMatchObject({ state: 'open', stateLabel: '待答复', before: target.score });
      const twice = await office.post(`/api/scorecard-cards/${mine.myCardId}/contests`, {
        indicatorId: target.indicatorId,
        reason: '再次',
      });
      expect(twice.json().code).toBe('contest_open');
      expect(
        (
          await office.post(`/api/scorecard-contests/${contest.id}/answer`, {
            accept: true,
            reply: 'x',
            score: 1,
          })
        ).statusCode,
      ).toBe(403);
      const rejected = await supervisor.post(`/api/scorecard-contests/${contest.id}/answer`, {
        accept: false,
        reply: '回执日期晚于期限。',
      });
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json().contests[0]).toMatchObject({ state: 'rejected', reply: '回执日期晚于期限。' });
      expect(rejected.json().total).toBe(card.total);
      expect(
        (
          await supervisor.post(`/api/scorecard-contests/${contest.id}/answer`, { accept: false, reply: 'x' })
        ).json().code,
      ).toBe('contest_answered');
      const c2 = (
        await office.post(`/api/scorecard-cards/${mine.myCardId}/contests`, {
          indicatorId: target.indicatorId,
          reason: '补充邮寄凭证。',
        })
      ).json();
      const open = c2.contests.find((c: { state: string }) => c.state === 'open');
      const noScore = await supervisor.post(`/api/scorecard-contests/${open.id}/answer`, {
        accept: true,
        reply: '凭证属实。',
      });
      expect(noScore.json().code).toBe('score_required');
      const newScore = Math.min(
        target.score! + 1,
        (card.items as (Item & { weight: number })[]).find((i) => i.indicatorId === target.indicatorId)!
          .weight,
      );
      const accepted = (
        await supervisor.post(`/api/scorecard-contests/${open.id}/answer`, {
          accept: true,
          reply: '凭证属实。',
          score: newScore,
        })
      ).json();
      const item = accepted.items.find((i: Item) => i.indicatorId === target.indicatorId);
      expect(item).toMatchObject({
        score: newScore,
        computedScore: target.score,
        adjustment: { score: newScore, reply: '凭证属实。' },
      });
      expect(item.explanation).toContain('经申诉复核调整');
      expect(accepted.total).toBeCloseTo(card.total - target.score! + newScore, 2);
      // recomputing keeps the accepted adjustment
      await supervisor.post(`/api/scorecard-sets/${mine.id}/compute`, {});
      const after = (await office.get(`/api/scorecard-cards/${mine.myCardId}`)).json();
      expect(after.items.find((i: Item) => i.indicatorId === target.indicatorId).score).toBe(newScore);
      for (const action of [
        'scorecards.contest.create',
        'scorecards.contest.reject',
        'scorecards.contest.accept',
      ])
        expect((await auditor.get(`/api/audit?action=${action}`)).json().total).toBeGreaterThanOrEqual(1);
    });

    it('scores a manual indicator with evidence and an attachment the agency can download', async () => {
      const set = await currentSet();
      const detail = (await supervisor.get(`/api/scorecard-sets/${set.id}`)).json();
      const manual = detail.indicators.find((i: { kind: string }) => i.kind === 'manual');
      const ranking = (await supervisor.get(`/api/scorecard-sets/${set.id}/ranking`)).json();
      const row = ranking.rows.find((r: { agencyName: string }) => r.agencyName === '示例市应急管理局');
      const tooHigh = await supervisor.request('PUT', `/api/scorecard-sets/${set.id}/manual-scores`, {
        indicatorId: manual.id,
        agencyId: row.agencyId,
        score: 11,
        evidence: '超分',
      });
      expect(tooHigh.json().code).toBe('score_out_of_range');
      const res = await supervisor.request('PUT', `/api/scorecard-sets/${set.id}/manual-scores`, {
        indicatorId: manual.id,
        agencyId: row.agencyId,
        score: 8.5,
        evidence: '培训记录齐全，领导小组会议纪要缺1次。',
        attachment: { fileName: '培训签到表.txt', contentBase64: Buffer.from('签到表').toString('base64') },
      });
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((i: { kind: string }) => i.kind === 'manual');
      expect(item).toMatchObject({
        status: 'scored',
        score: 8.5,
        manual: { attachmentName: '培训签到表.txt' },
      });
      const file = await office.get(`/api/scorecard-manual-scores/${item.manual.id}/attachment`);
      expect(file.statusCode).toBe(200);
      expect(file.body).toBe('签到表');
      const auto = detail.indicators.find((i: { kind: string }) => i.kind !== 'manual');
      const notManual = await supervisor.request('PUT', `/api/scorecard-sets/${set.id}/manual-scores`, {
        indicatorId: auto.id,
        agencyId: row.agencyId,
        score: 1,
        evidence: 'x',
      });
      expect(notManual.statusCode).toBe(409);
    });

    it('exports the card and the ranking as .docx and .xlsx with Chinese headers', async () => {
      const set = await currentSet();
      const ranking = (await supervisor.get(`/api/scorecard-sets/${set.id}/ranking`)).json();
      const cardId = ranking.rows.find(
        (r: { agencyName: string }) => r.agencyName === '示例市应急管理局',
      ).cardId;
      const docx = await office.get(`/api/scorecard-cards/${cardId}/card.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-disposition']).toContain(encodeURIComponent('考核结果.docx'));
      const xml = new PizZip(docx.rawPayload).file('word/document.xml')!.asText();
      for (const h of ['指标及评分规则', '得分说明', '依据记录', '示例市应急管理局', '合计'])
        expect(xml).toContain(h);
      expect(xml).toContain('w:orient="landscape"');
      const rdocx = await supervisor.get(`/api/scorecard-sets/${set.id}/ranking.docx`);
      expect(new PizZip(rdocx.rawPayload).file('word/document.xml')!.asText()).toContain('名次');
      const xlsx = await supervisor.get(`/api/scorecard-sets/${set.id}/ranking.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('排名')!;
      expect(ws.getRow(1).getCell(2).value).toBe('机关');
      expect(ws.pageSetup.paperSize).toBe(9);
      const cx = await supervisor.get(`/api/scorecard-cards/${cardId}/card.xlsx`);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(cx.rawPayload as unknown as ArrayBuffer);
      expect(wb2.worksheets.map((w) => w.name)).toEqual(['考核结果', '依据记录']);
      expect((await clerk.get(`/api/scorecard-sets/${set.id}/ranking.xlsx`)).statusCode).toBe(403);
    });

    it('nothing due is 不适用: no points either way, and the ranking goes by score share (earned / could be scored)', async () => {
      const set = await currentSet();
      const before = (await supervisor.get(`/api/scorecard-sets/${set.id}/ranking`)).json();
      const idName = new Map<string, string>(
        before.rows.map((r: { agencyId: string; agencyName: string }) => [r.agencyId, r.agencyName]),
      );
      // 应急管理局 had nothing due in any automatic metric; every other department had some, not all on time.
      const idle = (id: string) => idName.get(id) === '示例市应急管理局';
      const fake: IndicatorSource = {
        metrics: [
          'catalog_on_time_rate',
          'catalog_stale_columns',
          'requests_overdue',
          'interaction_on_time_rate',
        ],
        async facts(_ctx, metric, ids) {
          const out = new Map<string, SourceFacts>();
          for (const id of ids) {
            const none = { records: [], recordsTotal: 0 };
            if (metric === 'catalog_stale_columns' || metric === 'requests_overdue')
              out.set(id, idle(id) ? { count: 0, base: 0, ...none } : { count: 1, base: 5, ...none });
            else
              out.set(
                id,
                idle(id)
                  ? { numerator: 0, denominator: 0, ...none }
                  : { numerator: 9, denominator: 10, ...none },
              );
          }
          return out;
        },
      };
      setScorecardSources([fake]);
      const ranking = (await supervisor.post(`/api/scorecard-sets/${set.id}/compute`, {})).json();
      type Row = {
        agencyName: string;
        rank: number | null;
        total: number;
        scoredMax: number;
        share: number | null;
        cardId: string;
      };
      const rows = ranking.rows as Row[];
      const idleRow = rows.find((r) => r.agencyName === '示例市应急管理局')!;
      const busy = rows.filter((r) => r.agencyName !== '示例市应急管理局' && r.cardId);
      expect(busy.length).toBeGreaterThan(0);
      // ranked by share, highest first; the share is shown with both of its numbers
      const ranked = rows.filter((r) => r.rank !== null);
      for (const [k, r] of ranked.entries()) {
        expect(r.share).toBeCloseTo((r.total / r.scoredMax) * 100, 1);
        if (k > 0) expect(r.share!).toBeLessThanOrEqual(ranked[k - 1]!.share!);
      }
      expect(rows.slice(ranked.length).every((r) => r.rank === null)).toBe(true);
      const card = (await supervisor.get(`/api/scorecard-cards/${idleRow.cardId}`)).json();
      const item = (k: string) =>
        card.items.find((i: Item) => i.kind === k) as Item & { statusLabel: string };
      for (const k of [
        'catalog_on_time_rate',
        'catalog_stale_columns',
        'requests_overdue',
        'interaction_on_time_rate',
      ]) {
        expect(item(k)).toMatchObject({ status: 'not_applicable', statusLabel: '不适用', score: null });
        expect(item(k).explanation).toContain('不适用');
      }
      // 未接入数据 stays distinct from 不适用
      expect(item('selfcheck_findings').status).toBe('unavailable');
      // the four 不适用 items (15 + 10 + 15 + 10 points) neither add points nor count as could-be-scored
      expect(card.notApplicable).toBe(50);
      const scored = (card.items as (Item & { weight: number })[]).filter((i) => i.status === 'scored');
      expect(card.scoredMax).toBeCloseTo(
        scored.reduce((t, i) => t + i.weight, 0),
        2,
      );
      expect(card.total).toBeCloseTo(
        scored.reduce((t, i) => t + (i.score ?? 0), 0),
        2,
      );
      expect(idleRow.scoredMax).toBe(card.scoredMax);
      // the agency cannot contest an item that was not scored
      const office0 = (await office.get('/api/scorecard-sets')).json();
      const mine = office0.items.find((s: { period: string }) => s.period === current);
      expect(mine.myCardId).toBe(idleRow.cardId);
      const refused = await office.post(`/api/scorecard-cards/${mine.myCardId}/contests`, {
        indicatorId: item('requests_overdue').indicatorId,
        reason: '理由',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('contest_not_applicable_item');
      // a busy card: both numbers and the share, in the view and the exports
      const busyCard = (await supervisor.get(`/api/scorecard-cards/${busy[0]!.cardId}`)).json();
      expect(busyCard.share).toBeCloseTo((busyCard.total / busyCard.scoredMax) * 100, 1);
      const xml = new PizZip(
        (await supervisor.get(`/api/scorecard-cards/${busy[0]!.cardId}/card.docx`)).rawPayload,
      )
        .file('word/document.xml')!
        .asText();
      expect(xml).toContain(`可得分${busyCard.scoredMax}分`);
      expect(xml).toContain('得分率');
      const idleXml = new PizZip(
        (await supervisor.get(`/api/scorecard-cards/${idleRow.cardId}/card.docx`)).rawPayload,
      )
        .file('word/document.xml')!
        .asText();
      expect(idleXml).toContain('不适用');
      const xlsx = await supervisor.get(`/api/scorecard-sets/${set.id}/ranking.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('排名')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 5)).toEqual(['名次', '机关', '得分', '可得分', '得分率（%）']);
      expect(ws.getRow(2).getCell(1).value).toBe(1);
    });
  },
  { seeded: true },
);
