import { describe, expect, it } from 'vitest';
import { categoryLists } from './list-rules.js';

describe('categoryLists (N3)', () => {
  it('reads a list wrapped in parentheses right after its total (平潭 2020: 2602 stated, 2603 listed)', () => {
    const text =
      '全年我区政府信息公开单位共公布政府信息2602条(其中机构职能类信息82条，政策、规范性文件类信息80条，规划计划类信息21条，' +
      '行政许可类信息40条，重大建设项目信息390条，为民办实事类信息69条，民政扶贫救灾社会保障就业类信息143条，' +
      '国土资源城乡建设环保能源类信息208条，科教文体卫生类信息246条，安全生产、应急管理类信息271条，其他应主动公开政府信息1053条)，' +
      '对于主动公开的政府信息，主要通过政府门户网站进行公开。';
    const [list] = categoryLists(text);
    expect(list?.total).toBe(2602);
    expect(list?.items).toHaveLength(11);
    expect(list?.sum).toBe(2603);
  });

  it('ends a parenthesised list at its own closing parenthesis, nested pairs included', () => {
    const text = '共发布信息100条（其中专项资金40条（含债券10条）、预决算60条），另发布图片30条、视频20条。';
    const lists = categoryLists(text);
    expect(lists[0]).toMatchObject({ total: 100, items: [40, 60], sum: 100 });
    // the figures after the closing parenthesis are not items of the list
    expect(lists.every((l) => !l.items.includes(30))).toBe(true);
  });

  it('full-width parentheses work the same, and a list that falls short is kept as it is (其中 names some)', () => {
    const text =
      '共公布政府信息2599条，（其中机构职能类信息25条，规划计划类信息28条）对于主动公开的政府信息，主要通过网站公开。';
    const [list] = categoryLists(text);
    expect(list).toMatchObject({ total: 2599, items: [25, 28], sum: 53 });
  });

  it('still reads the plain form and its nested parenthetical (平潭 2019: 380 = 152 + 197 + 27 + 4)', () => {
    const text =
      '今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。';
    // "380条财政资金信息，其中…": the total is followed by a noun before 其中, so this sentence is not a list head
    const lists = categoryLists(text);
    expect(lists.filter((l) => l.sum > l.total)).toEqual([]);
  });
});
