// Prints (or writes) the API's OpenAPI document without a running server or a configured database:
// `npm run openapi -- docs/api/openapi.json`. The document is the one /api/openapi.json serves.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.js';
import { buildContainer } from '../server/container.js';
import { openDatabase } from '../server/db/database.js';
import { buildApp } from '../server/http/app.js';

/** Builds the app over an empty in-memory database and returns its OpenAPI document. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({
    DATA_DIR: '/tmp/gongkai-openapi',
    SESSION_SECRET: 'openapi-openapi-openapi-openapi-openapi',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
  });
  const container = await buildContainer(config, {
    database: openDatabase({ kind: 'sqlite', file: ':memory:' }),
  });
  try {
    // Eager: every route's validator and serializer is compiled, so a broken schema fails here.
    const app = await buildApp(container, { logger: false, schemas: 'eager' });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    await app.close();
    return res.json<Record<string, unknown>>();
  } finally {
    await container.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = JSON.stringify(await openApiDocument(), null, 2);
  const target = process.argv[2];
  if (target) writeFileSync(target, json + '\n');
  else process.stdout.write(json + '\n');
}
