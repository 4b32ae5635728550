/** Reminders a case's clocks call for (T-5, T-1, overdue), as pure data for the reminder job. */
import { estimateNotice } from '../../platform/calendar/work-calendar.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { type Clocks } from './clock-events.js';

export interface Reminder {
  kind: 'T-5' | 'T-1' | 'overdue';
  due: string;
  workdaysLeft: number;
  messageZh: string;
}

/**
 * The answer-deadline reminders that apply on the clocks' as-of day: T-5 and T-1 working days,
 * and overdue. Only on working days, and not while paused (the due date is still moving).
 */
export function remindersDue(clocks: Clocks, calendar: WorkCalendar): Reminder[] {
  if (clocks.status !== 'running' || !calendar.isWorkday(clocks.asOf)) return [];
  const est = clocks.estimated ? `（${estimateNotice(clocks.uncoveredYears)}）` : '';
  if (clocks.overdue) {
    return [
      {
        kind: 'overdue',
        due: clocks.answerDue,
        workdaysLeft: clocks.workdaysLeft,
        messageZh: `答复期限已于${clocks.answerDue}届满，已逾期${-clocks.workdaysLeft}个工作日${est}`,
      },
    ];
  }
  if (clocks.workdaysLeft === 5) {
    return [
      {
        kind: 'T-5',
        due: clocks.answerDue,
        workdaysLeft: 5,
        messageZh: `距答复截止日${clocks.answerDue}还有5个工作日${est}`,
      },
    ];
  }
  if (clocks.workdaysLeft === 1) {
    return [
      {
        kind: 'T-1',
        due: clocks.answerDue,
        workdaysLeft: 1,
        messageZh: `答复截止日${clocks.answerDue}为下一个工作日，请今日完成答复审批${est}`,
      },
    ];
  }
  return [];
}
