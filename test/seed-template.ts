import { loadConfig } from '../server/config.js';
import { buildContainer } from '../server/container.js';
import type { Database } from '../server/db/database.js';
import { demoContributors } from '../server/modules/demo/demo.contributors.js';
import { seedDemo } from '../server/modules/demo/demo.seed.js';
import { fixedClock } from '../server/platform/clock.js';

/** The clock the seeded templates are made with: createTestApp's default `now`. */
export const TEMPLATE_NOW = '2026-03-02T02:00:00Z';

/** Seeds the demo agency (every module's demo content) into a migrated database, as createTestApp does. */
export async function seedTemplate(database: Database): Promise<void> {
  const config = loadConfig({
    DATA_DIR: '/tmp/gongkai-test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
  });
  const container = await buildContainer(config, {
    clock: fixedClock(TEMPLATE_NOW),
    database,
    migrate: false,
  });
  await seedDemo(container.ctx, demoContributors);
}
