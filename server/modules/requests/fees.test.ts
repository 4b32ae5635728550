import { describe, it, expect } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import {
  DEFAULT_FEE_SCHEDULE,
  formatFen,
  perItemCharge,
  perItemUnitFen,
  perPageCharge,
  quoteInformationFee,
} from './fees.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('按件计收 (第四条)', () => {
  it('unit prices per cumulative item in the month', () => {
    expect(perItemUnitFen(10)).toBe(0);
    expect(perItemUnitFen(11)).toBe(100_00);
    expect(perItemUnitFen(30)).toBe(100_00);
    expect(perItemUnitFen(31)).toBe(200_00);
    expect(perItemUnitFen(40)).toBe(200_00);
    expect(perItemUnitFen(41)).toBe(300_00);
    expect(perItemUnitFen(51)).toBe(400_00);
  });

  it('35 items in one month in one application', () => {
    // 1–10 free; 11–30: 20 × 100 = 2000元; 31–35: 5 × 200 = 1000元 → 3000元
    const q = perItemCharge({ priorItemsThisMonth: 0, itemsInThisApplication: 35 });
    expect(q.amountFen).toBe(3000_00);
    expect(q.lines).toEqual([
      { from: 1, to: 10, count: 10, unitFen: 0, subtotalFen: 0 },
      { from: 11, to: 30, count: 20, unitFen: 100_00, subtotalFen: 2000_00 },
      { from: 31, to: 35, count: 5, unitFen: 200_00, subtotalFen: 1000_00 },
    ]);
    expect(q.uncertain).toBe(true);
    expect(q.notes[0]).toContain('待官方解读核实');
    expect(formatFen(q.amountFen)).toBe('3000元');
  });

  it('charges only the increment when earlier applications used up the free items', () => {
    // items 29–35: 29, 30 at 100 = 200元; 31–35 at 200 = 1000元 → 1200元
    expect(perItemCharge({ priorItemsThisMonth: 28, itemsInThisApplication: 7 }).amountFen).toBe(1200_00);
    // items 1–10 are free and not flagged uncertain
    expect(perItemCharge({ priorItemsThisMonth: 3, itemsInThisApplication: 7 })).toMatchObject({
      amountFen: 0,
      uncertain: false,
    });
  });

  it('tiers are data: the alternative reading of （三） is one edit away', () => {
    const alt = {
      ...DEFAULT_FEE_SCHEDULE,
      perItem: {
        ...DEFAULT_FEE_SCHEDULE.perItem,
        stepped: { from: 31, bandSize: 10, firstUnitFen: 100_00, stepFen: 100_00 },
      },
    };
    // 20 × 100 + 5 × 100 = 2500元
    expect(perItemCharge({ priorItemsThisMonth: 0, itemsInThisApplication: 35 }, alt).amountFen).toBe(
      2500_00,
    );
  });
});

describe('按量计收 (第五条)', () => {
  it('250 pages', () => {
    // 1–30 free; 31–100: 70 × 10 = 700元; 101–200: 100 × 20 = 2000元; 201–250: 50 × 40 = 2000元 → 4700元
    const q = perPageCharge(250);
    expect(q.amountFen).toBe(4700_00);
    expect(q.lines.map((l) => [l.from, l.to, l.count, l.subtotalFen])).toEqual([
      [1, 30, 30, 0],
      [31, 100, 70, 700_00],
      [101, 200, 100, 2000_00],
      [201, 250, 50, 2000_00],
    ]);
  });
  it('boundaries', () => {
    expect(perPageCharge(30).amountFen).toBe(0);
    expect(perPageCharge(31).amountFen).toBe(10_00);
    expect(perPageCharge(0)).toMatchObject({ amountFen: 0, lines: [] });
  });
});

describe('one basis per application (第三条)', () => {
  it('rejects both bases and neither', () => {
    expect(
      codeOf(() =>
        quoteInformationFee({
          perItem: { priorItemsThisMonth: 0, itemsInThisApplication: 1 },
          perPage: { pages: 40 },
        }),
      ),
    ).toBe('fee_basis_conflict');
    expect(codeOf(() => quoteInformationFee({}))).toBe('fee_basis_missing');
    expect(quoteInformationFee({ perPage: { pages: 40 } })).toMatchObject({
      basis: 'per_page',
      amountFen: 100_00,
    });
  });
  it('validates counts', () => {
    expect(codeOf(() => perPageCharge(-1))).toBe('invalid_fee_input');
    expect(codeOf(() => perPageCharge(2.5))).toBe('invalid_fee_input');
    expect(codeOf(() => perItemCharge({ priorItemsThisMonth: 0, itemsInThisApplication: 0 }))).toBe(
      'invalid_fee_input',
    );
  });
  it('formats fen', () => {
    expect(formatFen(1250)).toBe('12.50元');
    expect(formatFen(5)).toBe('0.05元');
  });
});
