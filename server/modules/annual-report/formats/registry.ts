/**
 * Versioned registry of annual-report formats. 条例第五十条: the format is 适时更新, so formats are
 * data; adding one means adding a data file and listing it here.
 */
import { DomainError } from '../../../platform/errors.js';
import type { FormatId, ReportFormat } from '../types.js';
import { format2019 } from './format-2019.js';
import { format2021 } from './format-2021.js';

/** All registered formats, oldest first. */
export const REPORT_FORMATS: readonly ReportFormat[] = [format2019, format2021];

/** The format that governs a report year (≤ 2020 → 2019 试行, ≥ 2021 → 2021). */
export function formatForYear(year: number): ReportFormat {
  if (!Number.isInteger(year))
    throw new DomainError('invalid_report_year', `报告年度无效：${year}`, { year });
  const found = REPORT_FORMATS.find(
    (f) =>
      (f.appliesFrom === undefined || year >= f.appliesFrom) &&
      (f.appliesTo === undefined || year <= f.appliesTo),
  );
  if (!found)
    throw new DomainError('report_format_not_found', `没有适用于${year}年度的年度报告格式`, { year });
  return found;
}

/** The format with the given id. */
export function formatById(id: string): ReportFormat {
  const found = REPORT_FORMATS.find((f) => f.id === id);
  if (!found) throw new DomainError('report_format_not_found', `未知的年度报告格式：${id}`, { id });
  return found;
}

/** True when `id` names a registered format. */
export function isFormatId(id: string): id is FormatId {
  return REPORT_FORMATS.some((f) => f.id === id);
}

/**
 * A format whose table 三 layout is borrowed from another format — for reading real reports that mix
 * them (e.g. a 2023 report with the 2021 table 二 but the 2019 single （六）其他处理 row).
 */
export function withTable3Of(base: ReportFormat, table3Source: ReportFormat): ReportFormat {
  return { ...base, table3: table3Source.table3 };
}
