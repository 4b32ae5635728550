/**
 * 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.
 * Applies to report years ≤ 2020 (statute.md §2.1). Labels verified against a real 2020 report (S3).
 */
import type { ReportFormat, Table2SubTable } from '../types.js';
import {
  SECTION_HEADINGS,
  TABLE3_ROWS_HEAD,
  TABLE3_ROWS_OTHER_2019,
  TABLE3_ROWS_TAIL,
  buildTable2Separate,
  buildTable3,
  buildTable4,
} from './common.js';

const itemColumns = [
  { key: 'previousItems', label: '上一年项目数量', valueType: 'count' },
  // 本年增/减 is a signed change in the number of items.
  { key: 'change', label: '本年增/减', valueType: 'signedCount' },
] as const;

const subTables2019: Table2SubTable[] = [
  {
    id: 'art20_1',
    item: 1,
    caption: '第二十条第（一）项',
    firstColumnHeader: '信息内容',
    columns: [
      { key: 'newlyMade', label: '本年新制作数量', valueType: 'count' },
      { key: 'newlyPublished', label: '本年新公开数量', valueType: 'count' },
      { key: 'totalPublished', label: '对外公开总数量', valueType: 'count' },
    ],
    rows: [
      { key: 'regulation', label: '规章' },
      { key: 'normativeDoc', label: '规范性文件' },
    ],
  },
  {
    id: 'art20_5',
    item: 5,
    caption: '第二十条第（五）项',
    firstColumnHeader: '信息内容',
    columns: [...itemColumns, { key: 'decisions', label: '处理决定数量', valueType: 'count' }],
    rows: [
      { key: 'license', label: '行政许可' },
      { key: 'otherService', label: '其他对外管理服务事项' },
    ],
  },
  {
    id: 'art20_6',
    item: 6,
    caption: '第二十条第（六）项',
    firstColumnHeader: '信息内容',
    columns: [...itemColumns, { key: 'decisions', label: '处理决定数量', valueType: 'count' }],
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
    columns: [...itemColumns],
    rows: [{ key: 'fee', label: '行政事业性收费' }],
  },
  {
    id: 'art20_9',
    item: 9,
    caption: '第二十条第（九）项',
    firstColumnHeader: '信息内容',
    columns: [
      { key: 'procurementItems', label: '采购项目数量', valueType: 'count' },
      // The unit of 采购总金额 is not printed in the format; reports use 万元 in practice [I].
      { key: 'procurementAmount', label: '采购总金额', valueType: 'amount' },
    ],
    rows: [{ key: 'procurement', label: '政府集中采购' }],
  },
];

/** The 2019 (试行) format. */
export const format2019: ReportFormat = {
  id: '2019',
  title: '《中华人民共和国政府信息公开工作年度报告格式（试行）》',
  issuingDocument: '国办公开办函〔2019〕60号',
  appliesTo: 2020,
  sections: [...SECTION_HEADINGS],
  table2: buildTable2Separate(subTables2019),
  table3: buildTable3([...TABLE3_ROWS_HEAD, ...TABLE3_ROWS_OTHER_2019, ...TABLE3_ROWS_TAIL]),
  table4: buildTable4(),
};
