import type { GongkaiModule } from '../module.js';
import { sitegroupRoutes } from './sitegroup.routes.js';
import { sitegroupDemo } from './sitegroup.demo.js';

/**
 * Site group (站群): a government's portal lists its departments' portals (部门导航) and searches and
 * lists public information across all of them; every agency below a government links back to it.
 * Owns no tables: it reads the org tree, the search index and the catalog's public facts.
 */
export const sitegroupModule: GongkaiModule = {
  name: 'sitegroup',
  routes: (app, c, portal) => sitegroupRoutes(app, c, portal),
  demo: (ctx, agency, government) => sitegroupDemo(ctx, agency, government),
};
