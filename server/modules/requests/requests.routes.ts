import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC, needs } from '../../http/access.js';
import { routeSchema, type RouteContract } from '../../../contract/common.js';
import * as C from '../../../contract/requests.js';
import type { Container } from '../../container.js';
import { DomainError, invalidField } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import { inTransaction } from '../../platform/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { captchaKindOf, captchaRefreshRequested, checkCaptcha, issueCaptcha } from '../captcha/index.js';
import { validateApplicant, type ApplicantInput } from './requests.rules.js';
import { renderDocument } from '../portal/portal.pages.js';
import { requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import * as service from './requests.service.js';
import { ApplyDonePage, ApplyPage, TrackPage, type ApplyValues } from './requests.portal.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function contentDisposition(fileName: string): string {
  return `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const TRACK_COOKIE = 'gk_track';

function applicantOf(values: ApplyValues): ApplicantInput {
  return {
    applicantType: values.applicantType ?? '',
    applicantName: values.applicantName ?? '',
    contactPerson: values.contactPerson ?? null,
    idDocType: values.idDocType ?? '',
    idNumber: values.idNumber ?? '',
    phone: values.phone ?? null,
    email: values.email ?? null,
    address: values.address ?? null,
    postcode: values.postcode ?? null,
    description: values.description ?? '',
    requestedForm: values.requestedForm ?? '',
    deliveryMethod: values.deliveryMethod ?? '',
    notifyBy: values.notifyBy ?? 'none',
  };
}

/** Field → Chinese message of a validation error (one or many fields). */
function fieldErrors(err: DomainError): Record<string, string> {
  return (
    (err.details?.fields as Record<string, string> | undefined) ?? {
      [typeof err.details?.field === 'string' ? err.details.field : 'description']: err.messageZh,
    }
  );
}

export async function requestsRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;

  // ------------------------------------------------------------------ console API
  // Every route is declared in contract/requests.ts (params, body, 2xx response, errors).
  const read = needs('business.read');
  const handle = needs('requests.handle');
  const admin = needs('requests.admin');
  const approve = needs('requests.approve');

  app.get('/api/requests/meta', { config: { access: read }, schema: routeSchema(C.getMeta) }, async () =>
    service.meta(),
  );
  app.get('/api/requests', { config: { access: read }, schema: routeSchema(C.listCases) }, async (req) =>
    service.listCases(ctx, req.actor, req.query as service.ListFilter),
  );
  app.get('/api/requests/board', { config: { access: read }, schema: routeSchema(C.getBoard) }, async (req) =>
    service.board(ctx, req.actor),
  );
  app.post(
    '/api/requests',
    { config: { access: admin }, schema: routeSchema(C.createCase) },
    async (req, reply) =>
      reply.status(201).send(await service.createCase(ctx, req.actor, req.body as service.IntakeInput)),
  );
  app.get('/api/requests/:id', { config: { access: read }, schema: routeSchema(C.getCase) }, async (req) =>
    service.getCase(ctx, req.actor, req.params.id),
  );

  /** POST /api/requests/:id/<path>: one use case each, declared in the contract. */
  const action = <B>(
    path: string,
    access: ReturnType<typeof needs>,
    contract: RouteContract,
    fn: (id: string, body: B, req: FastifyRequest) => Promise<unknown>,
  ) => {
    app.post(
      `/api/requests/:id/${path}`,
      { config: { access }, schema: routeSchema(contract) },
      async (req) => fn((req.params as { id: string }).id, (req.body ?? {}) as B, req),
    );
  };

  action<never>('confirm', admin, C.confirmReceipt, (id, b, req) =>
    service.confirmReceipt(ctx, req.actor, id, b),
  );
  action<never>('discard', admin, C.discardSubmission, (id, b, req) =>
    service.discardSubmission(ctx, req.actor, id, b),
  );
  action<never>('assign', admin, C.assignCase, (id, b, req) => service.assignCase(ctx, req.actor, id, b));
  action<never>('unmask', admin, C.unmaskIdNumber, (id, b, req) =>
    service.unmaskIdNumber(ctx, req.actor, id, b),
  );
  action<never>('notes', handle, C.addNote, (id, b, req) => service.addNote(ctx, req.actor, id, b));
  action<never>('links', handle, C.linkCase, (id, b, req) => service.linkCase(ctx, req.actor, id, b));
  action<unknown>('regenerate-code', admin, C.regenerateQueryCode, (id, _b, req) =>
    service.regenerateQueryCode(ctx, req.actor, id),
  );
  action<never>('supplement-request', handle, C.requestSupplement, (id, b, req) =>
    service.requestSupplement(ctx, req.actor, id, b),
  );
  action<never>('supplement-received', handle, C.receiveSupplement, (id, b, req) =>
    service.receiveSupplement(ctx, req.actor, id, b),
  );
  action<never>('supplement-expired', handle, C.expireSupplement, (id, b, req) =>
    service.expireSupplement(ctx, req.actor, id, b),
  );
  action<never>('consultations', handle, C.sendConsultation, (id, b, req) =>
    service.sendConsultation(ctx, req.actor, id, b),
  );
  app.post(
    '/api/requests/:id/consultations/:consultationId/reply',
    { config: { access: handle }, schema: routeSchema(C.replyConsultation) },
    async (req) => {
      const p = req.params;
      return service.replyConsultation(ctx, req.actor, p.id, p.consultationId, req.body as never);
    },
  );
  action<never>('extension', approve, C.approveExtension, (id, b, req) =>
    service.approveExtension(ctx, req.actor, id, b),
  );
  action<never>('extension/notify', handle, C.notifyExtension, (id, b, req) =>
    service.notifyExtension(ctx, req.actor, id, b),
  );
  action<never>('deferral', approve, C.deferAnswer, (id, b, req) =>
    service.deferAnswer(ctx, req.actor, id, b),
  );
  action<never>('fee-notice', handle, C.sendFeeNotice, (id, b, req) =>
    service.sendFeeNotice(ctx, req.actor, id, b),
  );
  action<never>('fee-payment', admin, C.recordFeePayment, (id, b, req) =>
    service.recordFeePayment(ctx, req.actor, id, b),
  );
  action<never>('fee-expired', handle, C.expireFee, (id, b, req) => service.expireFee(ctx, req.actor, id, b));
  action<never>('withdraw', admin, C.withdraw, (id, b, req) => service.withdraw(ctx, req.actor, id, b));
  app.put(
    '/api/requests/:id/outcome',
    { config: { access: handle }, schema: routeSchema(C.draftOutcome) },
    async (req) => service.draftOutcome(ctx, req.actor, req.params.id, req.body as never),
  );
  action<unknown>('submit', handle, C.submitForReview, (id, _b, req) =>
    service.submitForReview(ctx, req.actor, id),
  );
  action<never>('review', needs('catalog.review', 'requests.admin'), C.reviewCase, (id, b, req) =>
    service.reviewCase(ctx, req.actor, id, b),
  );
  action<never>('sign-off', approve, C.signOff, (id, b, req) => service.signOff(ctx, req.actor, id, b));
  action<never>('reply', admin, C.sendReply, (id, b, req) => service.sendReply(ctx, req.actor, id, b));
  action<unknown>('archive', admin, C.archiveCase, (id, _b, req) => service.archiveCase(ctx, req.actor, id));
  action<unknown>('letters', handle, C.regenerateReceipt, (id, _b, req) =>
    service.regenerateReceipt(ctx, req.actor, id),
  );
  action<never>('appeals', admin, C.recordAppeal, (id, b, req) =>
    service.recordAppeal(ctx, req.actor, id, b),
  );

  app.get(
    '/api/requests/letters/:id/download',
    { config: { access: read }, schema: routeSchema(C.downloadLetter) },
    async (req, reply) => {
      const f = await service.letterFile(ctx, req.actor, req.params.id);
      return reply.type(DOCX).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  app.get(
    '/api/requests/:id/reply-files',
    { config: { access: read }, schema: routeSchema(C.listReplyFiles) },
    async (req) => service.listReplyFiles(ctx, req.actor, req.params.id),
  );
  // Writers only, checked before the upload is read (a reader gets 403, never a 400 about the file).
  const replyFileWriter = needs('requests.handle', 'requests.admin');
  app.post(
    '/api/requests/:id/reply-files',
    { config: { access: replyFileWriter }, schema: routeSchema(C.addReplyFile) },
    async (req, reply) => {
      if (!req.isMultipart())
        throw invalidField('file', 'multipart_required', '请以 multipart/form-data 上传文件');
      const file = await req.file();
      if (!file) throw invalidField('file', 'file_required', '请选择要上传的文件');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch {
        throw invalidField('file', 'reply_file_too_large', '答复附件不能超过20MB');
      }
      const saved = await service.addReplyFile(ctx, req.actor, req.params.id, {
        fileName: file.filename,
        bytes,
      });
      return reply.status(201).send(saved);
    },
  );
  app.delete(
    '/api/request-reply-files/:id',
    { config: { access: replyFileWriter }, schema: routeSchema(C.removeReplyFile) },
    async (req, reply) => {
      await service.removeReplyFile(ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/request-reply-files/:id',
    { config: { access: read }, schema: routeSchema(C.downloadReplyFile) },
    async (req, reply) => {
      const f = await service.replyFileForStaff(ctx, req.actor, req.params.id);
      return reply.type(f.mime).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  app.get(
    '/api/requests/templates',
    { config: { access: read }, schema: routeSchema(C.listTemplates) },
    async (req) => service.listTemplates(ctx, req.actor),
  );
  app.put(
    '/api/requests/templates',
    { config: { access: admin }, schema: routeSchema(C.putTemplate) },
    async (req) => service.putTemplate(ctx, req.actor, req.body as never),
  );
  app.delete(
    '/api/requests/templates',
    { config: { access: admin }, schema: routeSchema(C.resetTemplate) },
    async (req) => service.resetTemplate(ctx, req.actor, req.query as never),
  );

  app.get(
    '/api/requests/word-templates',
    { config: { access: read }, schema: routeSchema(C.listWordTemplates) },
    async (req) => service.listWordTemplates(ctx, req.actor),
  );
  // Administrators only, checked before the upload is read.
  app.post(
    '/api/requests/word-templates/:kind',
    { config: { access: admin }, schema: routeSchema(C.uploadWordTemplate) },
    async (req, reply) => {
      if (!req.isMultipart())
        throw invalidField('file', 'multipart_required', '请以 multipart/form-data 上传文件');
      const file = await req.file();
      if (!file) throw invalidField('file', 'file_required', '请选择要上传的Word模板');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch {
        throw invalidField('file', 'word_template_too_large', 'Word模板不能超过5MB');
      }
      const { kind } = req.params;
      const saved = await service.uploadWordTemplate(ctx, req.actor, kind, {
        fileName: file.filename,
        bytes,
      });
      return reply.status(201).send(saved);
    },
  );
  app.delete(
    '/api/requests/word-templates/:kind',
    { config: { access: admin }, schema: routeSchema(C.removeWordTemplate) },
    async (req, reply) => {
      await service.removeWordTemplate(ctx, req.actor, req.params.kind);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/requests/word-templates/:kind/file',
    { config: { access: read }, schema: routeSchema(C.downloadWordTemplate) },
    async (req, reply) => {
      const f = await service.wordTemplateFile(ctx, req.actor, req.params.kind);
      return reply.type(DOCX).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );
  app.get(
    '/api/requests/word-templates/:kind/starter',
    { config: { access: read }, schema: routeSchema(C.starterWordTemplate) },
    async (req, reply) => {
      const f = await service.starterWordTemplateFile(ctx, req.actor, req.params.kind);
      return reply.type(DOCX).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  app.get(
    '/api/requests/settings',
    { config: { access: read }, schema: routeSchema(C.getSettings) },
    async (req) => service.getSettings(ctx, req.actor),
  );
  app.put(
    '/api/requests/settings',
    { config: { access: admin }, schema: routeSchema(C.putSettings) },
    async (req) => service.putSettings(ctx, req.actor, req.body as never),
  );

  app.post(
    '/api/requests/fees/quote',
    { config: { access: read }, schema: routeSchema(C.quoteFee) },
    async (req) => service.quoteFee(req.body as never),
  );
  app.get('/api/requests/fees', { config: { access: read }, schema: routeSchema(C.feeLedger) }, async (req) =>
    service.feeLedger(ctx, req.actor, req.query.year),
  );
  app.get(
    '/api/requests/appeals',
    { config: { access: read }, schema: routeSchema(C.listAppeals) },
    async (req) => service.listAppeals(ctx, req.actor, req.query.year),
  );
  app.patch(
    '/api/request-appeals/:id',
    { config: { access: admin }, schema: routeSchema(C.updateAppeal) },
    async (req) => service.updateAppeal(ctx, req.actor, req.params.id, req.body as never),
  );
  app.get(
    '/api/requests/reminders',
    { config: { access: handle }, schema: routeSchema(C.listReminders) },
    async (req) => service.listReminders(ctx, req.actor, req.query),
  );
  app.post(
    '/api/requests/reminders/:id/ack',
    { config: { access: handle }, schema: routeSchema(C.acknowledgeReminder) },
    async (req) => service.acknowledgeReminder(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/requests/promotions',
    { config: { access: read }, schema: routeSchema(C.listPromotions) },
    async (req) => service.promotionCandidates(ctx, req.actor, req.query),
  );
  app.post(
    '/api/requests/promotions',
    { config: { access: admin }, schema: routeSchema(C.promote) },
    async (req) => service.promote(ctx, req.actor, req.body as never),
  );
  app.get(
    '/api/requests/applicants/volume',
    { config: { access: read }, schema: routeSchema(C.monthlyVolume) },
    async (req) => service.monthlyVolume(ctx, req.actor, req.query.month),
  );
  app.get(
    '/api/requests/report-facts',
    { config: { access: read }, schema: routeSchema(C.reportFacts) },
    async (req) => service.reportFactsFor(ctx, req.actor, req.query.year),
  );

  // ------------------------------------------------------------------ portal
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/apply`, label: '依申请公开' },
      { href: `${base}/track`, label: '申请查询' },
    ],
  });

  // Captchas are written through inTransaction, so on SQLite they share the group commit of the
  // submissions around them instead of an fsync of their own per form shown.
  const newCaptcha = (kind: 'image' | 'text' = 'image') =>
    inTransaction(ctx, (trx) => issueCaptcha({ db: trx, clock: ctx.clock }, 'apply', kind));
  /** Consumes the form's captcha (one use, even when wrong): a message, or null when it passed. */
  const useCaptcha = (values: ApplyValues) => (trx: Kysely<DB>) =>
    checkCaptcha({ db: trx, clock: ctx.clock }, values.captchaId ?? '', values.captcha ?? '', 'apply');

  const applyGet = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    return sendHtml(
      reply,
      renderDocument(ApplyPage({ ctx: page, values: {}, errors: {}, captcha: await newCaptcha() })),
    );
  };
  const applyPost = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: ApplyValues = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v.slice(0, 2000);
    const rerender = async (errors: Record<string, string>, status = 400) =>
      sendHtml(
        reply,
        renderDocument(
          ApplyPage({ ctx: page, values, errors, captcha: await newCaptcha(captchaKindOf(body)) }),
        ),
        status,
      );
    // "换一张" / "改用文字题" without JavaScript: the form comes back with everything typed, nothing saved.
    const refresh = captchaRefreshRequested(body);
    if (refresh) {
      return sendHtml(
        reply,
        renderDocument(ApplyPage({ ctx: page, values, errors: {}, captcha: await newCaptcha(refresh) })),
      );
    }
    // Show every problem at once, not the captcha first and the fields on the next attempt.
    let fields: Record<string, string> = {};
    try {
      validateApplicant(applicantOf(values), todayInChina(ctx.clock));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      fields = fieldErrors(err);
    }
    if (Object.keys(fields).length > 0) {
      const captchaError = await inTransaction(ctx, useCaptcha(values));
      return rerender({ ...fields, ...(captchaError ? { captcha: captchaError } : {}) });
    }
    try {
      // The captcha is consumed in the submission's own transaction: one commit for both.
      const r = await service.submitOnline(ctx, req.actor, page.agency.id, applicantOf(values), {
        gate: useCaptcha(values),
      });
      if ('refused' in r) return rerender({ captcha: r.refused });
      return sendHtml(
        reply,
        renderDocument(ApplyDonePage({ ctx: page, caseNumber: r.caseNumber, queryCode: r.queryCode })),
        201,
      );
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'invalid') return rerender(fieldErrors(err));
      throw err;
    }
  };
  const applyLimit = { max: 10, timeWindow: '1 minute' };
  app.get('/apply', { config: { access: PUBLIC }, schema: { hide: true } }, applyGet);
  app.get('/a/:code/apply', { config: { access: PUBLIC }, schema: { hide: true } }, applyGet);
  app.post(
    '/apply',
    { config: { access: PUBLIC, rateLimit: applyLimit }, schema: { hide: true } },
    applyPost,
  );
  app.post(
    '/a/:code/apply',
    { config: { access: PUBLIC, rateLimit: applyLimit }, schema: { hide: true } },
    applyPost,
  );

  const trackGet = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    return sendHtml(reply, renderDocument(TrackPage({ ctx: page })));
  };
  const trackPost = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await requirePortal(c, portal, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const caseNumber = typeof body.caseNumber === 'string' ? body.caseNumber.slice(0, 60) : '';
    const queryCode = typeof body.queryCode === 'string' ? body.queryCode.slice(0, 40) : '';
    try {
      const { view, caseId } = await service.trackCase(ctx, caseNumber, queryCode);
      reply.setCookie(TRACK_COOKIE, caseId, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        maxAge: 1800,
      });
      return sendHtml(reply, renderDocument(TrackPage({ ctx: page, view })));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'track_not_found')
        return sendHtml(
          reply,
          renderDocument(TrackPage({ ctx: page, error: err.messageZh, caseNumber })),
          404,
        );
      throw err;
    }
  };
  const trackLimit = { max: 20, timeWindow: '1 minute' };
  app.get('/track', { config: { access: PUBLIC }, schema: { hide: true } }, trackGet);
  app.get('/a/:code/track', { config: { access: PUBLIC }, schema: { hide: true } }, trackGet);
  app.post(
    '/track',
    { config: { access: PUBLIC, rateLimit: trackLimit }, schema: { hide: true } },
    trackPost,
  );
  app.post(
    '/a/:code/track',
    { config: { access: PUBLIC, rateLimit: trackLimit }, schema: { hide: true } },
    trackPost,
  );
  const trackLetter = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.cookies[TRACK_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    if (!unsigned?.valid || !unsigned.value)
      throw new DomainError(
        'track_session_expired',
        '查询已过期，请重新输入受理编号和查询码',
        undefined,
        'forbidden',
      );
    const f = await service.publicLetter(ctx, unsigned.value, (req.params as { letterId: string }).letterId);
    return reply
      .type(DOCX)
      .header('content-disposition', contentDisposition(f.fileName))
      .header('cache-control', 'no-store')
      .send(f.bytes);
  };
  /** A file released with the reply, for the applicant whose signed tracking cookie names its case. */
  const trackFile = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.cookies[TRACK_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    if (!unsigned?.valid || !unsigned.value)
      throw new DomainError(
        'track_session_expired',
        '查询已过期，请重新输入受理编号和查询码',
        undefined,
        'forbidden',
      );
    const f = await service.publicReplyFile(ctx, unsigned.value, (req.params as { fileId: string }).fileId);
    return reply
      .type(f.mime)
      .header('content-disposition', contentDisposition(f.fileName))
      .header('cache-control', 'no-store')
      .send(f.bytes);
  };
  app.get('/track/files/:fileId', { config: { access: PUBLIC }, schema: { hide: true } }, trackFile);
  app.get('/a/:code/track/files/:fileId', { config: { access: PUBLIC }, schema: { hide: true } }, trackFile);
  app.get('/track/letters/:letterId', { config: { access: PUBLIC }, schema: { hide: true } }, trackLetter);
  app.get(
    '/a/:code/track/letters/:letterId',
    { config: { access: PUBLIC }, schema: { hide: true } },
    trackLetter,
  );

  // ------------------------------------------------------------------ calendar changes and reminders

  if (c.config.role !== 'web') {
    const run = () => {
      service
        .generateReminders(ctx)
        .catch((err: unknown) => app.log.error({ err }, 'request reminders failed'));
    };
    // Hourly is enough: reminders are per working day and idempotent.
    const timer = setInterval(run, 60 * 60_000);
    timer.unref();
    const first = setTimeout(run, 30_000);
    first.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      clearTimeout(first);
    });
  }
}
