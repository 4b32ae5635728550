import { describe, expect, it } from 'vitest';
import { deliveredByChannel, recordedOnlyFindings } from './channel-facts.js';
import { generateReport } from './generator.js';
import { format2021 } from './formats/format-2021.js';
import { fakeFacts, sampleLedger } from './testing/fake-sources.js';

describe('recorded-only releases (F1)', () => {
  it('counts only delivered releases per channel when catalog reports them apart', () => {
    expect(
      deliveredByChannel({
        publishedByChannel: { portal: 10, sms: 5 },
        channelReleases: {
          portal: { delivered: 10, recordedOnly: 0 },
          sms: { delivered: 2, recordedOnly: 3 },
        },
      }),
    ).toEqual({ portal: 10, sms: 2 });
    // without the split, publishedByChannel is already the delivered count
    expect(deliveredByChannel({ publishedByChannel: { portal: 4 } })).toEqual({ portal: 4 });
  });

  it('warns once per channel with recorded-only items, naming the delivered count', () => {
    const f = recordedOnlyFindings({
      catalog: {
        channelReleases: {
          sms: { delivered: 2, recordedOnly: 3 },
          portal: { delivered: 9, recordedOnly: 0 },
        },
      },
      notify: {
        channels: {
          sms: { delivered: 2, recordedOnly: 3, failed: 1 },
          email: { delivered: 0, recordedOnly: 4 },
        },
      },
    });
    expect(f.map((x) => [x.ruleId, x.severity, x.cells[0]?.col, x.expected, x.actual])).toEqual([
      ['F1', 'warning', 'email', 0, 4],
      ['F1', 'warning', 'sms', 2, 5],
    ]);
    expect(f[1]?.messageZh).toContain('“短信”渠道本年有3条仅记录、未实际发送');
    expect(f[0]?.messageZh).toContain('电子邮件');
  });

  it('is silent when everything was delivered or no channel facts exist', () => {
    expect(recordedOnlyFindings({ catalog: {} })).toEqual([]);
    expect(
      recordedOnlyFindings({ catalog: {}, notify: { channels: { sms: { delivered: 5, recordedOnly: 0 } } } }),
    ).toEqual([]);
  });

  it('the generated report warns (never blocks) and its prose counts the delivered releases only', () => {
    const facts = fakeFacts(sampleLedger(), 2025);
    const withSplit = {
      ...facts,
      catalog: {
        ...facts.catalog,
        publishedByChannel: { ...facts.catalog.publishedByChannel, sms: 7 },
        channelReleases: { sms: { delivered: 1, recordedOnly: 6 } },
      },
      notify: { channels: { sms: { delivered: 1, recordedOnly: 6 } } },
    };
    const r = generateReport({ format: format2021, year: 2025, agencyName: '示例局', facts: withSplit });
    const f1 = r.findings.filter((f) => f.ruleId === 'F1');
    expect(f1).toHaveLength(1);
    expect(f1[0]?.severity).toBe('warning');
    expect(r.variables['渠道:短信']).toBe('1');
    expect(r.rendered.one).toContain('短信发布1条');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
