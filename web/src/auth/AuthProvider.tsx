import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken, setUnauthorizedHandler, type Me } from '../api/client';
import { ApiError } from '../api/errors';
import { isLocale } from '../i18n/messages';
import { useI18n } from '../i18n/I18nProvider';

type Status = 'loading' | 'anonymous' | 'signed-in';

export interface Auth {
  status: Status;
  me: Me | null;
  /** True after the server ended the session while the user was working. */
  expired: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const { setLocale } = useI18n();
  const qc = useQueryClient();

  const signedIn = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrf_token);
      if (isLocale(m.user.locale)) setLocale(m.user.locale);
      setMe(m);
      setExpired(false);
      setStatus('signed-in');
    },
    [setLocale],
  );

  useEffect(() => {
    let cancelled = false;
    call(api.GET('/api/v1/me'))
      .then((m) => !cancelled && signedIn(m))
      .catch(() => !cancelled && setStatus('anonymous'));
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  // A 401 while signed in means the session ended (expired, signed out
  // elsewhere); before that it only means "not signed in yet".
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (statusRef.current !== 'signed-in') return;
      setCsrfToken('');
      setMe(null);
      setExpired(true);
      setStatus('anonymous');
      qc.clear();
    });
  }, [qc]);

  const login = useCallback(
    async (email: string, password: string) => {
      const l = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
      setCsrfToken(l.csrf_token);
      const m = await call(api.GET('/api/v1/me'));
      qc.clear();
      signedIn({ ...m, csrf_token: m.csrf_token || l.csrf_token });
    },
    [qc, signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    setCsrfToken('');
    setMe(null);
    setExpired(false);
    setStatus('anonymous');
    qc.clear();
  }, [qc]);

  const value = useMemo(() => ({ status, me, expired, login, logout }), [status, me, expired, login, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user's session; only for pages behind the login. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
