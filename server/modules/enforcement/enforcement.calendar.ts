import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Ctx } from '../../platform/context.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';

/**
 * The working-day calendar for the publication clock: the calendar module's calendar in force (package
 * data plus admin-entered schedules), so the 双公示 deadline is derived like every other statutory clock.
 */
export async function enforcementCalendar(ctx: Pick<Ctx, 'db'>): Promise<WorkCalendar> {
  return loadWorkCalendar(ctx);
}
