import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken, setUnauthorizedHandler, type Me, type User } from '../api/client';
import { ApiError } from '../api/errors';
import { isLocale } from '../i18n/messages';
import { useI18n } from '../i18n/I18nProvider';

type Status = 'loading' | 'anonymous' | 'signed-in';

/** Why the user was signed out, for the login page to say. */
export type SignedOutNotice = 'expired' | 'passwordChanged';

export interface Auth {
  status: Status;
  me: Me | null;
  /** Set after the server ended the session while the user was working. */
  notice: SignedOutNotice | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Takes the signed-in user's record after they (or an admin, for themself) changed it. */
  setUser: (u: User) => void;
  /** Reads the session's user, teams and permissions again. */
  refresh: () => Promise<void>;
  /** Forgets a session the server has just ended (e.g. after a password change). */
  endSession: (notice: SignedOutNotice) => void;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<SignedOutNotice | null>(null);
  const { setLocale } = useI18n();
  const qc = useQueryClient();

  const signedIn = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrf_token);
      if (isLocale(m.user.locale)) setLocale(m.user.locale);
      setMe(m);
      setNotice(null);
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
  const endSession = useCallback(
    (why: SignedOutNotice) => {
      // Requests still under way will see 401 too; they must not replace the notice.
      statusRef.current = 'anonymous';
      setCsrfToken('');
      setMe(null);
      setNotice(why);
      setStatus('anonymous');
      qc.clear();
    },
    [qc],
  );
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (statusRef.current !== 'signed-in') return;
      endSession('expired');
    });
  }, [endSession]);

  const setUser = useCallback((u: User) => setMe((m) => (m && m.user.id === u.id ? { ...m, user: u } : m)), []);

  const refresh = useCallback(async () => {
    const m = await call(api.GET('/api/v1/me'));
    signedIn(m);
  }, [signedIn]);

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
    setNotice(null);
    setStatus('anonymous');
    qc.clear();
  }, [qc]);

  const value = useMemo(
    () => ({ status, me, notice, login, logout, setUser, refresh, endSession }),
    [status, me, notice, login, logout, setUser, refresh, endSession],
  );
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
