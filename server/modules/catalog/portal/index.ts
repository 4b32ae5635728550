/**
 * The catalog's public face: portal pages (routes.ts), the search-index and page-cache sync with the
 * publishing workflow (search-sync.ts, wired per container by catalog.module.ts), and the editable 指南
 * text (guide.ts).
 */
export { registerCatalogPortal } from './routes.js';
export { itemDocument, ITEM_KIND, wireCatalogSearchSync } from './search-sync.js';
