import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetcher, injectFetcher, MAX_HTML_BYTES } from './selfcheck.fetch.js';

/**
 * The crawl follows every internal link, downloads included (an open-data CSV of a two-million-row
 * registry is hundreds of megabytes): a fetcher must check a file's status without reading it, and read at
 * most MAX_HTML_BYTES of a page.
 */
describe('self-check page fetchers', () => {
  const CHUNK = 64 * 1024;
  const CHUNKS = 4096; // 256 MB if read to the end
  let produced = 0;
  let app: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    app = Fastify();
    app.get('/open-data.csv', async (_req, reply) => {
      produced = 0;
      const line = Buffer.alloc(CHUNK, 'a');
      async function* rows() {
        for (let i = 0; i < CHUNKS; i++) {
          produced += 1;
          yield line;
          await new Promise((r) => setImmediate(r));
        }
      }
      return reply.type('text/csv; charset=utf-8').send(Readable.from(rows()));
    });
    app.get('/huge-page', async (_req, reply) => {
      const head = '<html><body><a href="/first">第一</a>';
      return reply.type('text/html; charset=utf-8').send(head + '公'.repeat(MAX_HTML_BYTES));
    });
    app.get('/gone', async (_req, reply) => reply.code(404).type('text/html').send('<p>未找到</p>'));
    app.get('/moved', async (_req, reply) => reply.redirect('/first', 301));
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  for (const [name, fetcher] of [
    ['inject', () => injectFetcher(app)],
    ['http', () => httpFetcher(origin)],
  ] as const) {
    describe(name, () => {
      it('checks a large download by its status and stops its producer instead of reading it', async () => {
        const page = await fetcher()('/open-data.csv');
        expect(page).toMatchObject({ status: 200, body: '' });
        expect(page.contentType).toMatch(/text\/csv/);
        await new Promise((r) => setTimeout(r, 200));
        const after = produced;
        await new Promise((r) => setTimeout(r, 200));
        expect(produced).toBe(after); // stopped, not still streaming in the background
        expect(produced).toBeLessThan(CHUNKS / 4);
      });

      it('reads at most MAX_HTML_BYTES of a page, whole characters only', async () => {
        const page = await fetcher()('/huge-page');
        expect(page.status).toBe(200);
        expect(page.body.startsWith('<html><body><a href="/first">第一</a>')).toBe(true);
        expect(Buffer.byteLength(page.body)).toBeLessThanOrEqual(MAX_HTML_BYTES);
        expect(Buffer.byteLength(page.body)).toBeGreaterThan(MAX_HTML_BYTES - 4);
        expect(page.body).not.toContain('\uFFFD');
      });

      it('returns error pages and redirects as they are', async () => {
        expect(await fetcher()('/gone')).toMatchObject({ status: 404, body: '<p>未找到</p>' });
        expect(await fetcher()('/moved')).toMatchObject({ status: 301, location: '/first' });
      });
    });
  }
});
