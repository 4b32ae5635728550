import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  checkClassOf,
  dueBy,
  homeStale,
  judgeColumns,
  sortFindings,
  tally,
  unansweredTooLong,
  type ColumnFact,
} from './selfcheck.rules.js';
import { scanWording, wordingList } from './selfcheck.wording.js';

const col = (over: Partial<ColumnFact>): ColumnFact => ({
  id: over.code ?? 'c',
  code: 'c',
  name: '栏目',
  updateClass: 'dynamic',
  lastPublishedOn: null,
  hasChildren: false,
  ...over,
});

describe('column classes and limits (检查指标 栏目不更新)', () => {
  it('maps the catalog classes; static 人事/规划 columns get the 1-year class, other static ones no clock', () => {
    expect(checkClassOf('dynamic', '工作动态')).toBe('dynamic');
    expect(checkClassOf('periodic', '人事信息')).toBe('periodic');
    expect(checkClassOf('static', '人事任免')).toBe('yearly');
    expect(checkClassOf('static', '规划计划')).toBe('yearly');
    expect(checkClassOf('static', '机构职能')).toBe('none');
  });

  it('due dates: 2 weeks, 6 months (month-end clamped), 1 year, none', () => {
    expect(dueBy('dynamic', '2026-11-20')).toBe('2026-12-04');
    expect(dueBy('periodic', '2026-08-31')).toBe('2027-02-28');
    expect(dueBy('yearly', '2024-02-29')).toBe('2025-02-28');
    expect(dueBy('none', '2020-01-01')).toBeNull();
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('judges leaf columns only: stale the day after the due date, blank when nothing was published', () => {
    const verdicts = judgeColumns(
      [
        col({ code: 'gzdt', name: '工作动态', lastPublishedOn: '2026-11-22' }), // due 12-06: not yet stale
        col({ code: 'aqcs', name: '安全常识', lastPublishedOn: '2026-11-21' }), // due 12-05: stale
        col({ code: 'tjxx', name: '统计信息', updateClass: 'periodic', lastPublishedOn: '2026-05-20' }),
        col({ code: 'jgzn', name: '机构职能', updateClass: 'static', lastPublishedOn: '2019-01-01' }),
        col({ code: 'empty', name: '空栏目', updateClass: 'periodic' }),
        col({ code: 'parent', name: '上级栏目', hasChildren: true }),
      ],
      '2026-12-06',
    );
    expect(verdicts.map((v) => [v.column.code, v.stale, v.blank])).toEqual([
      ['gzdt', false, false],
      ['aqcs', true, false],
      ['tjxx', true, false],
      ['jgzn', false, false],
      ['empty', false, true],
    ]);
    expect(verdicts[2]!.daysSince).toBe(200);
  });

  it('home page: stale after 14 days without anything new (or never published)', () => {
    expect(homeStale('2026-11-22', '2026-12-06')).toBe(false);
    expect(homeStale('2026-11-21', '2026-12-06')).toBe(true);
    expect(homeStale(null, '2026-12-06')).toBe(true);
  });

  it('互动回应差: unanswered for more than 3 calendar months', () => {
    expect(unansweredTooLong('2026-09-06', '2026-12-06')).toBe(false);
    expect(unansweredTooLong('2026-09-05', '2026-12-06')).toBe(true);
  });

  it('tallies by indicator and severity, and sorts 单项否决 before 扣分 before 提示 (stable within)', () => {
    const list = [
      { indicator: 'blank_column' as const, n: 1 },
      { indicator: 'dead_link' as const, n: 2 },
      { indicator: 'site_down' as const, n: 3 },
      { indicator: 'dead_link' as const, n: 4 },
    ];
    expect(tally(list)).toEqual({
      byIndicator: { blank_column: 1, dead_link: 2, site_down: 1 },
      veto: 1,
      deduct: 2,
      hint: 1,
    });
    expect(sortFindings(list).map((f) => f.n)).toEqual([3, 2, 4, 1]);
  });
});

describe('wording scanner', () => {
  it('finds the curated 错别字 with their correction and location', () => {
    const text = '市应急管理局布署安全生产大检查，要求各单位认真惯彻落实。';
    const hits = scanWording(text);
    expect(hits.map((h) => [h.found, h.suggestion, h.rule])).toEqual([
      ['布署', '部署', 'typo'],
      ['惯彻', '贯彻', 'typo'],
    ]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.found);
    expect(hits[0]!.excerpt).toContain('布署安全生产');
  });

  it('does not flag correct or ambiguous forms (既使用…又…, 既便于…, 部署, 贯彻, 即使)', () => {
    expect(scanWording('既使用信息化手段，又既便于群众办事；部署、贯彻、即使、既然、截至目前。')).toEqual([]);
  });

  it('flags 严重表述错误 in the names of the state and its organs', () => {
    const hits = scanWording('依据《中华人名共和国安全生产法》，示例市人名政府决定');
    expect(hits.map((h) => [h.found, h.rule])).toEqual([
      ['中华人名共和国', 'wording'],
      ['人名政府', 'wording'],
    ]);
  });

  it('flags outdated agency names after the 2018 reform, longest name first', () => {
    const hits = scanWording('请向市安监局报告。国家安全生产监督管理总局发布通知。');
    expect(hits.map((h) => [h.found, h.suggestion, h.rule])).toEqual([
      ['安监局', '应急管理局', 'outdated_name'],
      ['国家安全生产监督管理总局', '应急管理部', 'outdated_name'],
    ]);
  });

  it('does not flag outdated names in 《》 titles, after 原, or in sentences about years before 2018', () => {
    expect(scanWording('转发《国家安全生产监督管理总局关于加强安全生产的通知》。')).toEqual([]);
    expect(scanWording('原示例市安全生产监督管理局的职责划入应急管理局。')).toEqual([]);
    expect(scanWording('原安监局的档案已移交。')).toEqual([]);
    expect(scanWording('2016年，市安监局开展了专项整治。')).toEqual([]);
    expect(scanWording('2017-05-01起由安全生产监督管理局负责。')).toEqual([]);
    // A sentence about the present is flagged even when the previous sentence named an old year.
    expect(scanWording('2016年开展整治。现请向安监局报告。').map((h) => h.found)).toEqual(['安监局']);
    // A closed title earlier on the line does not shield a later name.
    expect(scanWording('《通知》要求安监局落实。').map((h) => h.found)).toEqual(['安监局']);
  });

  it('caps the hits and lists every curated entry once', () => {
    expect(scanWording('布署'.repeat(50), 10)).toHaveLength(10);
    const wrongs = wordingList().map((e) => e.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
    // Every wrong form is found on its own, and the correction is not itself flagged.
    for (const e of wordingList()) {
      expect(scanWording(`关于${e.wrong}的说明`).map((h) => h.found)).toEqual([e.wrong]);
      expect(scanWording(e.right)).toEqual([]);
    }
  });

  it('property: never throws; hits are ordered, inside the text and equal to the text they name', () => {
    const chunk = fc.oneof(
      fc.constantFrom(...wordingList().map((e) => e.wrong), '《', '》', '原', '2016年', '。', '\n', '市'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          const hits = scanWording(text);
          let last = -1;
          for (const h of hits) {
            expect(h.start).toBeGreaterThanOrEqual(0);
            expect(h.end).toBeLessThanOrEqual(text.length);
            expect(h.start).toBeGreaterThan(last);
            expect(text.slice(h.start, h.end)).toBe(h.found);
            expect(typeof h.excerpt).toBe('string');
            last = h.start;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
