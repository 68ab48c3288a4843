import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type Competitor = Schemas['Competitor'];
export type CompetitorFields = Schemas['CompetitorFields'];
export type AccountCompetitor = Schemas['AccountCompetitor'];
export type OpportunityCompetitor = Schemas['OpportunityCompetitor'];
export type WinLoss = Schemas['WinLoss'];
export type Worksheet = Schemas['Worksheet'];

/** Query keys of competitors, their presence and the worksheets. */
export const competitorKeys = {
  all: ['competitors'] as const,
  list: (q: string) => ['competitors', 'list', q] as const,
  one: (id: string) => ['competitors', 'one', id] as const,
  winLoss: (id: string) => ['competitors', 'win-loss', id] as const,
  report: ['competitors', 'report'] as const,
  accountsOf: (id: string) => ['competitors', 'accounts', id] as const,
  atAccount: (accountId: string) => ['competitors', 'at-account', accountId] as const,
  inPlay: (opportunityId: string) => ['competitors', 'in-play', opportunityId] as const,
  worksheet: (opportunityId: string) => ['competitors', 'worksheet', opportunityId] as const,
};

/** Every live competitor, for pickers (a workspace has a few dozen). */
export function useCompetitorOptions() {
  return useQuery({
    queryKey: competitorKeys.list('options'),
    queryFn: () => call(api.GET('/api/v1/competitors', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

export function useWinLossReport() {
  return useQuery({ queryKey: competitorKeys.report, queryFn: () => call(api.GET('/api/v1/reports/win-loss-by-competitor')) });
}

export function useInPlay(opportunityId: string) {
  return useQuery({
    queryKey: competitorKeys.inPlay(opportunityId),
    queryFn: () => call(api.GET('/api/v1/opportunities/{id}/competitors', { params: { path: { id: opportunityId } } })),
  });
}

export function useWorksheet(opportunityId: string) {
  return useQuery({
    queryKey: competitorKeys.worksheet(opportunityId),
    queryFn: () => call(api.GET('/api/v1/opportunities/{id}/delivered-value', { params: { path: { id: opportunityId } } })),
  });
}
