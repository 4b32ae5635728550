import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

/** count(*) and sum() come back as bigint strings on PostgreSQL and numbers on SQLite. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** Booleans are stored as 0/1 integers on both engines so rows have one shape. */
export const bool = (value: boolean): number => (value ? 1 : 0);

/** Case-insensitive LIKE (ILIKE on PostgreSQL; SQLite's LIKE is already ASCII case-insensitive). */
export function ilike(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** The year of an ISO date/timestamp text column. */
export function yearOf(column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, 4)`;
}
