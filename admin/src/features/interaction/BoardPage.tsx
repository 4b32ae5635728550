import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { interactionApi, type ItemSummary } from './api';
import { DueCell, StatusTag } from './common';

function Column({ title, items, empty }: { title: string; items: ItemSummary[]; empty: string }) {
  return (
    <Card title={`${title}（${items.length}）`} size="small">
      {items.length === 0 ? (
        <EmptyState description={empty} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Link to={`/interaction/items/${s.id}`}>{s.number}</Link>{' '}
                <StatusTag status={s.status} label={s.statusLabel} />{' '}
                <Typography.Text type="secondary">{s.kindLabel}</Typography.Text>
                <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '2px 0' }}>
                  {s.subject}
                </Typography.Paragraph>
                <DueCell s={s} />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 临期 / 逾期看板 of 互动交流 (computed on read from the working-day calendar). */
export default function BoardPage() {
  const board = useQuery((signal) => interactionApi.board(signal), []);
  const b = board.data;
  return (
    <div>
      <PageHeader
        title="互动交流期限看板"
        description="临期：期限前2个工作日内；逾期：已过受理或答复期限。按工作日历实时计算。"
      />
      <ProblemAlert error={board.error} onRetry={board.reload} />
      {b && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Column title="已逾期" items={b.overdue} empty="没有逾期的来信" />
          </Col>
          <Col xs={24} md={12}>
            <Column title="临期" items={b.dueSoon} empty="没有临期的来信" />
          </Col>
        </Row>
      )}
    </div>
  );
}

/** 工作台 card: counts of open, due-soon and overdue items. */
export function DueCard() {
  const board = useQuery((signal) => interactionApi.board(signal), []);
  const b = board.data;
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Statistic title="在办" value={b?.open ?? '—'} />
      </Col>
      <Col span={8}>
        <Statistic title="临期" value={b?.dueSoon.length ?? '—'} />
      </Col>
      <Col span={8}>
        <Link to="/interaction/board">
          <Statistic
            title="逾期"
            value={b?.overdue.length ?? '—'}
            valueStyle={b?.overdue.length ? { color: '#cf1322' } : undefined}
          />
        </Link>
      </Col>
    </Row>
  );
}
