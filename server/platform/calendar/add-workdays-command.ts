/**
 * `gongkai calendar add-workdays <date> <n>` as a pure function; the CLI wiring calls it and
 * prints stdout lines and exits with exitCode.
 * Exit codes: 0 = date from official schedules; 2 = bad arguments; 3 = result relies on an
 * uncovered year (estimated with Mon–Fri), so scripts cannot mistake an estimate for a deadline.
 */
import { DomainError } from '../errors.js';
import type { WorkCalendar } from './work-calendar.js';

export interface CommandResult {
  stdout: string[];
  exitCode: number;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_ESTIMATED = 3;

const USAGE = '用法：gongkai calendar add-workdays <日期 YYYY-MM-DD> <工作日数>';

/** Runs `calendar add-workdays`: prints the n-th working day after the date (start day not counted). */
export function runAddWorkdays(args: string[], calendar: WorkCalendar): CommandResult {
  if (args.length !== 2) return { stdout: [`错误：参数个数不正确。${USAGE}`], exitCode: EXIT_USAGE };
  const [dateArg = '', nArg = ''] = args;
  if (!/^\d+$/.test(nArg)) {
    return { stdout: [`错误：工作日数必须是非负整数：${nArg}。${USAGE}`], exitCode: EXIT_USAGE };
  }
  try {
    const result = calendar.addWorkdays(dateArg, Number(nArg));
    if (result.estimated) {
      return {
        stdout: [result.date, calendar.estimateNotice(result.uncoveredYears)],
        exitCode: EXIT_ESTIMATED,
      };
    }
    return { stdout: [result.date], exitCode: EXIT_OK };
  } catch (e) {
    if (e instanceof DomainError) return { stdout: [`错误：${e.messageZh}`], exitCode: EXIT_USAGE };
    throw e;
  }
}
