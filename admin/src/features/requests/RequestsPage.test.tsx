import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AuthContext, allows, type AuthValue } from '../../app/auth';
import { api } from '../../api/client';
import type { Permission } from '../../api/types';
import { json, mockFetch, PERMS, problem, Providers } from '../../test/helpers';
import RequestsPage from './RequestsPage';
import { DueCard } from './BoardPage';
import type { CaseDetail, CaseSummary, Meta } from './api';

const T = { timeout: 8000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/admin/');
});

function authFor(perms: readonly string[]): AuthValue {
  const permissions = new Set(perms as Permission[]);
  return {
    status: 'authenticated',
    user: null,
    permissions,
    agency: null,
    notice: null,
    loadError: null,
    login: async () => undefined,
    logout: async () => undefined,
    refresh: async () => undefined,
    can: (...anyOf) => allows(permissions, anyOf),
  };
}

function renderAt(path: string, perms: readonly string[] = PERMS.office) {
  window.history.replaceState(null, '', `/admin${path}`);
  render(
    <Providers>
      <AuthContext.Provider value={authFor(perms)}>
        <RequestsPage />
      </AuthContext.Provider>
    </Providers>,
  );
}

const META: Meta = {
  outcomes: [
    {
      code: 'provided',
      labelZh: '予以公开',
      basisRef: '条例第三十六条（二）',
      basisTextZh: '…',
      row2021: 'r1',
      releasesContent: true,
      needsWithheldPartsRecord: false,
      mappingUncertain: false,
    },
    {
      code: 'partially_provided',
      labelZh: '部分公开（区分处理）',
      basisRef: '条例第三十七条',
      basisTextZh: '…',
      row2021: 'r2',
      releasesContent: true,
      needsWithheldPartsRecord: true,
      mappingUncertain: false,
    },
  ],
  applicantTypes: [{ code: 'natural_person', labelZh: '自然人' }],
  channels: [
    { code: 'in_person', labelZh: '当面提交', needsConfirmation: false },
    { code: 'oral', labelZh: '口头提出', needsConfirmation: false },
    { code: 'fax', labelZh: '传真', needsConfirmation: true },
  ],
  stages: [{ code: 'registered', labelZh: '已登记' }],
  letterKinds: [],
  withholdingGrounds: [{ code: 'withheld_third_party', labelZh: '第三方合法权益' }],
  clockRuleNotes: [],
  feeNotes: [],
};

const SUMMARY: CaseSummary = {
  id: 'c1',
  caseNumber: 'SHILI-YJJ-2026-00001',
  orgId: 'o1',
  stage: 'assigned',
  stageLabel: '已分办',
  channel: 'in_person',
  applicantType: 'natural_person',
  applicantName: '张三',
  descriptionExcerpt: '2025年应急物资储备情况',
  receivedOn: '2026-12-10',
  submittedAt: '2026-12-10T01:00:00Z',
  divisionId: 'd1',
  divisionName: '办公室',
  handlerId: 'u1',
  handlerName: '李信息',
  outcomeCode: null,
  closedOn: null,
  answerDue: '2027-01-08',
  workdaysLeft: 3,
  dueSoon: true,
  overdue: false,
  clockStatus: 'running',
  estimated: true,
  estimateNotice: '截止日期为预估：2027年放假安排尚未发布',
};

const DETAIL: CaseDetail = {
  ...SUMMARY,
  applicant: {
    type: 'natural_person',
    typeLabel: '自然人',
    name: '张三',
    contactPerson: null,
    idDocType: 'resident_id',
    idDocLabel: '居民身份证',
    idNumberMasked: '1101**********002X',
    phone: null,
    email: 'a@example.com',
    address: null,
    postcode: null,
  },
  description: '2025年应急物资储备情况',
  requestedFormLabel: '电子文档',
  deliveryMethodLabel: '电子邮件',
  channelLabel: '互联网',
  requestedForm: 'electronic',
  deliveryMethod: 'email',
  intakeNote: null,
  signedForOn: null,
  confirmedOn: null,
  receiptBasis: null,
  feeBasis: null,
  itemCount: 1,
  clocks: {
    asOf: '2026-12-31',
    receivedOn: '2026-12-10',
    clockStart: '2026-12-10',
    supplementNoticeDue: '2026-12-21',
    answerDueBase: '2027-01-07',
    answerDueBeforeExtension: '2027-01-08',
    answerDue: '2027-01-08',
    dueDateFinal: true,
    extensionDays: 0,
    extensionState: 'none',
    excludedIntervals: [
      {
        kind: 'third_party',
        from: '2026-12-15',
        to: '2026-12-16',
        workdaysExcluded: 1,
        excludedDays: ['2026-12-16'],
        state: 'closed',
      },
    ],
    consultationsDue: [],
    status: 'running',
    pausedBy: [],
    dueSoon: true,
    overdue: false,
    workdaysLeft: 3,
    explanation: [
      {
        code: 'answer',
        textZh: '答复期限：自2026-12-10起20个工作日',
        skippedDays: [{ date: '2026-12-12', reason: '周六休息日' }],
      },
    ],
    estimated: true,
    uncoveredYears: [2027],
    calendarVersion: 'cal-1',
    estimateNotice: '截止日期为预估：2027年放假安排尚未发布',
  },
  events: [
    {
      seq: 1,
      type: 'received',
      typeLabel: '收到申请',
      date: '2026-12-10',
      payload: {},
      public: true,
      actorName: '王政务',
      createdAt: '2026-12-10T01:00:00Z',
    },
  ],
  outcome: null,
  letters: [
    {
      id: 'l1',
      kind: 'receipt',
      kindLabel: '受理回执',
      letterNumber: '〔2026〕1号',
      title: '受理回执',
      fileName: 'a.docx',
      sizeBytes: 100,
      public: true,
      createdAt: '2026-12-10T01:00:00Z',
      downloadUrl: '/api/requests/letters/l1/download',
    },
  ],
  fee: null,
  appeals: [],
  links: [],
  allowedActions: ['unmask', 'draft_outcome', 'supplement_request', 'extension_approve', 'note'],
};

describe('依申请公开 console', () => {
  it('lists cases with due state and the estimate flag, and sends filters and paging', async () => {
    const { calls } = mockFetch({
      'GET /api/requests/meta': () => json(200, META),
      'GET /api/requests': () => json(200, { items: [SUMMARY], total: 45 }),
    });
    renderAt('/requests');
    expect(await screen.findByText('SHILI-YJJ-2026-00001', undefined, T)).toBeTruthy();
    expect(screen.getByText('剩 3 个工作日')).toBeTruthy();
    expect(screen.getByText('预估')).toBeTruthy();
    expect(screen.getByText('共 45 件')).toBeTruthy();
    fireEvent.click(screen.getByRole('listitem', { name: '3' }));
    await waitFor(() => expect(calls.some((c) => c.url.includes('page=3'))).toBe(true));
    fireEvent.click(screen.getByRole('checkbox', { name: '只看我承办的' }));
    await waitFor(() => expect(calls.at(-1)?.url).toContain('mine=true'));
  });

  it('case page: masked ID with an audited unmask, due explanation with excluded days and estimate, actions', async () => {
    api.setCsrfToken('csrf');
    const { calls } = mockFetch({
      'GET /api/requests/meta': () => json(200, META),
      'GET /api/requests/c1': () => json(200, DETAIL),
      'POST /api/requests/c1/unmask': () => json(200, { idNumber: '11010519491231002X' }),
    });
    renderAt('/requests/c1');
    expect(await screen.findByTestId('id-masked', undefined, T)).toHaveProperty(
      'textContent',
      '1101**********002X',
    );
    expect(screen.getAllByText('截止日期为预估：2027年放假安排尚未发布').length).toBeGreaterThan(0);
    expect(screen.getByText('不计入期限的期间')).toBeTruthy();
    expect(screen.getByText('征求第三方意见')).toBeTruthy();
    for (const label of [/拟定办理结果/, /告知补正/, /批准延期/])
      expect(screen.getByRole('button', { name: label })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /答复送达/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /查看完整号码/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/记入审计日志/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('查看事由'), { target: { value: '核对身份' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /查\s*看/ }));
    expect(await within(dialog).findByText('11010519491231002X')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/unmask'))?.body).toEqual({ reason: '核对身份' });
  });

  it('drafting 部分公开 requires the withheld parts and shows the server problem', async () => {
    api.setCsrfToken('csrf');
    let body: unknown;
    mockFetch({
      'GET /api/requests/meta': () => json(200, META),
      'GET /api/requests/c1': () => json(200, DETAIL),
      'PUT /api/requests/c1/outcome': (call) => {
        body = call.body;
        return problem(400, 'legal_basis_required', '请选择办理结果及其法律依据', { field: 'outcomeCode' });
      },
    });
    renderAt('/requests/c1');
    fireEvent.click(await screen.findByRole('button', { name: /拟定办理结果/ }, T));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('办理结果'));
    fireEvent.click(await screen.findByTitle('r2 部分公开（区分处理）'));
    expect(await within(dialog).findByText('依据：条例第三十七条')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('理由 / 答复要点'), {
      target: { value: '部分涉及第三方' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('部分公开须列明不予公开的部分及理由')).toBeTruthy();
    expect(body).toBeUndefined();

    fireEvent.click(within(dialog).getByRole('button', { name: /添加不予公开的部分/ }));
    fireEvent.change(within(dialog).getByLabelText('不予公开的部分'), { target: { value: '报价' } });
    fireEvent.mouseDown(within(dialog).getByLabelText('不予公开理由'));
    fireEvent.click(await screen.findByTitle('第三方合法权益'));
    fireEvent.change(within(dialog).getByLabelText('具体理由'), { target: { value: '第三方不同意' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findAllByText('请选择办理结果及其法律依据', undefined, T)).not.toHaveLength(
      0,
    );
    expect(body).toMatchObject({
      outcomeCode: 'partially_provided',
      reason: '部分涉及第三方',
      withheldParts: [{ part: '报价', ground: 'withheld_third_party', reason: '第三方不同意' }],
    });
  });

  it('intake shows the query code once, and field errors from the server', async () => {
    api.setCsrfToken('csrf');
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/requests/meta': () => json(200, META),
      'POST /api/requests': () =>
        ++attempt === 1
          ? problem(400, 'invalid_id_number', '身份证号码无效：校验码错误', { field: 'idNumber' })
          : json(201, { case: { ...DETAIL, stage: 'registered' }, queryCode: 'QC-7788' }),
    });
    renderAt('/requests/new');
    fireEvent.click(await screen.findByRole('radio', { name: '口头提出' }, T));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    fireEvent.change(screen.getByLabelText('证件号码'), { target: { value: '110105194912310021' } });
    fireEvent.change(screen.getByLabelText('所需政府信息的名称、文号或便于查询的其他特征性描述'), {
      target: { value: '某文件' },
    });
    fireEvent.click(screen.getByRole('button', { name: /登\s*记/ }));
    expect(await screen.findAllByText('身份证号码无效：校验码错误', undefined, T)).not.toHaveLength(0);
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      channel: 'oral',
      applicantName: '张三',
      idNumber: '110105194912310021',
    });
    fireEvent.click(screen.getByRole('button', { name: /登\s*记/ }));
    expect(await screen.findByText('QC-7788', undefined, T)).toBeTruthy();
    expect(screen.getByText('查询码只显示这一次，请告知申请人（或写入受理回执）。')).toBeTruthy();
  });

  it('dashboard card shows overdue and due-soon counts', async () => {
    mockFetch({
      'GET /api/requests/board': () =>
        json(200, {
          overdue: [],
          dueSoon: [],
          paused: [],
          awaitingConfirmation: [],
          counts: { overdue: 2, dueSoon: 5, paused: 1, awaitingConfirmation: 0, open: 11 },
        }),
    });
    render(
      <Providers>
        <DueCard />
      </Providers>,
    );
    expect(await screen.findByText('已逾期', undefined, T)).toBeTruthy();
    await waitFor(() => expect(document.body.textContent).toContain('2'));
    expect(document.body.textContent).toMatch(/临期.*5/);
  });
});
