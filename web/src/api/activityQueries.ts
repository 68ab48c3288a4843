import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from './client';

/** Query keys of activities, tasks, plans and timelines; "activity" invalidates them all. */
export const activityKeys = {
  all: ['activity'] as const,
  timeline: (subject: TimelineSubject, id: string) => ['activity', 'timeline', subject, id] as const,
  todo: ['activity', 'todo'] as const,
  plans: (accountId: string) => ['activity', 'plans', accountId] as const,
};

export type TimelineSubject = 'account' | 'contact' | 'opportunity';

const timelinePageSize = 20;

/** A record's timeline, newest first, a page at a time. */
export function useTimeline(subject: TimelineSubject, id: string) {
  return useInfiniteQuery({
    queryKey: activityKeys.timeline(subject, id),
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = { path: { id }, query: { limit: timelinePageSize, cursor: pageParam || undefined } };
      switch (subject) {
        case 'account':
          return call(api.GET('/api/v1/accounts/{id}/timeline', { params }));
        case 'contact':
          return call(api.GET('/api/v1/contacts/{id}/timeline', { params }));
        default:
          return call(api.GET('/api/v1/opportunities/{id}/timeline', { params }));
      }
    },
    getNextPageParam: (last) => last.next_cursor || undefined,
    enabled: !!id,
  });
}

/** The caller's to-do centre; the header's bell polls it. */
export function useTodo(poll = false) {
  return useQuery({
    queryKey: activityKeys.todo,
    queryFn: () => call(api.GET('/api/v1/todo')),
    refetchInterval: poll ? 60_000 : false,
  });
}

/** An account's key-account plans. */
export function useAccountPlans(accountId: string) {
  return useQuery({
    queryKey: activityKeys.plans(accountId),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/key-account-plans', { params: { path: { id: accountId } } })),
    enabled: !!accountId,
  });
}
