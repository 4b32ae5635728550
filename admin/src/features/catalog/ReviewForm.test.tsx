import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { json, mockFetch, problem } from '../../test/helpers';
import { ApprovalForm, ReviewForm } from './ReviewForm';
import { finding, item, WithAuth } from './testFixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REVIEWER = ['org.read', 'business.read', 'catalog.review'];

function renderReview(onDone = vi.fn(), findings = [finding()]) {
  const current = item({ allowedActions: ['review'] }, { state: 'reviewing', scanFindings: findings });
  render(
    <WithAuth perms={REVIEWER}>
      <ReviewForm item={current} onDone={onDone} />
    </WithAuth>,
  );
  return onDone;
}

function answerAll(answer: '否' | '是') {
  for (const radio of screen.getAllByRole('radio', { name: answer })) fireEvent.click(radio);
}

describe('保密审查 form', () => {
  it('asks for every checklist answer, an opinion and a reason for each open finding before a pass', async () => {
    const { calls } = mockFetch({});
    renderReview();
    fireEvent.click(screen.getByRole('button', { name: '提交审查结论' }));
    const alert = await screen.findByText('请先处理以下问题');
    const text = alert.closest('[role=alert]')!.textContent;
    expect(text).toContain('请完成审查项：国家秘密、工作秘密、商业秘密、个人隐私、敏感信息');
    expect(text).toContain('请填写审查意见');
    expect(text).toContain('还有 1 处敏感信息未填写忽略理由');
    expect(calls).toEqual([]);
  });

  it('refuses a pass while a checklist answer is 是', async () => {
    const { calls } = mockFetch({});
    renderReview(vi.fn(), []);
    answerAll('否');
    fireEvent.click(screen.getAllByRole('radio', { name: '是' })[3]!); // 个人隐私
    fireEvent.change(screen.getByLabelText('审查意见'), { target: { value: '含个人信息' } });
    fireEvent.click(screen.getByRole('button', { name: '提交审查结论' }));
    expect(await screen.findByText(/审查项“个人隐私”为“是”时不能审查通过/)).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('sends the checklist, opinion and the override with its reason', async () => {
    const { calls } = mockFetch({
      'POST /api/catalog/items/i1/review': () => json(200, item({}, { state: 'approving' })),
    });
    const onDone = renderReview();
    answerAll('否');
    fireEvent.change(screen.getByLabelText('审查意见'), { target: { value: '经审查，同意公开。' } });
    fireEvent.change(screen.getByLabelText('忽略理由：居民身份证号 330102********1234'), {
      target: { value: '已公示的法定代表人信息' },
    });
    fireEvent.click(screen.getByRole('button', { name: '提交审查结论' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls[0]!.body).toEqual({
      checklist: {
        stateSecret: { involved: false },
        workSecret: { involved: false },
        commercialSecret: { involved: false },
        privacy: { involved: false },
        sensitive: { involved: false },
      },
      opinion: '经审查，同意公开。',
      decision: 'pass',
      overrides: [{ fingerprint: 'id_number:abc', reason: '已公示的法定代表人信息' }],
    });
  });

  it('returns to the drafter without override reasons, and shows a server refusal', async () => {
    const { calls } = mockFetch({
      'POST /api/catalog/items/i1/review': () => problem(403, 'self_review', '不能审查本人起草的信息'),
    });
    const onDone = renderReview();
    answerAll('否');
    fireEvent.click(screen.getAllByRole('radio', { name: '是' })[3]!);
    fireEvent.change(screen.getByLabelText('审查意见'), { target: { value: '正文含身份证号，请删除' } });
    fireEvent.click(screen.getByRole('radio', { name: '退回修改' }));
    fireEvent.click(screen.getByRole('button', { name: '退回起草人' }));
    expect(await screen.findByText('不能审查本人起草的信息')).toBeTruthy();
    expect(calls[0]!.body).toMatchObject({ decision: 'reject', overrides: [] });
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('approval form', () => {
  it('requires an opinion to return, and approves with one', async () => {
    const { calls } = mockFetch({
      'POST /api/catalog/items/i1/approve': () =>
        json(200, item({ status: 'published' }, { state: 'published' })),
    });
    const onDone = vi.fn();
    render(
      <WithAuth perms={['catalog.approve']}>
        <ApprovalForm
          item={item({ allowedActions: ['approve', 'reject'] }, { state: 'approving' })}
          onDone={onDone}
        />
      </WithAuth>,
    );
    expect(screen.getByText('分管领导审批')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '退回修改' }));
    expect(await screen.findByText('退回时请填写审批意见')).toBeTruthy();
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByLabelText('审批意见'), { target: { value: '同意发布' } });
    fireEvent.click(screen.getByRole('button', { name: '同意发布' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls[0]!.body).toEqual({ opinion: '同意发布' });
  });
});
