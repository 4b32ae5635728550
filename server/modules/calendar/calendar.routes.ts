/** JSON API of the working calendar: schemas from contract/calendar.ts, one service call per route. */
import * as api from '../../../contract/calendar.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import { MAX_WORKDAYS } from '../../platform/calendar/work-calendar.js';
import * as service from './calendar.service.js';
import { MAX_YEAR, MIN_YEAR } from './calendar.rules.js';

// The contract's bounds are the rules' (this line stops compiling when they drift apart).
const _bounds: [
  typeof api.CALENDAR_MIN_YEAR,
  typeof api.CALENDAR_MAX_YEAR,
  typeof api.CALENDAR_MAX_WORKDAYS,
] = [MIN_YEAR, MAX_YEAR, MAX_WORKDAYS];

/** Reading the calendar: everyone who handles deadlines, plus the calendar admins (sysadmin). */
const READ = needs('calendar.manage', 'business.read');

export async function calendarRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/calendar/years', {
    config: { access: READ },
    schema: routeSchema(api.listYears),
    handler: async () => service.listYears(c.ctx),
  });

  app.get('/api/calendar/years/:year', {
    config: { access: READ },
    schema: routeSchema(api.getYear),
    handler: async (req) => service.getYear(c.ctx, req.params.year),
  });

  app.put('/api/calendar/years/:year', {
    config: { access: needs('calendar.manage') },
    schema: routeSchema(api.putYear),
    handler: async (req) => service.putYear(c.ctx, req.actor, req.params.year, req.body),
  });

  app.delete('/api/calendar/years/:year', {
    config: { access: needs('calendar.manage') },
    schema: routeSchema(api.deleteYear),
    handler: async (req) => service.deleteYear(c.ctx, req.actor, req.params.year),
  });

  app.get('/api/calendar/add-workdays', {
    config: { access: READ },
    schema: routeSchema(api.addWorkdays),
    handler: async (req) => service.addWorkdays(c.ctx, req.query.date, req.query.n),
  });
}
