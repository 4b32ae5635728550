import { Button, Result } from 'antd';
import { useRoute } from '../app/router';

/** Shown when the address names a page the user's roles do not open. */
export function ForbiddenPage() {
  const { navigate } = useRoute();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有访问此页面的权限。如需开通，请联系本机关政务公开办或系统管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}

/** Shown for an address that names no page. */
export function NotFoundPage() {
  const { navigate } = useRoute();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
