import type { ProblemDocument, SessionView } from './types';

/** A failed API call, carrying the server's problem+json document (RFC 9457). */
export class ApiError extends Error {
  readonly status: number;
  /** Stable machine-readable code, e.g. `invalid_credentials`, `weak_password`. */
  readonly code: string;
  /** Chinese message meant for users. */
  readonly detail: string;
  readonly requestId: string | undefined;
  /** Field-level problems: schema validation (`errors[]`) plus a domain error's top-level `field`. */
  readonly fieldErrors: { field: string; message: string }[];
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    const fields = (problem.errors ?? [])
      .filter((e) => e.field)
      .map((e) => ({ field: e.field, message: e.message || problem.detail }));
    if (
      typeof problem.field === 'string' &&
      problem.field &&
      !fields.some((f) => f.field === problem.field)
    ) {
      fields.push({ field: problem.field, message: problem.detail });
    }
    this.fieldErrors = fields;
  }
}

/** True when `e` is an ApiError (optionally with the given code). */
export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** The Chinese message to show for any thrown value. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.detail;
  return '操作失败，请稍后再试';
}

/**
 * antd `form.setFields` entries for an error's field problems. Server paths like `roles.0` or
 * `summary.title` are mapped to the top-level form item (our forms are flat).
 */
export function formFieldErrors<N extends string = string>(
  e: unknown,
  known?: readonly N[],
): { name: N; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  const byField = new Map<N, string[]>();
  for (const { field, message } of e.fieldErrors) {
    const name = (field.split('.')[0] ?? field) as N;
    if (known && !known.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from an object, leaving out empty values. */
export function toQuery(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export type ProblemListener = (error: ApiError, request: { method: string; path: string }) => void;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Typed fetch wrapper for /api. Sends the session cookie (same-origin) and the CSRF token on every
 * write, parses problem+json into ApiError, and tells listeners (the auth context) about problems so
 * an idle-timeout 401 or a pending password change is handled in one place.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly listeners = new Set<ProblemListener>();
  private readonly fetchFn: typeof fetch;

  constructor(options: { fetch?: typeof fetch } = {}) {
    // Looked up lazily so tests can replace globalThis.fetch after the client is created.
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Stores the token from GET /api/auth/session. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  getCsrfToken(): string | null {
    return this.csrfToken;
  }

  /** Subscribes to every problem response; returns the unsubscribe function. */
  onProblem(listener: ProblemListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path, {});
  }

  /** GET /api/auth/session and keep its CSRF token. */
  async session(): Promise<SessionView> {
    const s = await this.get<SessionView>('/api/auth/session');
    this.setCsrfToken(s.csrfToken);
    return s;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const write = WRITES.has(method);
    if (write && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await this.fetchFn(path + toQuery(options.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError({ status: 0, code: 'network_error', detail: '无法连接服务器，请检查网络后重试' });
    }
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    const error = new ApiError(await readProblem(res));
    // A stale token (e.g. the server restarted) is refreshed once transparently.
    if (write && !retried && error.code === 'csrf_invalid') {
      try {
        await this.session();
        return await this.request<T>(method, path, options, true);
      } catch {
        /* fall through to the original error */
      }
    }
    for (const l of this.listeners) l(error, { method, path });
    throw error;
  }
}

async function readProblem(res: Response): Promise<ProblemDocument> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const doc = (await res.json()) as Partial<ProblemDocument>;
      if (doc && typeof doc.code === 'string') {
        return {
          ...doc,
          status: doc.status ?? res.status,
          code: doc.code,
          detail: doc.detail ?? `请求失败（HTTP ${res.status}）`,
        };
      }
    } catch {
      /* not a problem document */
    }
  }
  return {
    status: res.status,
    code: `http_${res.status}`,
    detail: `服务器返回错误（HTTP ${res.status}），请稍后再试`,
  };
}

/** The console's shared client. */
export const api = new ApiClient();
