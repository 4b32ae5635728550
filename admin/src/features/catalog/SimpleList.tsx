import type { ReactNode } from 'react';

/**
 * A plain bordered list (antd 6.6 deprecates `List`); items are <li>, so screen readers announce
 * the count.
 */
export function SimpleList<T>({
  items,
  render,
  rowKey,
  bordered,
  extra,
  testId,
}: {
  items: readonly T[];
  render: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  bordered?: boolean;
  extra?: (item: T) => ReactNode;
  testId?: string;
}) {
  return (
    <ul
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        border: bordered ? '1px solid #f0f0f0' : undefined,
        borderRadius: bordered ? 6 : undefined,
      }}
    >
      {items.map((item, i) => (
        <li
          key={rowKey(item)}
          data-testid={testId}
          style={{
            display: 'flex',
            gap: 8,
            alignItems: 'flex-start',
            justifyContent: 'space-between',
            padding: bordered ? '8px 12px' : '6px 0',
            borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
          }}
        >
          <div style={{ flex: 1, minWidth: 0 }}>{render(item)}</div>
          {extra ? <div style={{ flex: 'none' }}>{extra(item)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
