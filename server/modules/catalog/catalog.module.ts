import type { GongkaiModule } from '../module.js';

/** Catalog module: wiring of its routes, portal pages, demo content and CLI commands. */
export const catalogModule: GongkaiModule = {
  name: 'catalog',
};
