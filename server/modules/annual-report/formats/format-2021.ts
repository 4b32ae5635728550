/**
 * 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (成文 2021-09-26).
 * Applies to report years ≥ 2021 (statute.md §2.1); differences from 2019 in statute.md §2.6.
 */
import type { ReportFormat, Table2SubTable } from '../types.js';
import {
  SECTION_HEADINGS,
  TABLE3_ROWS_HEAD,
  TABLE3_ROWS_OTHER_2021,
  TABLE3_ROWS_TAIL,
  buildTable2Single,
  buildTable3,
  buildTable4,
} from './common.js';

const decisions = [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }] as const;

const subTables2021: Table2SubTable[] = [
  {
    id: 'art20_1',
    item: 1,
    caption: '第二十条第（一）项',
    firstColumnHeader: '信息内容',
    columns: [
      { key: 'issued', label: '本年制发件数', valueType: 'count' },
      { key: 'repealed', label: '本年废止件数', valueType: 'count' },
      { key: 'inForce', label: '现行有效件数', valueType: 'count' },
    ],
    rows: [
      { key: 'regulation', label: '规章' },
      { key: 'normativeDoc', label: '行政规范性文件' },
    ],
  },
  {
    id: 'art20_5',
    item: 5,
    caption: '第二十条第（五）项',
    firstColumnHeader: '信息内容',
    columns: [...decisions],
    // 其他对外管理服务事项 was removed in 2021.
    rows: [{ key: 'license', label: '行政许可' }],
  },
  {
    id: 'art20_6',
    item: 6,
    caption: '第二十条第（六）项',
    firstColumnHeader: '信息内容',
    columns: [...decisions],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
  },
  {
    id: 'art20_8',
    item: 8,
    caption: '第二十条第（八）项',
    firstColumnHeader: '信息内容',
    // A fee AMOUNT in 万元 (decimal), no longer a count of fee items.
    columns: [{ key: 'feeAmount', label: '本年收费金额（单位：万元）', valueType: 'amount', unit: '万元' }],
    rows: [{ key: 'fee', label: '行政事业性收费' }],
  },
  // 第二十条第（九）项 政府集中采购 was removed in 2021.
];

/** The 2021 format. */
export const format2021: ReportFormat = {
  id: '2021',
  title: '《中华人民共和国政府信息公开工作年度报告格式》',
  issuingDocument: '国办公开办函〔2021〕30号',
  appliesFrom: 2021,
  sections: [...SECTION_HEADINGS],
  table2: buildTable2Single(subTables2021),
  table3: buildTable3([...TABLE3_ROWS_HEAD, ...TABLE3_ROWS_OTHER_2021, ...TABLE3_ROWS_TAIL]),
  table4: buildTable4(),
};
