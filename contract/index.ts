/** The API contract: one file per module, shared by server routes and the console. */
export * from './common.js';
