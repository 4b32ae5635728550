/** Test helpers for admin component tests (happy-dom): a scripted fetch and the app's providers. */
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { ROLE_GRANTS } from '@contract/users.roles';
import { RouterProvider } from '../app/router';

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

/** JSON response helper. */
export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': `${type}; charset=utf-8` },
  });
}

/** RFC 9457 problem response as the server sends it. */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  return json(
    status,
    {
      type: 'about:blank',
      title: code,
      status,
      code,
      detail,
      instance: '/api/x',
      requestId: 'req-1',
      ...extra,
    },
    'application/problem+json',
  );
}

/**
 * Replaces globalThis.fetch with a router over "METHOD /path" keys (query string ignored for
 * matching); unmatched calls fail the test loudly. Returns the recorded calls.
 */
export function mockFetch(routes: Record<string, Handler>): { calls: Call[]; fn: ReturnType<typeof vi.fn> } {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, url, headers, body };
    calls.push(call);
    const handler = routes[`${method} ${url.split('?')[0]}`];
    if (!handler) throw new Error(`unexpected fetch ${method} ${url}`);
    return handler(call);
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}

/** The providers main.tsx sets up (locale, antd App context, router). */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <RouterProvider>{children}</RouterProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Permission sets of the demo roles: the grants the server enforces (contract/users.roles.ts). */
export const PERMS = {
  clerk: ROLE_GRANTS.clerk,
  office: ROLE_GRANTS.office,
  auditor: ROLE_GRANTS.auditor,
  secadmin: ROLE_GRANTS.secadmin,
};
