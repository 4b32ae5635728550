import { describe, expect, it } from 'vitest';
import { stepProgress, timedSources } from './cli-progress.js';
import type { ReportSources } from './sources.js';

describe('report generate progress', () => {
  it('numbers the steps and says how long each took and the whole', () => {
    let t = 0;
    const lines: string[] = [];
    const p = stepProgress(
      3,
      (l) => lines.push(l),
      () => t,
    );
    p.step('汇总业务数据');
    t = 1200;
    p.step('生成表格与正文并校验');
    t = 1250;
    p.step('生成 docx 文件');
    t = 2000;
    p.done();
    expect(lines).toEqual([
      '[1/3] 汇总业务数据…',
      '[1/3] 汇总业务数据：完成（1.2 秒）',
      '[2/3] 生成表格与正文并校验…',
      '[2/3] 生成表格与正文并校验：完成（0.1 秒）',
      '[3/3] 生成 docx 文件…',
      '[3/3] 生成 docx 文件：完成（0.8 秒）',
      '共用时 2.0 秒',
    ]);
  });

  it('reports each data source when its facts are in, and passes the facts through', async () => {
    let t = 0;
    const lines: string[] = [];
    const sources = {
      catalog: async () => {
        t += 300;
        return { publishedTotal: 7 };
      },
      requests: async () => {
        t += 2500;
        return { cases: 1 };
      },
      enforcement: async () => ({ decisions: 0 }),
    } as unknown as ReportSources;
    const timed = timedSources(
      sources,
      (l) => lines.push(l),
      () => t,
    );
    expect(Object.keys(timed).sort()).toEqual(['catalog', 'enforcement', 'requests']);
    expect(await timed.catalog({} as never, 'org', 2025)).toEqual({ publishedTotal: 7 });
    await timed.requests({} as never, 'org', 2025);
    expect(lines).toEqual(['      主动公开（目录）：完成（0.3 秒）', '      依申请公开：完成（2.5 秒）']);
  });
});
