import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, call, type AccountListQuery, type Contact, type ContactListQuery, type Entity, type User } from './client';

// Query keys, in one place so that mutations invalidate the right caches.
export const keys = {
  users: ['users'] as const,
  teams: ['teams'] as const,
  fieldDefs: (entity: Entity) => ['field-definitions', entity] as const,
  views: (entity: Entity) => ['views', entity] as const,
  accounts: ['accounts'] as const,
  accountList: (q: AccountListQuery) => ['accounts', 'list', q] as const,
  account: (id: string) => ['accounts', 'one', id] as const,
  links: (id: string) => ['accounts', 'links', id] as const,
  contacts: ['contacts'] as const,
  contactList: (q: ContactListQuery) => ['contacts', 'list', q] as const,
  contact: (id: string) => ['contacts', 'one', id] as const,
  accountContacts: (accountId: string) => ['contacts', 'of-account', accountId] as const,
  history: (entity: HistoryEntity, id: string) => ['history', entity, id] as const,
  tokens: ['me', 'tokens'] as const,
  products: ['products'] as const,
  orders: ['orders'] as const,
  accountOrders: (accountId: string) => ['orders', 'of-account', accountId] as const,
  stats: (accountId: string) => ['stats', accountId] as const,
  opportunities: ['opportunities'] as const,
  accountOpportunities: (accountId: string) => ['opportunities', 'of-account', accountId] as const,
  pipeline: ['pipeline'] as const,
  pipelineBoard: (ownerId: string) => ['pipeline', 'board', ownerId] as const,
  pipelineStages: ['pipeline', 'stages'] as const,
  analytics: ['analytics'] as const,
  analyticsOverview: ['analytics', 'overview'] as const,
  analyticsReports: ['analytics', 'reports'] as const,
  value: (accountId: string) => ['analytics', 'value', accountId] as const,
};

const minutes = 60_000;

export function useUsers() {
  const q = useQuery({
    queryKey: keys.users,
    queryFn: () => call(api.GET('/api/v1/users')),
    staleTime: 5 * minutes,
  });
  const byId = useMemo(() => {
    const m = new Map<string, User>();
    for (const u of q.data ?? []) m.set(u.id, u);
    return m;
  }, [q.data]);
  return { ...q, users: q.data ?? [], byId };
}

export function useTeams() {
  const q = useQuery({ queryKey: keys.teams, queryFn: () => call(api.GET('/api/v1/teams')), staleTime: 5 * minutes });
  const byId = useMemo(() => new Map((q.data ?? []).map((t) => [t.id, t])), [q.data]);
  return { ...q, teams: q.data ?? [], byId };
}

export function useFieldDefinitions(entity: Entity) {
  const q = useQuery({
    queryKey: keys.fieldDefs(entity),
    queryFn: () => call(api.GET('/api/v1/field-definitions', { params: { query: { entity } } })),
    staleTime: 5 * minutes,
  });
  return { ...q, defs: q.data ?? [] };
}

/** The signed-in user's personal API tokens (names and dates, never the tokens). */
export function useTokens() {
  const q = useQuery({ queryKey: keys.tokens, queryFn: () => call(api.GET('/api/v1/me/tokens')) });
  return { ...q, tokens: q.data ?? [] };
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: keys.account(id),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })),
    retry: (n, e) => n < 2 && !isClientError(e),
    enabled: !!id,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: keys.contact(id),
    queryFn: () => call(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })),
    retry: (n, e) => n < 2 && !isClientError(e),
    enabled: !!id,
  });
}

export function useAccountList(query: AccountListQuery) {
  return useQuery({
    queryKey: keys.accountList(query),
    queryFn: () => call(api.GET('/api/v1/accounts', { params: { query } })),
    placeholderData: keepPreviousData,
    retry: (n, e) => n < 2 && !isClientError(e),
  });
}

export function useContactList(query: ContactListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.contactList(query),
    queryFn: () => call(api.GET('/api/v1/contacts', { params: { query } })),
    placeholderData: keepPreviousData,
    retry: (n, e) => n < 2 && !isClientError(e),
    enabled,
  });
}

/** Most contacts an account page loads (org chart, buying centre). */
export const accountContactsCap = 1000;

/** Every contact of an account (up to accountContactsCap), following cursors. */
export function useAccountContacts(accountId: string) {
  return useQuery({
    queryKey: keys.accountContacts(accountId),
    queryFn: async () => {
      const all: Contact[] = [];
      let cursor: string | undefined;
      let total = 0;
      do {
        const page = await call(
          api.GET('/api/v1/contacts', { params: { query: { account_id: accountId, sort: 'name', limit: 200, cursor, with_total: !cursor } } }),
        );
        all.push(...(page.items ?? []));
        if (!cursor) total = page.total ?? 0;
        cursor = page.next_cursor || undefined;
      } while (cursor && all.length < accountContactsCap);
      return { items: all, total: Math.max(total, all.length), truncated: !!cursor };
    },
    enabled: !!accountId,
  });
}

export function useLinks(accountId: string) {
  return useQuery({
    queryKey: keys.links(accountId),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/links', { params: { path: { id: accountId } } })),
  });
}

/** Records with a field history. */
export type HistoryEntity = Entity | 'opportunity';

export function useHistory(entity: HistoryEntity, id: string) {
  return useInfiniteQuery({
    queryKey: keys.history(entity, id),
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = { path: { id }, query: { limit: 50, cursor: pageParam || undefined } };
      if (entity === 'opportunity') return call(api.GET('/api/v1/opportunities/{id}/history', { params }));
      return entity === 'account'
        ? call(api.GET('/api/v1/accounts/{id}/history', { params }))
        : call(api.GET('/api/v1/contacts/{id}/history', { params }));
    },
    getNextPageParam: (last) => last.next_cursor || undefined,
  });
}

export function useViews(entity: Entity) {
  const q = useQuery({
    queryKey: keys.views(entity),
    queryFn: () => call(api.GET('/api/v1/views', { params: { query: { entity } } })),
  });
  return { ...q, views: q.data ?? [] };
}

function isClientError(e: unknown): boolean {
  const s = (e as { status?: number })?.status ?? 0;
  return s >= 400 && s < 500;
}

/** The workspace's pipeline stages in board order. */
export function usePipelineStages() {
  const q = useQuery({ queryKey: keys.pipelineStages, queryFn: () => call(api.GET('/api/v1/pipeline/stages')), staleTime: 5 * minutes });
  return { ...q, stages: q.data ?? [] };
}
