import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError } from '../api/client';
import { authApi, orgsApi } from '../api/endpoints';
import type { OrgView, Permission, UserView } from '../api/types';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

export interface AuthValue {
  status: AuthStatus;
  user: UserView | null;
  permissions: ReadonlySet<Permission>;
  /** The agency the user works for (loaded after sign-in; null while loading or unavailable). */
  agency: OrgView | null;
  /** A message for the login screen, e.g. after an idle timeout. */
  notice: string | null;
  /** Why the session could not be loaded (status 'error'). */
  loadError: ApiError | null;
  /** Signs in, then re-reads the session (new CSRF token). Throws ApiError on failure. */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Re-reads the session, e.g. after the password was changed. */
  refresh: () => Promise<void>;
  /** Whether the user holds at least one of the permissions (no arguments: any signed-in user). */
  can: (...anyOf: Permission[]) => boolean;
}

export const AuthContext = createContext<AuthValue | null>(null);

/** The current auth state. */
export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth must be used inside <AuthProvider>');
  return v;
}

/** Whether a permission set satisfies an `anyOf` list (an empty list means any signed-in user). */
export function allows(permissions: ReadonlySet<Permission>, anyOf: readonly Permission[]): boolean {
  return anyOf.length === 0 || anyOf.some((p) => permissions.has(p));
}

export const TIMEOUT_NOTICE = '登录已超时，请重新登录';

/**
 * Loads the session (and CSRF token) at start-up and keeps it current: a 401 `unauthenticated`
 * from any call returns to the login screen with a notice; a 403 `password_change_required`
 * switches to the forced change-password screen.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<UserView | null>(null);
  const [permissions, setPermissions] = useState<ReadonlySet<Permission>>(new Set());
  const [agency, setAgency] = useState<OrgView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const userRef = useRef<UserView | null>(null);
  userRef.current = user;

  const apply = useCallback((u: UserView | null, perms: readonly Permission[]) => {
    setUser(u);
    setPermissions(new Set(perms));
    setStatus(u ? 'authenticated' : 'anonymous');
    if (!u) setAgency(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await api.session();
      apply(s.user, s.permissions);
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e : null);
      setStatus('error');
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The agency name in the header; not available until a pending password change is done.
  useEffect(() => {
    if (!user || user.mustChangePassword) return;
    let live = true;
    orgsApi.get(user.orgId).then(
      (o) => live && setAgency(o),
      () => live && setAgency(null),
    );
    return () => {
      live = false;
    };
  }, [user]);

  useEffect(
    () =>
      api.onProblem((e, req) => {
        if (e.code === 'unauthenticated' && userRef.current) {
          apply(null, []);
          setNotice(TIMEOUT_NOTICE);
          // The old CSRF token belonged to the expired session; fetch a fresh one for the login form.
          void api.session().catch(() => undefined);
        } else if (
          e.code === 'password_change_required' &&
          userRef.current &&
          !req.path.startsWith('/api/auth/')
        ) {
          setUser({ ...userRef.current, mustChangePassword: true });
        }
      }),
    [apply],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      await authApi.login(username, password);
      setNotice(null);
      const s = await api.session();
      apply(s.user, s.permissions);
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setNotice(null);
      apply(null, []);
      await api.session().catch(() => undefined);
    }
  }, [apply]);

  const can = useCallback((...anyOf: Permission[]) => allows(permissions, anyOf), [permissions]);

  const value = useMemo<AuthValue>(
    () => ({ status, user, permissions, agency, notice, loadError, login, logout, refresh, can }),
    [status, user, permissions, agency, notice, loadError, login, logout, refresh, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
