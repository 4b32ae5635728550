import type { GongkaiModule } from '../module.js';

/** Search module: wiring of its routes, portal pages, demo content and CLI commands. */
export const searchModule: GongkaiModule = {
  name: 'search',
};
