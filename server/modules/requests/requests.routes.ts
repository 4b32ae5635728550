import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app.js';
import { PUBLIC, needs } from '../../http/access.js';
import { IdParams } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import { DomainError } from '../../platform/errors.js';
import { todayInChina } from '../../platform/clock.js';
import { captchaKindOf, captchaRefreshRequested, checkCaptcha, issueCaptcha } from '../captcha/index.js';
import { validateApplicant, type ApplicantInput } from './requests.rules.js';
import { renderDocument } from '../portal/portal.pages.js';
import { requirePortal, sendHtml } from '../portal/portal.routes.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { onCalendarChanged } from '../calendar/calendar.service.js';
import * as service from './requests.service.js';
import { ApplyDonePage, ApplyPage, TrackPage, type ApplyValues } from './requests.portal.js';
import { requestReportFacts } from './requests.report.js';

const Date10 = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Str = (max = 2000) => Type.String({ maxLength: max });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);
const StageT = Type.Union(
  [
    'awaiting_confirmation',
    'registered',
    'assigned',
    'drafting',
    'review',
    'sign_off',
    'replied',
    'archived',
    'discarded',
  ].map((s) => Type.Literal(s)),
);
const DateBody = Type.Object({ date: Date10 });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['依申请公开'];

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
  };
}

/** Field → Chinese message of a validation error (one or many fields). */
function fieldErrors(err: DomainError): Record<string, string> {
  return (
    (err.details?.fields as Record<string, string> | undefined) ?? {
      [String(err.details?.field ?? 'description')]: err.messageZh,
    }
  );
}

export async function requestsRoutes(app: App, c: Container, portal: PortalRegistry): Promise<void> {
  const ctx = c.ctx;

  // ------------------------------------------------------------------ console API
  app.get(
    '/api/requests/meta',
    {
      config: { access: needs('business.read') },
      schema: { tags, summary: '依申请公开参考数据（办理结果、申请人类型、渠道…）' },
    },
    async () => service.meta(),
  );

  app.get('/api/requests', {
    config: { access: needs('business.read') },
    schema: {
      tags,
      summary: '申请列表（期限为读取时计算）',
      querystring: Type.Object({
        stage: Opt(StageT),
        due: Opt(Type.Union([Type.Literal('soon'), Type.Literal('overdue'), Type.Literal('open')])),
        mine: Opt(Type.Boolean()),
        q: Opt(Str(100)),
        year: Opt(Type.Integer({ minimum: 2000, maximum: 2100 })),
        page: Opt(Type.Integer({ minimum: 1 })),
        pageSize: Opt(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
    },
    handler: async (req) => service.listCases(ctx, req.actor, req.query as service.ListFilter),
  });

  app.get(
    '/api/requests/board',
    { config: { access: needs('business.read') }, schema: { tags, summary: '临期 / 逾期看板' } },
    async (req) => service.board(ctx, req.actor),
  );

  const ApplicantBody = {
    applicantType: Str(20),
    applicantName: Str(100),
    contactPerson: Opt(Str(100)),
    idDocType: Str(20),
    idNumber: Str(40),
    phone: Opt(Str(40)),
    email: Opt(Str(200)),
    address: Opt(Str(300)),
    postcode: Opt(Str(6)),
    description: Str(2000),
    requestedForm: Str(20),
    deliveryMethod: Str(20),
  };

  app.post('/api/requests', {
    config: { access: needs('requests.admin') },
    schema: {
      tags,
      summary: '登记申请（当面、邮寄、信函、传真、电子邮件、口头）',
      body: Type.Object({
        channel: Type.Union(
          ['online', 'in_person', 'registered_mail', 'ordinary_mail', 'fax', 'email', 'oral'].map((s) =>
            Type.Literal(s),
          ),
        ),
        ...ApplicantBody,
        submittedAt: Str(40),
        signedForOn: Opt(Date10),
        confirmedOn: Opt(Date10),
        intakeNote: Opt(Str(2000)),
        itemCount: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createCase(ctx, req.actor, req.body as service.IntakeInput)),
  });

  app.get(
    '/api/requests/:id',
    { config: { access: needs('business.read') }, schema: { tags, params: IdParams } },
    async (req) => service.getCase(ctx, req.actor, req.params.id),
  );

  type Handler = (id: string, body: never, req: FastifyRequest) => Promise<unknown>;
  const action = (
    path: string,
    access: ReturnType<typeof needs>,
    summary: string,
    body: ReturnType<typeof Type.Object> | null,
    fn: Handler,
  ) => {
    app.post(`/api/requests/:id/${path}`, {
      config: { access },
      schema: { tags, summary, params: IdParams, ...(body ? { body } : {}) },
      handler: async (req) => fn(req.params.id, (req.body ?? {}) as never, req),
    });
  };

  action(
    'confirm',
    needs('requests.admin'),
    '确认收到申请（第三十一条）',
    Type.Object({ confirmedOn: Date10, note: Opt(Str(500)) }),
    (id, b, req) => service.confirmReceipt(ctx, req.actor, id, b),
  );
  action(
    'discard',
    needs('requests.admin'),
    '未予登记（待确认的提交）',
    Type.Object({ reason: Str(500) }),
    (id, b, req) => service.discardSubmission(ctx, req.actor, id, b),
  );
  action(
    'assign',
    needs('requests.admin'),
    '分办',
    Type.Object({ divisionId: Str(36), handlerId: Str(36) }),
    (id, b, req) => service.assignCase(ctx, req.actor, id, b),
  );
  action(
    'unmask',
    needs('requests.admin'),
    '查看完整身份证明号码（审计）',
    Type.Object({ reason: Str(200) }),
    (id, b, req) => service.unmaskIdNumber(ctx, req.actor, id, b),
  );
  action('notes', needs('requests.handle'), '办理备注', Type.Object({ text: Str(2000) }), (id, b, req) =>
    service.addNote(ctx, req.actor, id, b),
  );
  action(
    'links',
    needs('requests.handle'),
    '关联案件',
    Type.Object({
      linkedCaseNumber: Str(40),
      kind: Type.Union([Type.Literal('duplicate'), Type.Literal('related')]),
      note: Opt(Str(500)),
    }),
    (id, b, req) => service.linkCase(ctx, req.actor, id, b),
  );
  action('regenerate-code', needs('requests.admin'), '重置查询码', null, (id, _b, req) =>
    service.regenerateQueryCode(ctx, req.actor, id),
  );
  action(
    'supplement-request',
    needs('requests.handle'),
    '告知补正（第三十条，一次性）',
    Type.Object({
      date: Date10,
      items: Type.Array(Str(500), { maxItems: 20 }),
      supplementDeadline: Opt(Date10),
    }),
    (id, b, req) => service.requestSupplement(ctx, req.actor, id, b),
  );
  action(
    'supplement-received',
    needs('requests.handle'),
    '收到补正',
    Type.Object({ date: Date10, note: Opt(Str(1000)), description: Opt(Str(2000)) }),
    (id, b, req) => service.receiveSupplement(ctx, req.actor, id, b),
  );
  action('supplement-expired', needs('requests.handle'), '逾期不补正，视为放弃', DateBody, (id, b, req) =>
    service.expireSupplement(ctx, req.actor, id, b),
  );
  action(
    'consultations',
    needs('requests.handle'),
    '征求第三方 / 其他机关意见（第三十二、三十四条）',
    Type.Object({
      kind: Type.Union([Type.Literal('third_party'), Type.Literal('other_agency')]),
      date: Date10,
      party: Str(200),
      receivedOn: Opt(Date10),
      matter: Opt(Str(1000)),
    }),
    (id, b, req) => service.sendConsultation(ctx, req.actor, id, b),
  );
  app.post('/api/requests/:id/consultations/:consultationId/reply', {
    config: { access: needs('requests.handle') },
    schema: {
      tags,
      summary: '登记征求意见答复',
      params: Type.Object({ id: Str(64), consultationId: Str(20) }),
      body: Type.Object({
        date: Date10,
        opinion: Type.Union([Type.Literal('agree'), Type.Literal('disagree'), Type.Literal('other')]),
        note: Opt(Str(1000)),
      }),
    },
    handler: async (req) => {
      const p = req.params as { id: string; consultationId: string };
      return service.replyConsultation(ctx, req.actor, p.id, p.consultationId, req.body as never);
    },
  });
  action(
    'extension',
    needs('requests.approve'),
    '负责人同意延长答复期限（第三十三条第二款）',
    Type.Object({ date: Date10, workdays: Type.Integer(), reason: Str(500) }),
    (id, b, req) => service.approveExtension(ctx, req.actor, id, b),
  );
  action('extension/notify', needs('requests.handle'), '告知申请人延期', DateBody, (id, b, req) =>
    service.notifyExtension(ctx, req.actor, id, b),
  );
  action(
    'deferral',
    needs('requests.approve'),
    '第三十五条延迟答复',
    Type.Object({ date: Date10, newDueDate: Date10, reason: Str(500) }),
    (id, b, req) => service.deferAnswer(ctx, req.actor, id, b),
  );
  action(
    'fee-notice',
    needs('requests.handle'),
    '发出收费通知',
    Type.Object({
      date: Date10,
      basis: Type.Union([Type.Literal('per_item'), Type.Literal('per_page')]),
      quantity: Type.Integer({ minimum: 1 }),
      receivedOn: Opt(Date10),
    }),
    (id, b, req) => service.sendFeeNotice(ctx, req.actor, id, b),
  );
  action(
    'fee-payment',
    needs('requests.admin'),
    '登记缴费',
    Type.Object({ date: Date10, amountFen: Type.Integer({ minimum: 0 }), paymentRef: Opt(Str(100)) }),
    (id, b, req) => service.recordFeePayment(ctx, req.actor, id, b),
  );
  action('fee-expired', needs('requests.handle'), '逾期未缴费，视为放弃', DateBody, (id, b, req) =>
    service.expireFee(ctx, req.actor, id, b),
  );
  action(
    'withdraw',
    needs('requests.admin'),
    '申请人撤回',
    Type.Object({ date: Date10, note: Opt(Str(500)) }),
    (id, b, req) => service.withdraw(ctx, req.actor, id, b),
  );
  app.put('/api/requests/:id/outcome', {
    config: { access: needs('requests.handle') },
    schema: {
      tags,
      summary: '拟定办理结果（法定结果之一，附法律依据）',
      params: IdParams,
      body: Type.Object({
        outcomeCode: Str(40),
        reason: Opt(Str(4000)),
        legalBasis: Opt(Str(500)),
        referralAgency: Opt(Str(300)),
        withheldParts: Opt(
          Type.Array(Type.Object({ part: Str(500), ground: Str(40), reason: Str(1000) }), { maxItems: 50 }),
        ),
      }),
    },
    handler: async (req) => service.draftOutcome(ctx, req.actor, req.params.id, req.body as never),
  });
  action('submit', needs('requests.handle'), '提交审核', null, (id, _b, req) =>
    service.submitForReview(ctx, req.actor, id),
  );
  action(
    'review',
    needs('catalog.review', 'requests.admin'),
    '保密审查',
    Type.Object({ passed: Type.Boolean(), note: Opt(Str(1000)) }),
    (id, b, req) => service.reviewCase(ctx, req.actor, id, b),
  );
  action(
    'sign-off',
    needs('requests.approve'),
    '负责人签发',
    Type.Object({ approved: Type.Boolean(), note: Opt(Str(1000)) }),
    (id, b, req) => service.signOff(ctx, req.actor, id, b),
  );
  action('reply', needs('requests.admin'), '答复送达', DateBody, (id, b, req) =>
    service.sendReply(ctx, req.actor, id, b),
  );
  action('archive', needs('requests.admin'), '归档', null, (id, _b, req) =>
    service.archiveCase(ctx, req.actor, id),
  );
  action(
    'letters',
    needs('requests.handle'),
    '重新出具受理回执',
    Type.Object({ kind: Type.Literal('receipt') }),
    (id, _b, req) => service.regenerateReceipt(ctx, req.actor, id),
  );
  action(
    'appeals',
    needs('requests.admin'),
    '登记行政复议 / 行政诉讼',
    Type.Object({
      kind: Type.Union([
        Type.Literal('review'),
        Type.Literal('litigation_direct'),
        Type.Literal('litigation_after_review'),
      ]),
      filedOn: Date10,
      bodyName: Str(200),
      reference: Opt(Str(100)),
      outcome: Opt(
        Type.Union([
          Type.Literal('upheld'),
          Type.Literal('corrected'),
          Type.Literal('other'),
          Type.Literal('pending'),
        ]),
      ),
      decidedOn: Opt(Date10),
      note: Opt(Str(2000)),
    }),
    (id, b, req) => service.recordAppeal(ctx, req.actor, id, b),
  );

  app.get(
    '/api/requests/letters/:id/download',
    {
      config: { access: needs('business.read') },
      schema: { tags, summary: '下载文书（.docx）', params: IdParams },
    },
    async (req, reply) => {
      const f = await service.letterFile(ctx, req.actor, req.params.id);
      return reply.type(DOCX).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  app.get(
    '/api/requests/templates',
    { config: { access: needs('business.read') }, schema: { tags, summary: '文书模板（本机关）' } },
    async (req) => service.listTemplates(ctx, req.actor),
  );
  app.put('/api/requests/templates', {
    config: { access: needs('requests.admin') },
    schema: {
      tags,
      summary: '修改文书模板',
      body: Type.Object({ kind: Str(20), outcomeCode: Opt(Str(40)), title: Str(200), body: Str(20000) }),
    },
    handler: async (req) => service.putTemplate(ctx, req.actor, req.body as never),
  });
  app.delete('/api/requests/templates', {
    config: { access: needs('requests.admin') },
    schema: {
      tags,
      summary: '恢复默认模板',
      querystring: Type.Object({ kind: Str(20), outcomeCode: Opt(Str(40)) }),
    },
    handler: async (req) => service.resetTemplate(ctx, req.actor, req.query as never),
  });

  app.post('/api/requests/fees/quote', {
    config: { access: needs('business.read') },
    schema: {
      tags,
      summary: '信息处理费计算器',
      body: Type.Object({
        basis: Type.Union([Type.Literal('per_item'), Type.Literal('per_page')]),
        quantity: Type.Integer({ minimum: 0 }),
        priorItemsThisMonth: Opt(Type.Integer({ minimum: 0 })),
      }),
    },
    handler: async (req) => service.quoteFee(req.body as never),
  });
  app.get(
    '/api/requests/fees',
    {
      config: { access: needs('business.read') },
      schema: {
        tags,
        summary: '收费台账',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      },
    },
    async (req) => service.feeLedger(ctx, req.actor, (req.query as { year: number }).year),
  );
  app.get(
    '/api/requests/appeals',
    {
      config: { access: needs('business.read') },
      schema: {
        tags,
        summary: '行政复议、行政诉讼',
        querystring: Type.Object({ year: Opt(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      },
    },
    async (req) => service.listAppeals(ctx, req.actor, (req.query as { year?: number }).year),
  );
  app.patch('/api/requests/appeals/:id', {
    config: { access: needs('requests.admin') },
    schema: {
      tags,
      summary: '更新复议诉讼结果',
      params: IdParams,
      body: Type.Object({
        outcome: Type.Union([
          Type.Literal('upheld'),
          Type.Literal('corrected'),
          Type.Literal('other'),
          Type.Literal('pending'),
        ]),
        decidedOn: Opt(Date10),
        reference: Opt(Str(100)),
        note: Opt(Str(2000)),
      }),
    },
    handler: async (req) => service.updateAppeal(ctx, req.actor, req.params.id, req.body as never),
  });
  app.get(
    '/api/requests/reminders',
    {
      config: { access: needs('requests.handle') },
      schema: {
        tags,
        summary: '期限提醒',
        querystring: Type.Object({ mine: Opt(Type.Boolean()), includeAcknowledged: Opt(Type.Boolean()) }),
      },
    },
    async (req) => service.listReminders(ctx, req.actor, req.query as never),
  );
  app.post(
    '/api/requests/reminders/:id/ack',
    { config: { access: needs('requests.handle') }, schema: { tags, params: IdParams } },
    async (req) => service.acknowledgeReminder(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/requests/promotions',
    {
      config: { access: needs('business.read') },
      schema: {
        tags,
        summary: '第四十四条：多人申请相同信息，建议纳入主动公开',
        querystring: Type.Object({
          windowDays: Opt(Type.Integer({ minimum: 1, maximum: 3650 })),
          minApplicants: Opt(Type.Integer({ minimum: 2, maximum: 100 })),
        }),
      },
    },
    async (req) => service.promotionCandidates(ctx, req.actor, req.query as never),
  );
  app.post(
    '/api/requests/promotions',
    {
      config: { access: needs('requests.admin') },
      schema: {
        tags,
        body: Type.Object({ descriptionKey: Str(500), title: Opt(Str(300)), columnId: Opt(Str(36)) }),
      },
    },
    async (req) => service.promote(ctx, req.actor, req.body as never),
  );
  app.get(
    '/api/requests/applicants/volume',
    {
      config: { access: needs('business.read') },
      schema: { tags, summary: '同一申请人月度申请量', querystring: Type.Object({ month: Str(7) }) },
    },
    async (req) => service.monthlyVolume(ctx, req.actor, (req.query as { month: string }).month),
  );
  app.get(
    '/api/requests/report-facts',
    {
      config: { access: needs('business.read') },
      schema: {
        tags,
        summary: '年度报告数据（表三、表四、收费）',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      },
    },
    async (req) => {
      const orgId = req.actor.orgId;
      if (!orgId) throw new DomainError('forbidden', '无权查看', undefined, 'forbidden');
      await assertReadsAgency(ctx, req.actor, orgId);
      return requestReportFacts(ctx, orgId, (req.query as { year: number }).year);
    },
  );

  // ------------------------------------------------------------------ portal
  portal.add({
    nav: (_agency, base) => [
      { href: `${base}/apply`, label: '依申请公开' },
      { href: `${base}/track`, label: '申请查询' },
    ],
  });

  const newCaptcha = (kind: 'image' | 'text' = 'image') => issueCaptcha(ctx, 'apply', kind);

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
    const captchaError = await checkCaptcha(ctx, values.captchaId ?? '', values.captcha ?? '', 'apply');
    if (captchaError) {
      // Show every problem at once, not the captcha first and the fields on the next attempt.
      let fields: Record<string, string> = {};
      try {
        validateApplicant(applicantOf(values), todayInChina(ctx.clock));
      } catch (err) {
        if (err instanceof DomainError) fields = fieldErrors(err);
      }
      return rerender({ ...fields, captcha: captchaError });
    }
    try {
      const r = await service.submitOnline(ctx, req.actor, page.agency.id, applicantOf(values));
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
  app.get('/track/letters/:letterId', { config: { access: PUBLIC }, schema: { hide: true } }, trackLetter);
  app.get(
    '/a/:code/track/letters/:letterId',
    { config: { access: PUBLIC }, schema: { hide: true } },
    trackLetter,
  );

  // ------------------------------------------------------------------ calendar changes and reminders
  onCalendarChanged('requests', async (trxCtx, change) => {
    const moved = await service.recordCalendarRecompute(
      trxCtx,
      change.previousCalendar,
      change.calendar,
      change.actor,
    );
    return {
      module: 'requests',
      summary: `依申请公开：${moved} 件在办申请的答复期限因${change.year}年放假安排变更而调整`,
      affected: moved,
    };
  });

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
