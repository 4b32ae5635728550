import type { GongkaiModule } from '../module.js';

/** Enforcement module: wiring of its routes, portal pages, demo content and CLI commands. */
export const enforcementModule: GongkaiModule = {
  name: 'enforcement',
};
