import { describe, expect, it } from 'vitest';
import { draftTexts, PROMPT_OPEN, renderTexts } from './narrative-draft.js';
import type { CatalogReportFacts, EventsReportFacts } from './sources.js';

const counted = { count: 0, records: [] };
const catalog: CatalogReportFacts = {
  documents: {
    regulation: { issued: counted, published: counted, repealed: counted, inForce: counted },
    normativeDoc: { issued: counted, published: counted, repealed: counted, inForce: counted },
  },
  publishedTotal: 0,
  publishedByColumn: [],
  publishedByChannel: {},
};
const events: EventsReportFacts = {
  pressConferences: 3,
  hearings: 1,
  forums: 2,
  proposals: {
    建议: { handled: 3, byClass: { A: 1, B: 1, C: 1 }, repliesPublished: 3 },
    提案: { handled: 2, byClass: { A: 0, B: 2, C: 0 }, repliesPublished: 1 },
  },
};

describe('section 六 from the events facts', () => {
  it('states the proposal counts from data instead of a prompt', () => {
    const format = { id: '2021' } as Parameters<typeof draftTexts>[0];
    const drafted = draftTexts(format, catalog, events);
    const v: Record<string, string> = {
      年度: '2026',
      信息处理费: '0',
      建议办理: '3',
      建议A类: '1',
      建议B类: '1',
      建议C类: '1',
      建议公开: '3',
      提案办理: '2',
      提案A类: '0',
      提案B类: '2',
      提案C类: '0',
      提案公开: '1',
      新闻发布会: '3',
      听证会: '1',
      座谈论坛: '2',
    };
    const six = renderTexts(drafted, v).six;
    expect(six).toContain('承办人大代表建议3件（A类1件、B类1件、C类1件），其中办理结果对外公开3件');
    expect(six).toContain('承办政协委员提案2件（A类0件、B类2件、C类0件），其中办理结果对外公开1件');
    const proposalLine = six.split('\n').find((l) => l.includes('人大代表建议'))!;
    expect(proposalLine).not.toContain(PROMPT_OPEN);
    expect(renderTexts(drafted, v).one).toContain('召开新闻发布会（含政策吹风会）3场、听证会1场');
  });
  it('keeps the prompt when no events data exists', () => {
    const format = { id: '2021' } as Parameters<typeof draftTexts>[0];
    expect(draftTexts(format, catalog).six).toContain(
      `${PROMPT_OPEN}：人大代表建议和政协提案办理结果公开情况`,
    );
  });
});
