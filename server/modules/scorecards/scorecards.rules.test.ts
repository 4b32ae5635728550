import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cardTotal,
  checkContestAnswer,
  checkIndicatorSet,
  checkManualScore,
  defaultIndicators,
  describeRule,
  failuresOf,
  grade,
  parsePeriod,
  periodOf,
  previousPeriod,
  rank,
  RuleViolation,
  scoreAutomatic,
  scoreShare,
  sharePercent,
  type IndicatorDef,
} from './scorecards.rules.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return e.code;
    throw e;
  }
  return 'passed';
};

describe('periods', () => {
  it('parses years and quarters with their China date range and label', () => {
    expect(parsePeriod('2026')).toEqual({
      key: '2026',
      kind: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      label: '2026年度',
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026年第四季度',
    });
    expect(parsePeriod('2024-Q1')).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    expect(parsePeriod('2026-Q2')).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    for (const bad of ['2026-Q5', '2026Q1', '26', '1999', '2026-q1', ''])
      expect(code(() => parsePeriod(bad))).toBe('invalid_period');
  });
  it('steps back one period', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026')).toBe('2025');
  });
  it('finds the period of a date', () => {
    expect(periodOf('2026-12-06', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'year')).toBe('2026');
  });
  it('every quarter of a year is contiguous and covers the year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2100 }), (y) => {
        const qs = [1, 2, 3, 4].map((q) => parsePeriod(`${y}-Q${q}`));
        expect(qs[0]!.from).toBe(`${y}-01-01`);
        expect(qs[3]!.to).toBe(`${y}-12-31`);
        for (let i = 1; i < 4; i++) {
          const next = new Date(`${qs[i - 1]!.to}T00:00:00Z`);
          next.setUTCDate(next.getUTCDate() + 1);
          expect(qs[i]!.from).toBe(next.toISOString().slice(0, 10));
          expect(previousPeriod(qs[i]!.key)).toBe(qs[i - 1]!.key);
          expect(periodOf(qs[i]!.from, 'quarter')).toBe(qs[i]!.key);
          expect(periodOf(qs[i]!.to, 'quarter')).toBe(qs[i]!.key);
        }
      }),
    );
  });
});

const rateDef = (full = 0.95, zero = 0.6, weight = 15): IndicatorDef => ({
  kind: 'catalog_on_time_rate',
  name: '按时发布率',
  weight,
  rule: { type: 'rate_linear', full, zero },
});
const itemDef = (deduction = 2, free = 0, weight = 10): IndicatorDef => ({
  kind: 'requests_overdue',
  name: '逾期案件',
  weight,
  rule: { type: 'per_item', deduction, free },
});

/** The points of an applicable score (fails the test on 不适用). */
function centiOf(s: ReturnType<typeof scoreAutomatic>): number {
  if (!s.applicable) throw new Error(`expected a score, got 不适用: ${s.explanation}`);
  return s.centi;
}

describe('scoring rules', () => {
  it('rate: full marks at or above the threshold, 0 at or below the floor, linear between', () => {
    expect(scoreAutomatic(rateDef(), 'rate', { numerator: 19, denominator: 20 }).centi).toBe(1500);
    expect(scoreAutomatic(rateDef(), 'rate', { numerator: 20, denominator: 20 }).centi).toBe(1500);
    expect(scoreAutomatic(rateDef(), 'rate', { numerator: 12, denominator: 20 }).centi).toBe(0);
    expect(scoreAutomatic(rateDef(), 'rate', { numerator: 0, denominator: 20 }).centi).toBe(0);
    // 80%: (0.8-0.6)/(0.95-0.6) × 15 = 8.571… → 8.57
    const mid = scoreAutomatic(rateDef(), 'rate', { numerator: 16, denominator: 20 });
    expect(mid.centi).toBe(857);
    expect(mid.explanation).toBe('16/20＝80.0%，介于60.0%（0分）与95.0%（满分）之间按比例得8.57分');
  });
  it('rate: nothing due is 不适用 — no points either way, and says so', () => {
    const r = scoreAutomatic(rateDef(), 'rate', { numerator: 0, denominator: 0 });
    expect(r).toEqual({
      applicable: false,
      centi: null,
      explanation: '不适用：本期无应计事项，本项不计分，其分值不计入可得分',
    });
    expect(scoreAutomatic(rateDef(), 'rate', {}).applicable).toBe(false);
  });
  it('per item: a count taken over no record (base 0) is 不适用; an unknown base always applies', () => {
    expect(scoreAutomatic(itemDef(), 'count', { count: 0, base: 0 })).toMatchObject({
      applicable: false,
      centi: null,
    });
    expect(scoreAutomatic(itemDef(), 'count', { count: 0, base: 4 })).toMatchObject({
      applicable: true,
      centi: 1000,
    });
    expect(scoreAutomatic(itemDef(), 'count', { count: 0 })).toMatchObject({ applicable: true, centi: 1000 });
    // failures of a rate metric with nothing due
    expect(scoreAutomatic(itemDef(1), 'rate', { numerator: 0, denominator: 0 }).applicable).toBe(false);
  });
  it('rate rule refuses a count metric', () => {
    expect(code(() => scoreAutomatic(rateDef(), 'count', { count: 3 }))).toBe('rule_measure');
  });
  it('per item: deduction per counted item beyond the free ones, floor at 0', () => {
    expect(scoreAutomatic(itemDef(), 'count', { count: 0 })).toEqual({
      applicable: true,
      centi: 1000,
      explanation: '无扣分事项，得满分10分',
    });
    expect(scoreAutomatic(itemDef(), 'count', { count: 3 }).centi).toBe(400);
    expect(scoreAutomatic(itemDef(), 'count', { count: 6 }).centi).toBe(0);
    expect(scoreAutomatic(itemDef(2, 2), 'count', { count: 3 })).toEqual({
      applicable: true,
      centi: 800,
      explanation: '3项，每项扣2分（2项以内不扣分），扣2分，得8分',
    });
    expect(scoreAutomatic(itemDef(0.5), 'count', { count: 3 }).centi).toBe(850);
    // on a rate metric the failures are counted
    expect(scoreAutomatic(itemDef(1), 'rate', { numerator: 7, denominator: 10 }).centi).toBe(700);
  });
  it('a manual rule cannot be computed', () => {
    expect(
      code(() =>
        scoreAutomatic({ kind: 'manual', name: 'x', weight: 5, rule: { type: 'manual' } }, 'count', {}),
      ),
    ).toBe('rule_manual');
  });
  it('scores stay within [0, weight] and are monotone in the rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }).chain((w) => fc.constant(w / 10)),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (weight, zeroPct, span, a, b) => {
          const zero = zeroPct / 100;
          const full = Math.min(1, zero + span / 100);
          if (full <= zero) return;
          const den = Math.max(a, b, 1);
          const def = rateDef(full, zero, weight);
          const lo = centiOf(scoreAutomatic(def, 'rate', { numerator: Math.min(a, b), denominator: den }));
          const hi = centiOf(scoreAutomatic(def, 'rate', { numerator: Math.max(a, b), denominator: den }));
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(Math.round(weight * 100));
          expect(lo).toBeLessThanOrEqual(hi);
        },
      ),
    );
  });
  it('per-item scores never go below 0 nor above the weight and fall with more items (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.nat(10_000),
        fc.nat(10_000),
        (w10, d100, free, x, y) => {
          const weight = w10 / 10;
          const deduction = Math.min(d100 / 100, weight);
          const def = itemDef(deduction, free, weight);
          const a = centiOf(scoreAutomatic(def, 'count', { count: Math.min(x, y) }));
          const b = centiOf(scoreAutomatic(def, 'count', { count: Math.max(x, y) }));
          expect(b).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(Math.round(weight * 100));
          expect(b).toBeLessThanOrEqual(a);
        },
      ),
    );
  });
  it('counts failures of both measures, never negative', () => {
    expect(failuresOf('rate', { numerator: 3, denominator: 5 })).toBe(2);
    expect(failuresOf('rate', { numerator: 5, denominator: 3 })).toBe(0);
    expect(failuresOf('count', { count: -1 })).toBe(0);
    expect(failuresOf('count', {})).toBe(0);
  });
  it('describes rules in Chinese', () => {
    expect(describeRule(rateDef())).toBe('达到95.0%得满分，不高于60.0%得0分，其间按比例计分');
    expect(describeRule(itemDef(2, 1))).toBe('每项扣2分，1项以内不扣分，扣完为止');
    expect(describeRule({ kind: 'manual', name: 'm', weight: 1, rule: { type: 'manual' } })).toBe(
      '考核人员依据佐证材料评分',
    );
  });
});

describe('manual scores and contest answers', () => {
  it('accepts 0..weight with two decimals', () => {
    expect(checkManualScore(10, 0)).toBe(0);
    expect(checkManualScore(10, 10)).toBe(1000);
    expect(checkManualScore(10, 7.25)).toBe(725);
    expect(code(() => checkManualScore(10, 10.01))).toBe('score_out_of_range');
    expect(code(() => checkManualScore(10, -1))).toBe('score_out_of_range');
    expect(code(() => checkManualScore(10, Number.NaN))).toBe('score_out_of_range');
    expect(code(() => checkManualScore(10, 1.234))).toBe('score_precision');
  });
  it('a contest answer needs a reply, and a new score when accepted', () => {
    expect(code(() => checkContestAnswer(10, { accept: false, reply: '  ' }))).toBe('reply_required');
    expect(checkContestAnswer(10, { accept: false, reply: '证据不足' })).toBeNull();
    expect(code(() => checkContestAnswer(10, { accept: true, reply: '属实' }))).toBe('score_required');
    expect(checkContestAnswer(10, { accept: true, reply: '属实', score: 9 })).toBe(900);
    expect(code(() => checkContestAnswer(10, { accept: true, reply: '属实', score: 11 }))).toBe(
      'score_out_of_range',
    );
  });
});

describe('indicator sets', () => {
  it('the default set is valid and sums to 100', () => {
    expect(checkIndicatorSet(defaultIndicators())).toHaveLength(9);
  });
  it('refuses empty sets, bad weights, duplicate names, wrong totals and mismatched rules', () => {
    const d = defaultIndicators();
    expect(code(() => checkIndicatorSet([]))).toBe('indicators_required');
    expect(code(() => checkIndicatorSet(d.slice(1)))).toBe('weights_total');
    expect(code(() => checkIndicatorSet([{ ...d[0]!, weight: 0 }, ...d.slice(1)]))).toBe('invalid_weight');
    expect(code(() => checkIndicatorSet([{ ...d[0]!, weight: 15.05 }, ...d.slice(1)]))).toBe(
      'invalid_weight',
    );
    expect(code(() => checkIndicatorSet([{ ...d[0]!, name: d[1]!.name }, ...d.slice(1)]))).toBe(
      'indicator_name_duplicate',
    );
    expect(code(() => checkIndicatorSet([{ ...d[0]!, name: '  ' }, ...d.slice(1)]))).toBe(
      'indicator_name_required',
    );
    expect(code(() => checkIndicatorSet([{ ...d[0]!, rule: { type: 'manual' } }, ...d.slice(1)]))).toBe(
      'rule_kind_mismatch',
    );
    expect(
      code(() =>
        checkIndicatorSet([
          ...d.slice(0, 8),
          { ...d[8]!, rule: { type: 'per_item', deduction: 1, free: 0 } },
        ]),
      ),
    ).toBe('rule_kind_mismatch');
    // stale columns are a count: a rate rule makes no sense
    expect(
      code(() =>
        checkIndicatorSet([
          d[0]!,
          { ...d[1]!, rule: { type: 'rate_linear', full: 1, zero: 0 } },
          ...d.slice(2),
        ]),
      ),
    ).toBe('rule_measure');
    expect(
      code(() =>
        checkIndicatorSet([{ ...d[0]!, rule: { type: 'rate_linear', full: 0.5, zero: 0.6 } }, ...d.slice(1)]),
      ),
    ).toBe('invalid_rate_rule');
    expect(
      code(() =>
        checkIndicatorSet([
          d[0]!,
          { ...d[1]!, rule: { type: 'per_item', deduction: 11, free: 0 } },
          ...d.slice(2),
        ]),
      ),
    ).toBe('invalid_deduction');
    expect(
      code(() =>
        checkIndicatorSet([
          d[0]!,
          { ...d[1]!, rule: { type: 'per_item', deduction: 1, free: 1.5 } },
          ...d.slice(2),
        ]),
      ),
    ).toBe('invalid_free_items');
    expect(code(() => checkIndicatorSet([{ ...d[0]!, kind: 'bogus' as 'manual' }, ...d.slice(1)]))).toBe(
      'unknown_metric',
    );
  });
  it('any split of 100 points into valid indicators passes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 29 }), (parts) => {
        const sum = parts.reduce((s, p) => s + p, 0);
        const defs: IndicatorDef[] = parts.map((p, i) => ({
          kind: 'manual',
          name: `指标${i}`,
          weight: p,
          rule: { type: 'manual' },
        }));
        if (sum < 100)
          defs.push({ kind: 'manual', name: '其余', weight: 100 - sum, rule: { type: 'manual' } });
        const got = code(() => checkIndicatorSet(defs));
        expect(got).toBe(sum <= 100 ? 'passed' : 'weights_total');
      }),
    );
  });
});

describe('cards and ranking', () => {
  it('totals scored items; unscored ones make the card provisional', () => {
    expect(
      cardTotal([
        { weightCenti: 1000, status: 'scored', centi: 800 },
        { weightCenti: 500, status: 'unavailable', centi: null },
        { weightCenti: 500, status: 'pending', centi: null },
      ]),
    ).toEqual({ centi: 800, maxCenti: 2000, scoredMaxCenti: 1000, notApplicableCenti: 0, provisional: true });
    expect(cardTotal([{ weightCenti: 1000, status: 'scored', centi: 1000 }]).provisional).toBe(false);
  });
  it('不适用 items leave the points that could be scored and do not make the card provisional', () => {
    const t = cardTotal([
      { weightCenti: 6000, status: 'scored', centi: 5400 },
      { weightCenti: 4000, status: 'not_applicable', centi: null },
    ]);
    expect(t).toEqual({
      centi: 5400,
      maxCenti: 10000,
      scoredMaxCenti: 6000,
      notApplicableCenti: 4000,
      provisional: false,
    });
    expect(scoreShare(t)).toBe(0.9);
    expect(sharePercent(t)).toBe(90);
    expect(grade(t)).toBe('优秀');
    const idle = cardTotal([{ weightCenti: 10000, status: 'not_applicable', centi: null }]);
    expect(scoreShare(idle)).toBeNull();
    expect(grade(idle)).toBeNull();
  });
  it('grades by the share of the scorable marks', () => {
    expect(grade({ centi: 9000, scoredMaxCenti: 10000 })).toBe('优秀');
    expect(grade({ centi: 8999, scoredMaxCenti: 10000 })).toBe('良好');
    expect(grade({ centi: 6000, scoredMaxCenti: 10000 })).toBe('合格');
    expect(grade({ centi: 5999, scoredMaxCenti: 10000 })).toBe('不合格');
    expect(grade({ centi: 0, scoredMaxCenti: 0 })).toBeNull();
  });
  it('ranks 1, 2, 2, 4 by score share with ties in the given order', () => {
    const r = rank([
      { id: 'a', centi: 8000, scoredMaxCenti: 10000 },
      { id: 'b', centi: 9000, scoredMaxCenti: 10000 },
      { id: 'c', centi: 4000, scoredMaxCenti: 5000 },
      { id: 'd', centi: 7000, scoredMaxCenti: 10000 },
    ]);
    expect(r.map((x) => `${x.id}${x.rank}`)).toEqual(['b1', 'a2', 'c2', 'd4']);
  });
  it('an idle agency (everything 不适用) is not ranked first: no rank, listed last', () => {
    const r = rank([
      { id: 'idle', centi: 0, scoredMaxCenti: 0 },
      { id: 'busy', centi: 9500, scoredMaxCenti: 10000 },
      { id: 'half', centi: 2700, scoredMaxCenti: 3000 },
    ]);
    expect(r.map((x) => `${x.id}${x.rank ?? '-'}`)).toEqual(['busy1', 'half2', 'idle-']);
  });
  it('ranking is a permutation, sorted by share, with ranks consistent with shares (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .integer({ min: 0, max: 10000 })
            .chain((max) => fc.integer({ min: 0, max }).map((centi) => ({ centi, scoredMaxCenti: max }))),
          { maxLength: 60 },
        ),
        (cards) => {
          const r = rank(cards.map((c, id) => ({ id, ...c })));
          expect(r.map((x) => x.id).sort((a, b) => a - b)).toEqual(cards.map((_, i) => i));
          const ranked = r.filter((x) => x.rank !== null);
          expect(ranked.length).toBe(cards.filter((c) => c.scoredMaxCenti > 0).length);
          expect(r.slice(ranked.length).every((x) => x.rank === null)).toBe(true);
          const share = (x: { centi: number; scoredMaxCenti: number }) => x.centi / x.scoredMaxCenti;
          for (let i = 1; i < ranked.length; i++) {
            const [prev, cur] = [ranked[i - 1]!, ranked[i]!];
            expect(share(cur)).toBeLessThanOrEqual(share(prev) + 1e-12);
            const tie = cur.centi * prev.scoredMaxCenti === prev.centi * cur.scoredMaxCenti;
            expect(cur.rank).toBe(tie ? prev.rank : i + 1);
          }
          if (ranked.length) expect(ranked[0]!.rank).toBe(1);
        },
      ),
    );
  });
});
