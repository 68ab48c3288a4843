import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError, type Problem } from './errors';

export type Schemas = components['schemas'];
export type Account = Schemas['Account'];
export type AccountFields = Schemas['AccountFields'];
export type AccountUpdate = Schemas['AccountUpdate'];
export type Contact = Schemas['Contact'];
export type ContactFields = Schemas['ContactFields'];
export type ContactUpdate = Schemas['ContactUpdate'];
export type PersonalProfile = Schemas['PersonalProfile'];
export type Consent = Schemas['Consent'];
export type AccountLink = Schemas['AccountLink'];
export type LinkInput = Schemas['LinkInput'];
export type Change = Schemas['Change'];
export type User = Schemas['User'];
export type Team = Schemas['Team'];
export type APIToken = Schemas['APIToken'];
export type FieldDefinition = Schemas['FieldDefinition'];
export type SavedView = Schemas['SavedView'];
export type Me = Schemas['MeBody'];
export type Permissions = Schemas['Permissions'];
export type Money = Schemas['Money'];
export type Entity = 'account' | 'contact';

export type AccountListQuery = NonNullable<paths['/api/v1/accounts']['get']['parameters']['query']>;
export type ContactListQuery = NonNullable<paths['/api/v1/contacts']['get']['parameters']['query']>;

// The CSRF token of the current session: sent with every change made with
// the session cookie. It comes from login and from GET /me after a reload.
let csrfToken = '';
export function setCsrfToken(token: string | undefined) {
  csrfToken = token ?? '';
}

// Called when the server says the session is gone (401 outside login).
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(f: () => void) {
  onUnauthorized = f;
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && !request.url.includes('/api/v1/auth/')) onUnauthorized();
    if (response.status === 403) {
      // A stale CSRF token (code "csrf"): fetch the session's current one,
      // so the user's retry succeeds; the error still reaches the caller.
      const problem = (await response.clone().json().catch(() => null)) as Problem | null;
      if (problem?.code === 'csrf') {
        const me = await fetch('/api/v1/me', { credentials: 'same-origin' }).catch(() => null);
        if (me?.ok) setCsrfToken(((await me.json()) as { csrf_token?: string }).csrf_token);
      }
    }
    return response;
  },
};

export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(session);

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Waits for an openapi-fetch call and returns its data, or throws an
 * ApiError carrying the problem document (or a network error).
 */
export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await p;
  } catch (e) {
    throw ApiError.network(e);
  }
  if (!r.response.ok) throw new ApiError(r.response.status, r.error as Problem | undefined);
  return r.data as T;
}

/** The If-Match header value for a record read at version. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
