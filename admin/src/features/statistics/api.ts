/** Calls and shapes of the statistics API (types from the contract, contract/statistics.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/statistics';
import { api, toQuery } from '../../api/client';

export type StatisticsView = Static<typeof C.StatisticsView>;
export type StatTable = Static<typeof C.StatTable>;
export type Summary = Static<typeof C.Summary>;
export type PeriodKind = StatisticsView['period']['kind'];

export interface StatisticsParams {
  period: PeriodKind;
  year?: number;
  quarter?: number;
  month?: number;
  from?: string;
  to?: string;
  agency?: string;
  rollup?: boolean;
}

function query(p: StatisticsParams): Record<string, string | number | boolean | undefined> {
  return {
    period: p.period,
    ...(p.period === 'custom' ? { from: p.from, to: p.to } : { year: p.year }),
    ...(p.period === 'quarter' ? { quarter: p.quarter } : {}),
    ...(p.period === 'month' ? { month: p.month } : {}),
    agency: p.agency,
    rollup: p.rollup ? true : undefined,
  };
}

export const statisticsApi = {
  get: (p: StatisticsParams, signal?: AbortSignal) =>
    api.get<StatisticsView>('/api/statistics', query(p), signal),
  /** The CSV of one table (a plain link: the session cookie authenticates the GET). */
  csvUrl: (table: string, p: StatisticsParams) => `/api/statistics/csv/${table}${toQuery(query(p))}`,
};
