/**
 * Public portal pages of the module (server-rendered, no JavaScript): 双公示 list with filters, name
 * search (jieba tokens) and exact credit-code search, decision detail with notices, the enterprise page,
 * open data (CSV/JSON), and the 事故调查报告 / 挂牌督办 lists and details.
 */
import { Readable } from 'node:stream';
import { SPREADSHEET_SAFE_CAST } from '../../platform/csv.js';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { notFound } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { renderDocument } from '../portal/portal.pages.js';
import { cachedPortalPage, portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import * as service from './enforcement.service.js';
import {
  ACCIDENT_LEVEL_LABELS,
  KIND_LABELS,
  publicCounterpartyName,
  RECTIFICATION_LABELS,
} from './enforcement.rules.js';
import type { DecisionKind } from './enforcement.tables.js';
import { CSS, type Query } from './portal.parts.js';
import { DecisionPage, EnterprisePage, ListPage } from './portal.decisions.js';
import { AccidentPage, AccidentsPage, HazardPage, HazardsPage } from './portal.records.js';

const ListQ = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  name: Type.Optional(Type.String({ maxLength: 50 })),
  code: Type.Optional(Type.String({ maxLength: 30 })),
  level: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
});

const asKind = (k?: string): DecisionKind | undefined =>
  k === 'license' || k === 'penalty' || k === 'coercion' ? k : undefined;
const asYear = (y?: string): number | undefined => (y && /^\d{4}$/.test(y) ? Number(y) : undefined);
/** The page asked for, within the pages a capped count can show (public.service.ts PUBLIC_LIST_CAP). */
const asPage = (p?: string): number => service.cappedPage(Number(p) || 1, 20);

/** Registers the portal pages, nav entries, the home block and the stylesheet. */
export async function enforcementPortal(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/shuanggongshi`, label: '双公示' },
      { href: `${base}/shigu`, label: '事故调查报告' },
      { href: `${base}/guapai`, label: '挂牌督办' },
    ],
    homeBlocks: async (agency, base) => {
      const { items } = await service.publicDecisions(ctx, agency.id, { pageSize: 6 });
      return [
        {
          title: '双公示',
          moreHref: `${base}/shuanggongshi`,
          emptyText: '暂无公示信息',
          items: items.map((d) => ({
            href: `${base}/shuanggongshi/${d.id}`,
            title: `${KIND_LABELS[d.kind]}：${publicCounterpartyName(d.counterparty_type, d.counterparty_name)}`,
            date: d.decision_date,
          })),
        },
      ];
    },
  });

  app.get('/static/enforcement.css', {
    config: { access: PUBLIC },
    schema: { hide: true },
    handler: async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  });

  const q = (req: FastifyRequest) => req.query as Query;

  // Cached (issue 14 item 8): keyed by the filters it reads, so junk parameters cannot force renders;
  // every publication bumps the content version, and the 60 s TTL brings in a day's end of publicity.
  cachedPortalPage(
    app,
    c,
    portal,
    '/shuanggongshi',
    async (req, page) => {
      const query = q(req);
      const kind = asKind(query.kind);
      let codeProblem: string | null = null;
      if (query.code?.trim()) {
        const r = validateCreditCode(query.code);
        if (!r.ok) codeProblem = `输入的统一社会信用代码不正确：${r.messageZh}`;
      }
      const p = asPage(query.page);
      const result = codeProblem
        ? { items: [], total: 0, more: false }
        : await service.publicDecisions(ctx, page.agency.id, {
            kind,
            year: asYear(query.year),
            name: query.name,
            creditCode: query.code,
            page: p,
          });
      const notices = await service.enforcementRepository.publicNotices(
        ctx.db,
        page.agency.id,
        5,
        todayInChina(ctx.clock),
      );
      return {
        contentType: 'text/html; charset=utf-8',
        body: renderDocument(
          <ListPage
            ctx={page}
            query={{ kind, year: query.year, name: query.name?.trim(), code: query.code?.trim() }}
            items={result.items}
            total={result.total}
            more={result.more}
            page={p}
            notices={notices}
            codeProblem={codeProblem}
            today={todayInChina(ctx.clock)}
          />,
        ),
      };
    },
    { schema: { querystring: ListQ }, query: ['kind', 'year', 'name', 'code', 'page'] },
  );

  const openData = async (req: FastifyRequest, format: 'csv' | 'json') => {
    const page = await requirePortal(c, portal, req);
    const query = q(req);
    const rows = service.openDataDecisions(ctx, page.agency.id, {
      kind: asKind(query.kind),
      year: asYear(query.year),
    });
    const name = page.agency.name;
    if (format === 'json') {
      return Readable.from(
        (async function* () {
          yield '{"agency":' + JSON.stringify(name) + ',"decisions":[';
          let first = true;
          for await (const d of rows) {
            yield (first ? '' : ',') + JSON.stringify(service.toPublicDecision(d, name));
            first = false;
          }
          yield ']}';
        })(),
      );
    }
    // csv-stringify is loaded on the first CSV download, not at start-up (issue 12).
    const { stringify } = await import('csv-stringify');
    const csv = stringify({
      header: true,
      bom: true,
      // A name or content starting with = + - @ must not run as a formula in the reader's spreadsheet.
      cast: SPREADSHEET_SAFE_CAST,
      columns: [
        { key: 'kindLabel', header: '决定类别' },
        { key: 'decisionNumber', header: '决定文号' },
        { key: 'counterpartyName', header: '行政相对人名称' },
        { key: 'creditCode', header: '统一社会信用代码' },
        { key: 'legalRepresentative', header: '法定代表人' },
        { key: 'itemName', header: '事项名称' },
        { key: 'legalBasis', header: '决定依据' },
        { key: 'content', header: '决定内容' },
        { key: 'fineYuan', header: '罚款金额（元）' },
        { key: 'confiscationYuan', header: '没收违法所得（元）' },
        { key: 'validFrom', header: '有效期自' },
        { key: 'validTo', header: '有效期至' },
        { key: 'decisionDate', header: '决定日期' },
        { key: 'legalStatusLabel', header: '状态' },
        { key: 'publishedOn', header: '公示日期' },
        { key: 'publicUntil', header: '公示截止日期' },
        { key: 'agency', header: '决定机关' },
      ],
    });
    void (async () => {
      try {
        for await (const d of rows)
          if (!csv.write(service.toPublicDecision(d, name))) await new Promise((r) => csv.once('drain', r));
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return csv;
  };
  portalPage(
    app,
    '/shuanggongshi/open-data.csv',
    async (req, reply) => {
      const body = await openData(req, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="shuanggongshi.csv"`)
        .send(body);
    },
    { querystring: ListQ },
  );
  portalPage(
    app,
    '/shuanggongshi/open-data.json',
    async (req, reply) => reply.type('application/json; charset=utf-8').send(await openData(req, 'json')),
    { querystring: ListQ },
  );

  portalPage(app, '/shuanggongshi/enterprise/:creditCode', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const raw = (req.params as { creditCode: string }).creditCode;
    const r = validateCreditCode(raw);
    if (!r.ok) throw notFound('enterprise', '统一社会信用代码不正确');
    const { decisions, hazards } = await service.enterpriseRecord(ctx, page.agency.id, r.normalized);
    if (decisions.length === 0 && hazards.length === 0) throw notFound('enterprise', '没有该主体的公示信息');
    return sendHtml(
      reply,
      renderDocument(
        <EnterprisePage ctx={page} code={r.normalized} decisions={decisions} hazards={hazards} />,
      ),
    );
  });

  portalPage(app, '/shuanggongshi/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const found = await service.publicDecision(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!found) throw notFound('decision', '该公示信息不存在或已过公示期');
    return sendHtml(
      reply,
      renderDocument(<DecisionPage ctx={page} d={found.decision} notices={found.notices} />),
    );
  });

  portalPage(
    app,
    '/shigu',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = q(req);
      const p = asPage(query.page);
      const level = query.level && query.level in ACCIDENT_LEVEL_LABELS ? query.level : undefined;
      const r = await service.publicAccidents(ctx, page.agency.id, {
        level,
        year: asYear(query.year),
        page: p,
      });
      return sendHtml(
        reply,
        renderDocument(
          <AccidentsPage
            ctx={page}
            query={{ level, year: query.year }}
            items={r.items}
            total={r.total}
            more={r.more}
            page={p}
            today={todayInChina(ctx.clock)}
          />,
        ),
      );
    },
    { querystring: ListQ },
  );
  portalPage(app, '/shigu/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const a = await service.publicAccident(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!a) throw notFound('accident', '该事故调查报告不存在');
    return sendHtml(reply, renderDocument(<AccidentPage ctx={page} a={a} />));
  });
  portalPage(
    app,
    '/guapai',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const query = q(req);
      const p = asPage(query.page);
      const status = query.status && query.status in RECTIFICATION_LABELS ? query.status : undefined;
      const r = await service.publicHazards(ctx, page.agency.id, {
        status,
        year: asYear(query.year),
        q: query.q?.trim() || undefined,
        page: p,
      });
      return sendHtml(
        reply,
        renderDocument(
          <HazardsPage
            ctx={page}
            query={{ status, year: query.year, q: query.q }}
            items={r.items}
            total={r.total}
            more={r.more}
            page={p}
            today={todayInChina(ctx.clock)}
          />,
        ),
      );
    },
    { querystring: ListQ },
  );
  portalPage(app, '/guapai/:id', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const h = await service.publicHazard(ctx, page.agency.id, (req.params as { id: string }).id);
    if (!h) throw notFound('hazard', '该挂牌督办信息不存在');
    return sendHtml(reply, renderDocument(<HazardPage ctx={page} h={h} />));
  });
}
