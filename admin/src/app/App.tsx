import { useEffect } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { AuthProvider, useAuth } from './auth';
import { RouterProvider, useRoute } from './router';
import { AppLayout } from './AppLayout';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordScreen } from '../features/auth/ChangePassword';

/** Root: router and auth state; decides between login, forced password change and the console. */
export function App() {
  return (
    <RouterProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </RouterProvider>
  );
}

/** Paths that only mean "sign in": once signed in, they lead to the 工作台 (bookmarks, links in mails). */
const SIGN_IN_PATHS = new Set(['/login', '/logout']);

function Shell() {
  const auth = useAuth();
  const { path, navigate } = useRoute();
  const signedIn = auth.status === 'authenticated' && Boolean(auth.user);
  useEffect(() => {
    if (signedIn && SIGN_IN_PATHS.has(path)) navigate('/', { replace: true });
  }, [signedIn, path, navigate]);
  if (auth.status === 'loading') {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description="正在加载…" />
      </Flex>
    );
  }
  if (auth.status === 'error') {
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={auth.loadError?.detail ?? '请检查网络连接后重试。'}
        extra={
          <Button type="primary" onClick={() => void auth.refresh()}>
            重试
          </Button>
        }
      />
    );
  }
  if (auth.status === 'anonymous' || !auth.user) return <LoginPage />;
  if (auth.user.mustChangePassword) return <ChangePasswordScreen />;
  return <AppLayout />;
}
