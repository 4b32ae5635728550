import type { GongkaiModule } from '../module.js';
import { calendarRoutes } from './calendar.routes.js';
import { registerCalendarCommands } from './calendar.cli.js';

/** Calendar module: wiring of its routes, portal pages, demo content and CLI commands. */
export const calendarModule: GongkaiModule = {
  name: 'calendar',
  routes: async (app, c) => calendarRoutes(app, c),
  cli: (program) => registerCalendarCommands(program),
};
