/**
 * A small History-API router (react-router is not a dependency; the console needs only flat,
 * prefix-matched pages). Paths inside the app are relative to BASE: `/users` is `/admin/users` in the
 * address bar. Fastify's SPA fallback serves index.html for every /admin/* URL, so deep links and
 * reloads work. Pages with sub-routes read `useRoute().path` and use `matchPath`.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

export const BASE = '/admin';

export interface Route {
  /** Path inside the console, always starting with `/`. */
  path: string;
  query: URLSearchParams;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<Route | null>(null);

function current(base: string): { path: string; search: string } {
  const { pathname, search } = window.location;
  const inner = pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
  return { path: inner || '/', search };
}

/** Provides the current route; `base` is the URL prefix the console is served under. */
export function RouterProvider({ children, base = BASE }: { children: ReactNode; base?: string }) {
  const [loc, setLoc] = useState(() => current(base));

  useEffect(() => {
    const onPop = () => setLoc(current(base));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base]);

  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      const url = base + (to.startsWith('/') ? to : `/${to}`);
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setLoc(current(base));
      window.scrollTo?.(0, 0);
    },
    [base],
  );

  const value = useMemo<Route>(
    () => ({ path: loc.path, query: new URLSearchParams(loc.search), navigate }),
    [loc, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** The current route and a `navigate` function. */
export function useRoute(): Route {
  const r = useContext(RouterContext);
  if (!r) throw new Error('useRoute must be used inside <RouterProvider>');
  return r;
}

/** Named parameters when `path` matches `pattern` (e.g. `/users/:id`), else null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const s = b[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(s);
    else if (p !== s) return null;
  }
  return params;
}

/** Whether `path` is `prefix` itself or below it. */
export function isUnder(prefix: string, path: string): boolean {
  if (prefix === '/') return path === '/';
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** An ordinary link (middle-click and "open in new tab" keep working) that navigates in place. */
export function Link({
  to,
  children,
  onClick,
  ...rest
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { navigate } = useRoute();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={BASE + to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
