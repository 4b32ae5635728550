import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** "Nothing here yet" with a sentence saying why and, optionally, what to do next. */
export function EmptyState({
  description = '暂无数据',
  action,
}: {
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ padding: '24px 0' }}>
      {action}
    </Empty>
  );
}
