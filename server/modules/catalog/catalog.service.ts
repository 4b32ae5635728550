/**
 * Kept so modules written before the split keep compiling: import from `./index.js` (the module's
 * public surface) instead. The use cases live in catalog.columns / items / attachments / scanning /
 * workflow / review / publishing / reads / deliveries.
 */
export * from './index.js';
