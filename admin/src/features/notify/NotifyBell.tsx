import { useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useRoute } from '../../app/router';
import { notifyApi } from './api';

/** The header bell: unread notices of the signed-in user (refreshed every minute and on navigation). */
export function NotifyBell() {
  const { path, navigate } = useRoute();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () =>
      notifyApi.unread().then(
        (r) => alive && setUnread(r.unread),
        () => undefined,
      );
    void load();
    const t = setInterval(load, 60_000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [path]);
  return (
    <Button
      type="text"
      aria-label={unread ? `通知中心，${unread}条未读` : '通知中心，没有未读通知'}
      onClick={() => navigate('/notifications')}
      data-testid="notify-bell"
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} aria-hidden />
      </Badge>
    </Button>
  );
}
