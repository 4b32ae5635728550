import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { requestsApi, type CaseSummary } from './api';
import { DueCell, StageTag } from './common';

function Column({ title, items, empty }: { title: string; items: CaseSummary[]; empty: string }) {
  return (
    <Card title={`${title}（${items.length}）`} size="small">
      {items.length === 0 ? (
        <EmptyState description={empty} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Link to={`/requests/${c.id}`}>{c.caseNumber}</Link>{' '}
                <StageTag stage={c.stage} label={c.stageLabel} />
                <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '2px 0' }}>
                  {c.descriptionExcerpt}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.handlerName ?? '未分办'} · 期限 <DueCell c={c} />
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 临期 / 逾期看板 (derived at read time, never stored). */
export default function BoardPage() {
  const board = useQuery((signal) => requestsApi.board(signal), []);
  const b = board.data;
  return (
    <div>
      <PageHeader
        title="期限看板"
        description="临期：答复期限前 5 个工作日内；逾期：已过答复期限仍未答复。均按工作日历实时计算。"
      />
      <ProblemAlert error={board.error} onRetry={board.reload} />
      {b ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="已逾期" value={b.counts.overdue} valueStyle={{ color: '#cf1322' }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="临期" value={b.counts.dueSoon} valueStyle={{ color: '#d46b08' }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="计时中止" value={b.counts.paused} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="待确认收到" value={b.counts.awaitingConfirmation} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Column title="已逾期" items={b.overdue} empty="没有逾期案件" />
            </Col>
            <Col xs={24} lg={12}>
              <Column title="临期" items={b.dueSoon} empty="没有临期案件" />
            </Col>
            <Col xs={24} lg={12}>
              <Column title="计时中止（补正、征求意见、收费）" items={b.paused} empty="没有中止计时的案件" />
            </Col>
            <Col xs={24} lg={12}>
              <Column title="待确认收到" items={b.awaitingConfirmation} empty="没有待确认的申请" />
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}

/** 工作台 card: counts with links. */
export function DueCard() {
  const board = useQuery((signal) => requestsApi.board(signal), []);
  if (board.error) return <ProblemAlert error={board.error} onRetry={board.reload} />;
  const c = board.data?.counts;
  return (
    <Row gutter={16}>
      <Col span={6}>
        {/* Online, fax, e-mail and ordinary-letter applications: the clock starts only once confirmed (第三十一条). */}
        <Link to="/requests?mine=0&stage=awaiting_confirmation">
          <Statistic
            title="待确认收到"
            value={c?.awaitingConfirmation ?? '—'}
            valueStyle={{ color: '#1677ff' }}
          />
        </Link>
      </Col>
      <Col span={6}>
        <Link to="/requests/board">
          <Statistic title="已逾期" value={c?.overdue ?? '—'} valueStyle={{ color: '#cf1322' }} />
        </Link>
      </Col>
      <Col span={6}>
        <Link to="/requests/board">
          <Statistic title="临期" value={c?.dueSoon ?? '—'} valueStyle={{ color: '#d46b08' }} />
        </Link>
      </Col>
      <Col span={6}>
        <Link to="/requests?mine=0&due=open">
          <Statistic title="办理中" value={c?.open ?? '—'} />
        </Link>
      </Col>
    </Row>
  );
}
