import type { GongkaiModule } from '../module.js';

/** Requests module: wiring of its routes, portal pages, demo content and CLI commands. */
export const requestsModule: GongkaiModule = {
  name: 'requests',
};
