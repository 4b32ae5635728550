import pg from 'pg';

/** The PostgreSQL server used by tests: TEST_DATABASE_URL, else DATABASE_URL when it points at PostgreSQL. */
export function testPostgresUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';
  return /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** The same server, another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
