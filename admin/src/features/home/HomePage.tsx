import { Card, Col, Row, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { visibleDashboardCards } from '../registry';
import { useRoleLabels } from '../users/useRoleLabels';
import { EmptyState } from '../../components/EmptyState';

function greeting(hour: number): string {
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/** 工作台: greets the user with their roles and agency; modules contribute cards via the registry. */
export default function HomePage() {
  const { user, agency, permissions } = useAuth();
  const roleLabel = useRoleLabels();
  const cards = visibleDashboardCards(permissions);
  if (!user) return null;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        {greeting(new Date().getHours())}，{user.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {agency ? `${agency.name} · ` : ''}
        {user.roles.map(roleLabel).join('、')}
      </Typography.Paragraph>
      {cards.length === 0 ? (
        <EmptyState description="暂无可显示的工作卡片" />
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((c) => (
            <Col key={c.key} xs={24} lg={c.span ?? 12}>
              <Card title={c.title} style={{ height: '100%' }}>
                {c.element}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
