import { describe, expect, it } from 'vitest';
import { countIsCheap, countPlan, matchShare, pagePlan, type LexemeStats } from './pg-plan.js';
import { parseQuery } from './query.js';

// Lexeme shares as ANALYZE saw them in the 1M-document benchmark index.
const stats: LexemeStats = {
  rows: 1_000_000,
  freq: new Map([
    ['安全', 0.92],
    ['生产', 0.82],
    ['消防', 0.1],
    ['培训', 0.16],
    ['企业', 0.39],
    ['液氨', 0.11],
    ['制冷', 0.08],
    ['危险', 0.24],
    ['化学品', 0.24],
    ['检查', 0.7],
  ]),
  floor: 0.03,
};
const node = (q: string) => parseQuery(q).node!;
const q = parseQuery;

describe('PostgreSQL plan choice', () => {
  it('estimates shares from the lexeme frequencies', () => {
    expect(matchShare(node('安全'), stats)).toBeCloseTo(0.92);
    expect(matchShare(node('"液氨制冷"'), stats)).toBeCloseTo(0.064);
    // Not among the common lexemes: below the floor.
    expect(matchShare(node('鑫达'), stats)).toBeCloseTo(0.0075);
    // Typed words occur independently; the parts of one typed word (危险化学品) together.
    const typed = q('消防 培训 企业');
    expect(matchShare(typed.node!, stats, typed.groups)).toBeCloseTo(0.1 * 0.16 * 0.39);
    const compound = q('危险化学品 检查');
    expect(compound.groups).toEqual([0, 0, 1]);
    expect(matchShare(compound.node!, stats, compound.groups)).toBeCloseTo(0.24 * 0.7);
  });

  it('walks pages newest first, bounded, unless a count found few matches', () => {
    expect(pagePlan(q('安全'), {}, 21, stats)).toEqual({ kind: 'walk', bound: 2000 });
    const rare = pagePlan(q('鑫达'), {}, 21, stats);
    expect(rare.kind).toBe('walk');
    if (rare.kind === 'walk') expect(rare.bound).toBeGreaterThan(21 / 0.0075);
    expect(pagePlan(q('鑫达'), {}, 21, stats, 300)).toEqual({ kind: 'gin' });
    expect(pagePlan(q('"安全生产"'), { columnId: 'c' }, 201, stats).kind).toBe('walk');
    expect(pagePlan(q('某某'), {}, 21, stats, 5000).kind).toBe('walk');
  });

  it('counts by walking or through GIN, whichever reads less', () => {
    expect(countPlan(q('安全'), {}, 1001, stats).kind).toBe('walk');
    expect(countPlan(q('"安全生产"'), { columnId: 'c' }, 101, stats).kind).toBe('walk');
    expect(countPlan(q('消防 培训 企业'), {}, 101, stats).kind).toBe('gin');
    // 安全 is in nearly every document: its bitmap alone costs more than walking.
    expect(countPlan(q('消防 安全'), {}, 101, stats).kind).toBe('walk');
    expect(countPlan(q('鑫达'), {}, 101, stats).kind).toBe('gin');
  });

  it('calls a full count cheap only for very frequent or rare words', () => {
    expect(countIsCheap(q('安全'), {}, 1001, stats)).toBe(true);
    expect(countIsCheap(q('消防'), {}, 1001, stats)).toBe(false);
    expect(countIsCheap(q('某某'), {}, 1001, { ...stats, floor: 0.01 })).toBe(true);
  });

  it('uses GIN without statistics or for small tables', () => {
    expect(pagePlan(q('安全'), {}, 21, null)).toEqual({ kind: 'gin' });
    expect(countPlan(q('安全'), {}, 21, { ...stats, rows: 5000 })).toEqual({ kind: 'gin' });
    expect(countIsCheap(q('消防'), {}, 1001, null)).toBe(true);
  });
});
