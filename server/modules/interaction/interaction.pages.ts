/**
 * Portal routes of 互动交流 (/hudong…, also under /a/:code/…). Forms post back and re-render with the
 * person's input and Chinese errors; writes are rate-limited; published lists are served from the
 * rendered-page cache (publication bumps the agency's content version).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../http/app.js';
import { PUBLIC } from '../../http/access.js';
import type { Container } from '../../container.js';
import { routeSchema } from '../../../contract/common.js';
import * as C from '../../../contract/interaction.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import { resolvePortalAgency } from '../orgs/orgs.service.js';
import { renderDocument } from '../portal/portal.pages.js';
import { cachedPortalPage, portalPage, requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { captchaKindOf, captchaRefreshRequested, checkCaptcha, issueCaptcha } from '../captcha/index.js';
import { submitOnline } from './intake.js';
import { rateItem, trackItem, trackedItem } from './correspondent.js';
import { publicLetter, publicLetters, publicMonths } from './publication.js';
import { publicConsultation, publicConsultations, submitComment } from './consultation.js';
import { agencyStats } from './stats.js';
import { statsChartSvg } from './interaction.chart.js';
import {
  PORTAL_KINDS,
  isKind,
  statsCsv,
  validateSubmission,
  type SubmissionInput,
} from './interaction.rules.js';
import type { InteractionKind } from './interaction.tables.js';
import {
  ConsultationPage,
  ConsultationsPage,
  HudongHome,
  LetterPage,
  LettersPage,
  StatsPage,
  TrackPage,
  WriteDonePage,
  WritePage,
  type FormValues,
} from './interaction.portal.js';

const TRACK_COOKIE = 'gk_hd_track';
const WRITE_LIMIT = { max: 10, timeWindow: '1 minute' };
const TRACK_LIMIT = { max: 20, timeWindow: '1 minute' };
const SEARCH_LIMIT = { max: 120, timeWindow: '1 minute' };

/** Form body → trimmed strings (bounded so an oversize post cannot blow up a re-render). */
function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') values[k] = v.slice(0, 6000);
  return values;
}

function submissionOf(v: FormValues, kind: string): SubmissionInput {
  return {
    kind,
    subject: v.subject ?? '',
    body: v.body ?? '',
    anonymous: v.anonymous === '1',
    name: v.name ?? null,
    phone: v.phone ?? null,
    email: v.email ?? null,
    address: v.address ?? null,
    notifyBy: v.notifyBy || null,
    publishConsent: v.publishConsent === '1',
  };
}

function fieldErrors(err: DomainError): Record<string, string> {
  return (
    (err.details?.fields as Record<string, string> | undefined) ?? {
      [typeof err.details?.field === 'string' ? err.details.field : 'body']: err.messageZh,
    }
  );
}

/** Both the site-root path and the per-agency `/a/:code` path, for POST. */
function portalPost(
  app: App,
  path: string,
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  rateLimit: object,
) {
  for (const p of [path, `/a/:code${path}`])
    app.post(p, { config: { access: PUBLIC, rateLimit }, schema: { hide: true } }, handler);
}

export async function interactionPortalRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/hudong`, label: '互动交流首页', group: '互动交流' },
      { href: `${base}/hudong/write?kind=mailbox`, label: '局长信箱', group: '互动交流' },
      { href: `${base}/hudong/letters`, label: '来信选登', group: '互动交流' },
      { href: `${base}/hudong/consultations`, label: '意见征集', group: '互动交流' },
      { href: `${base}/hudong/track`, label: '答复查询', group: '互动交流' },
    ],
    // The newest published letters and every public consultation (bounded: a sitemap file holds 50,000 URLs).
    sitemap: async (agency, base) => {
      const letters = await publicLetters(ctx, { orgId: agency.id, page: 1, pageSize: 1000 });
      const { open, closed } = await publicConsultations(ctx, agency.id, 1);
      return [
        { path: `${base}/hudong/zhaocuo`, title: '我为政府网站找错', section: '互动交流' },
        { path: `${base}/hudong/stats`, title: '互动交流统计', section: '互动交流' },
        ...[...open, ...closed].map((x) => ({
          path: `${base}/hudong/consultations/${x.id}`,
          title: x.title,
          section: '意见征集',
        })),
        ...letters.items.map((l) => ({ path: `${base}/hudong/letters/${l.id}`, lastmod: l.repliedOn })),
      ];
    },
  });

  portalPage(app, '/hudong', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const { open } = await publicConsultations(ctx, page.agency.id);
    return sendHtml(reply, renderDocument(HudongHome({ ctx: page, open })));
  });

  // ------------------------------------------------------------------ writing
  const writeForm = (fixedKind: InteractionKind | null, path: string) => {
    const render = async (
      req: FastifyRequest,
      reply: FastifyReply,
      values: FormValues,
      errors: Record<string, string>,
      status: number,
    ) => {
      const page = await requirePortal(c, portal, req);
      const kindParam = (req.query as { kind?: string }).kind ?? values.kind;
      const kind = fixedKind ?? (isKind(kindParam) && PORTAL_KINDS.includes(kindParam) ? kindParam : null);
      const captcha = await issueCaptcha(ctx, 'interaction', captchaKindOf(values));
      const action = `${page.base}${path}${!fixedKind && kind ? `?kind=${kind}` : ''}`;
      return sendHtml(
        reply,
        renderDocument(WritePage({ ctx: page, kind, values, errors, captcha, action })),
        status,
      );
    };
    portalPage(app, path, (req, reply) => render(req, reply, {}, {}, 200), {
      querystring: Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })) }),
    });
    portalPost(
      app,
      path,
      async (req, reply) => {
        const page = await requirePortal(c, portal, req);
        const values = formValues(req.body);
        if (captchaRefreshRequested(values)) return render(req, reply, values, {}, 200);
        const kindParam = (req.query as { kind?: string }).kind;
        const kind = fixedKind ?? values.kind ?? kindParam ?? '';
        const input = submissionOf(values, kind);
        const captchaError = await checkCaptcha(
          ctx,
          values.captchaId ?? '',
          values.captcha ?? '',
          'interaction',
        );
        if (captchaError) {
          // Every problem at once, not the captcha first and the fields on the next attempt.
          let fields: Record<string, string> = {};
          try {
            validateSubmission(input, PORTAL_KINDS);
          } catch (err) {
            if (err instanceof DomainError) fields = fieldErrors(err);
          }
          return render(req, reply, values, { ...fields, captcha: captchaError }, 400);
        }
        try {
          const r = await submitOnline(ctx, req.actor, page.agency.id, input);
          return sendHtml(
            reply,
            renderDocument(WriteDonePage({ ctx: page, number: r.number, queryCode: r.queryCode })),
            201,
          );
        } catch (err) {
          if (err instanceof DomainError && err.kind === 'invalid')
            return render(req, reply, values, fieldErrors(err), 400);
          throw err;
        }
      },
      WRITE_LIMIT,
    );
  };
  writeForm(null, '/hudong/write');
  // The 我为政府网站找错 page the portal footer links to.
  writeForm('site_error', '/hudong/zhaocuo');

  // ------------------------------------------------------------------ tracking and rating
  portalPage(app, '/hudong/track', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    return sendHtml(reply, renderDocument(TrackPage({ ctx: page })));
  });
  portalPost(
    app,
    '/hudong/track',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const v = formValues(req.body);
      const number = (v.number ?? '').slice(0, 60);
      try {
        const { view, itemId } = await trackItem(ctx, number, (v.queryCode ?? '').slice(0, 40));
        reply.setCookie(TRACK_COOKIE, itemId, {
          signed: true,
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          maxAge: 1800,
        });
        return sendHtml(reply, renderDocument(TrackPage({ ctx: page, view })));
      } catch (err) {
        if (err instanceof DomainError && err.code === 'track_not_found')
          return sendHtml(reply, renderDocument(TrackPage({ ctx: page, error: err.messageZh, number })), 404);
        throw err;
      }
    },
    TRACK_LIMIT,
  );
  portalPost(
    app,
    '/hudong/rate',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const raw = req.cookies[TRACK_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (!unsigned?.valid || !unsigned.value)
        return sendHtml(
          reply,
          renderDocument(TrackPage({ ctx: page, error: '查询已过期，请重新输入编号和查询码' })),
          403,
        );
      const v = formValues(req.body);
      try {
        const view = await rateItem(ctx, req.actor, {
          itemId: unsigned.value,
          rating: v.rating ?? '',
          comment: v.comment ?? null,
        });
        const notice =
          v.rating === 'unsatisfied' && view.rating === null
            ? '已收到您的不满意评价，我们将重新办理并再次答复。'
            : '感谢您的评价。';
        return sendHtml(reply, renderDocument(TrackPage({ ctx: page, view, notice })));
      } catch (err) {
        if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
          const view = await trackedItem(ctx, unsigned.value);
          const errors = err.kind === 'invalid' ? fieldErrors(err) : {};
          return sendHtml(
            reply,
            renderDocument(
              TrackPage({
                ctx: page,
                view,
                errors,
                ...(err.kind === 'conflict'
                  ? { error: err.messageZh }
                  : { error: '评价未提交，请按提示修改' }),
              }),
            ),
            err.kind === 'conflict' ? 409 : 400,
          );
        }
        throw err;
      }
    },
    TRACK_LIMIT,
  );

  // ------------------------------------------------------------------ published letters
  const listQuery = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    month: Type.Optional(Type.String({ maxLength: 7 })),
    page: Type.Optional(Type.String({ maxLength: 6 })),
  });
  cachedPortalPage(
    app,
    c,
    portal,
    '/hudong/letters',
    async (req, page) => {
      const query = req.query as { q?: string; kind?: string; month?: string; page?: string };
      const kind = isKind(query.kind) ? query.kind : '';
      const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(query.month ?? '') ? query.month! : '';
      const pageNo = Math.min(Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1), 50);
      const q = (query.q ?? '').trim().slice(0, 100);
      const [result, months] = await Promise.all([
        publicLetters(ctx, {
          orgId: page.agency.id,
          ...(q ? { q } : {}),
          ...(kind ? { kind } : {}),
          ...(month ? { month } : {}),
          page: pageNo,
          pageSize: 20,
        }),
        publicMonths(ctx, page.agency.id, todayInChina(ctx.clock)),
      ]);
      return {
        body: renderDocument(LettersPage({ ctx: page, q, kind, month, months, page: pageNo, result })),
        contentType: 'text/html; charset=utf-8',
      };
    },
    { schema: { querystring: listQuery }, config: { rateLimit: SEARCH_LIMIT } },
  );
  cachedPortalPage(app, c, portal, '/hudong/letters/:id', async (req, page) => {
    const letter = await publicLetter(ctx, page.agency.id, (req.params as { id: string }).id);
    return {
      body: renderDocument(LetterPage({ ctx: page, letter })),
      contentType: 'text/html; charset=utf-8',
    };
  });

  // ------------------------------------------------------------------ consultations
  portalPage(app, '/hudong/consultations', async (req, reply) => {
    const page = await requirePortal(c, portal, req);
    const pageNo = Math.min(
      Math.max(1, Number.parseInt((req.query as { page?: string }).page ?? '1', 10) || 1),
      500,
    );
    const list = await publicConsultations(ctx, page.agency.id, pageNo);
    return sendHtml(reply, renderDocument(ConsultationsPage({ ctx: page, ...list })));
  });
  const consultationView = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: Record<string, string>,
    status: number,
    notice?: string,
  ) => {
    const page = await requirePortal(c, portal, req);
    const cons = await publicConsultation(ctx, page.agency.id, (req.params as { id: string }).id);
    const captcha =
      cons.state === 'open' ? await issueCaptcha(ctx, 'consultation', captchaKindOf(values)) : null;
    return sendHtml(
      reply,
      renderDocument(
        ConsultationPage({ ctx: page, c: cons, values, errors, captcha, ...(notice ? { notice } : {}) }),
      ),
      status,
    );
  };
  portalPage(app, '/hudong/consultations/:id', (req, reply) => consultationView(req, reply, {}, {}, 200));
  portalPost(
    app,
    '/hudong/consultations/:id',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const values = formValues(req.body);
      if (captchaRefreshRequested(values)) return consultationView(req, reply, values, {}, 200);
      const captchaError = await checkCaptcha(
        ctx,
        values.captchaId ?? '',
        values.captcha ?? '',
        'consultation',
      );
      if (captchaError) return consultationView(req, reply, values, { captcha: captchaError }, 400);
      try {
        await submitComment(ctx, req.actor, page.agency.id, (req.params as { id: string }).id, {
          author: values.author ?? null,
          body: values.body ?? '',
        });
        return consultationView(
          req,
          reply,
          {},
          {},
          201,
          '您的意见已提交，感谢参与。意见经审核后展示（或按本次征集的设置不公开展示）。',
        );
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'invalid')
          return consultationView(req, reply, values, fieldErrors(err), 400);
        if (err instanceof DomainError && err.kind === 'conflict')
          return consultationView(req, reply, values, { body: err.messageZh }, 409);
        throw err;
      }
    },
    WRITE_LIMIT,
  );

  // ------------------------------------------------------------------ statistics
  const statsQuery = Type.Object({
    from: Type.Optional(Type.String({ maxLength: 7 })),
    to: Type.Optional(Type.String({ maxLength: 7 })),
  });
  const statsOf = async (orgId: string, q: { from?: string; to?: string }) =>
    agencyStats(ctx, orgId, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
  portalPage(
    app,
    '/hudong/stats',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const s = await statsOf(page.agency.id, req.query as { from?: string; to?: string });
      const chartSvg = statsChartSvg(s.cells, s.from, s.to);
      return sendHtml(reply, renderDocument(StatsPage({ ctx: page, ...s, chartSvg })));
    },
    { querystring: statsQuery },
  );
  portalPage(
    app,
    '/hudong/stats.csv',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      const s = await statsOf(page.agency.id, req.query as { from?: string; to?: string });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="hudong-stats-${s.from}-${s.to}.csv"`)
        .send(statsCsv(s.cells));
    },
    { querystring: statsQuery },
  );
  portalPage(
    app,
    '/hudong/stats.json',
    async (req, reply) => {
      const page = await requirePortal(c, portal, req);
      return reply.send(await statsOf(page.agency.id, req.query as { from?: string; to?: string }));
    },
    { querystring: statsQuery },
  );
  // The same figures as a documented API for any agency by code.
  app.get(
    '/api/public/interaction/:code/stats',
    { config: { access: PUBLIC, rateLimit: SEARCH_LIMIT }, schema: routeSchema(C.getPublicStats) },
    async (req) => {
      const agency = await resolvePortalAgency(ctx, undefined, req.params.code);
      if (!agency) throw notFound('agency', '该机关不存在');
      return statsOf(agency.id, req.query);
    },
  );
}
