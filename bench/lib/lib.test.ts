import { describe, expect, it } from 'vitest';
import { growthClass, percentile, summarize } from './stats.js';
import { parseWrk } from './wrk.js';

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([1, 2, 3]).mean).toBe(2);
  });

  it('classifies cost growth', () => {
    expect(
      growthClass([
        { size: 1e4, cost: 1 },
        { size: 1e6, cost: 1.2 },
      ]),
    ).toBe('flat');
    expect(
      growthClass([
        { size: 1e4, cost: 1 },
        { size: 1e6, cost: 3 },
      ]),
    ).toBe('log');
    expect(
      growthClass([
        { size: 1e4, cost: 1 },
        { size: 1e6, cost: 90 },
      ]),
    ).toBe('linear');
    expect(
      growthClass([
        { size: 1e4, cost: 1 },
        { size: 1e6, cost: 1e5 },
      ]),
    ).toBe('superlinear');
  });

  it('parses wrk --latency output', () => {
    const out = `Running 5s test @ http://127.0.0.1:8080/
  1 threads and 32 connections
  Latency Distribution
     50%  612.00us
     75%    1.01ms
     90%    1.50ms
     99%    3.20ms
  20000 requests in 5.00s, 600.00MB read
  Non-2xx or 3xx responses: 4
Requests/sec:   4000.50
Transfer/sec:    120.00MB`;
    expect(parseWrk(out)).toEqual({ requestsPerSecond: 4000.5, p50Ms: 0.612, p99Ms: 3.2, non2xx: 4 });
  });
});
