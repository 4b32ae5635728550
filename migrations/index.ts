import type { Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';
import { platform } from './20261123_0001_platform.js';

/** Every migration in order. A migration is a factory so it can differ by dialect where SQL must. */
export const migrations: Record<string, (dialect: DialectName) => Migration> = {
  '20261123_0001_platform': platform,
};
