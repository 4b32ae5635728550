import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';

/**
 * Shows a failed call the way a clerk can act on it: the server's Chinese `detail`, and the request
 * number to quote to the administrator (the server log is keyed by it).
 */
export function ProblemAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  if (!error) return null;
  const detail = error instanceof ApiError ? error.detail : '操作失败，请稍后再试';
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title ?? detail}
      description={title ? detail : requestId ? `请求编号：${requestId}` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
