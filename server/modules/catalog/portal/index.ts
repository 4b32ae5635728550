/**
 * The catalog's public face: portal pages (routes.ts), the search-index and page-cache sync with the
 * publishing workflow (search-sync.ts, installed on import so the CLI and jobs get it too), and the
 * editable 指南 text (guide.ts).
 */
import { installCatalogSearchSync } from './search-sync.js';

installCatalogSearchSync();

export { registerCatalogPortal } from './routes.js';
export { itemDocument, ITEM_KIND } from './search-sync.js';
