import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../server/config.js';
import { buildContainer, type Container } from '../server/container.js';
import type { Database } from '../server/db/database.js';
import { buildApp, type App } from '../server/http/app.js';
import { fixedClock } from '../server/platform/clock.js';
import { DEMO_PASSWORD, seedDemo } from '../server/modules/demo/demo.seed.js';
import { demoContributors } from '../server/modules/demo/demo.contributors.js';

export interface TestApp {
  app: App;
  container: Container;
  clock: ReturnType<typeof fixedClock>;
}

/** Builds the real app over a test database, with a controllable clock and the demo agency seeded. */
export async function createTestApp(
  database: Database,
  options: { seed?: boolean; now?: string } = {},
): Promise<TestApp> {
  const clock = fixedClock(options.now ?? '2026-03-02T02:00:00Z');
  const config = loadConfig({
    DATA_DIR: '/tmp/gongkai-test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
  });
  const container = await buildContainer(config, { clock, database, migrate: false });
  if (options.seed !== false) await seedDemo(container.ctx, demoContributors);
  const app = await buildApp(container, { logger: false });
  await app.ready();
  return { app, container, clock };
}

/** A cookie-carrying client over app.inject that sends the CSRF token on writes, like the console does. */
export class Client {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookieHeader(),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    this.remember(res);
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** Fetches the session (and a CSRF token) as the console does on start-up. */
  async refreshSession(): Promise<{
    user: { id: string; username: string; mustChangePassword: boolean } | null;
    permissions: string[];
  }> {
    const res = await this.get('/api/auth/session');
    const body = res.json();
    this.csrfToken = body.csrfToken;
    return body;
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    await this.refreshSession();
    const res = await this.post('/api/auth/login', { username, password });
    await this.refreshSession();
    return res;
  }
}

/** A client already signed in as a demo user. */
export async function signedIn(app: App, username: string): Promise<Client> {
  const client = new Client(app);
  const res = await client.login(username);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
  return client;
}
