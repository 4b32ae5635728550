import type { GongkaiModule } from '../module.js';

/** Calendar module: wiring of its routes, portal pages, demo content and CLI commands. */
export const calendarModule: GongkaiModule = {
  name: 'calendar',
};
