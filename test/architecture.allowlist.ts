/**
 * Today's violations of the structure rules (test/architecture.test.ts), file → reason. The lists only
 * shrink: a new violation fails the test, and so does an entry that is no longer needed. Regenerate the
 * current findings with `node --import tsx test/architecture.scan.ts` (then keep only real, explained
 * exceptions). Recorded 2026-12-06 while the modules were being split (issue 12); owner in parentheses.
 */

/** `*.tables.ts` files that do not declare `export const OWNED_TABLES = [...] as const` yet. */
export const MISSING_OWNED_TABLES_ALLOWED: Record<string, string> = {};

/** Non-repository files that build queries: count of builder calls allowed (it may only go down). */
export const QUERY_OUTSIDE_REPOSITORY_ALLOWED: Record<string, { count: number; reason: string }> = {};

/** Module files naming tables another module owns (the owner should expose a function instead). */
export const FOREIGN_TABLES_ALLOWED: Record<string, { tables: string[]; reason: string }> = {};

/** Files over 800 lines: current length allowed (it may only go down). */
export const FILE_LINES_ALLOWED: Record<string, { lines: number; reason: string }> = {};
