import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Entity } from '../../api/client';
import { currentCursor, firstPage, nextPage, previousPage, type CursorStack } from '../../lib/cursorStack';
import { parseListParams, serializeListParams, toApiQuery, type ListParams } from '../../lib/listQuery';

export const pageSizes = [20, 50, 100, 200];

function load<T>(key: string, fallback: T, ok: (v: unknown) => v is T): T {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null');
    return ok(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

function save(key: string, v: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(v));
  } catch {
    // not remembered; harmless
  }
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
const isPageSize = (v: unknown): v is number => typeof v === 'number' && pageSizes.includes(v);

/**
 * A list page's state: filters and sort in the URL (the API's own query
 * parameters, plus `view` for the chosen saved view), the cursor stack of
 * visited pages, page size and visible columns.
 */
export function useListState(entity: Entity, defaultColumns: string[], allColumns: string[]) {
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => parseListParams(entity, sp), [entity, sp]);
  const query = useMemo(() => serializeListParams(entity, params), [entity, params]);
  const viewId = sp.get('view') ?? '';

  const [paging, setPaging] = useState<{ query: string; stack: CursorStack }>({ query, stack: firstPage });
  const stack = paging.query === query ? paging.stack : firstPage;

  const [pageSize, setPageSizeState] = useState(() => load(`guanxi.pageSize.${entity}`, 20, isPageSize));
  const [columns, setColumnsState] = useState<string[]>(() => load(`guanxi.columns.${entity}`, defaultColumns, isStringArray));
  const visibleColumns = useMemo(() => {
    const cols = columns.filter((c) => allColumns.includes(c));
    return cols.includes('name') ? cols : ['name', ...cols];
  }, [columns, allColumns]);

  const setParams = useCallback(
    (p: ListParams, view?: string | null) => {
      const next = new URLSearchParams(serializeListParams(entity, p));
      const v = view === undefined ? viewId : view;
      if (v) next.set('view', v);
      setSp(next, { replace: false });
    },
    [entity, setSp, viewId],
  );

  const setColumns = useCallback(
    (c: string[]) => {
      setColumnsState(c);
      save(`guanxi.columns.${entity}`, c);
    },
    [entity],
  );

  const setPageSize = useCallback(
    (n: number) => {
      setPageSizeState(n);
      save(`guanxi.pageSize.${entity}`, n);
      setPaging({ query, stack: firstPage });
    },
    [entity, query],
  );

  const apiQuery = useMemo(() => {
    const q: Record<string, unknown> = { ...toApiQuery(params), limit: pageSize };
    const c = currentCursor(stack);
    if (c) q.cursor = c;
    return q;
  }, [params, pageSize, stack]);

  // The total is a separate request: counting can take longer than the page
  // (a filter no index serves reads every row), so the page never waits for
  // it, and it is cached per filter set while the user pages.
  const countQuery = useMemo(() => ({ ...toApiQuery(params), limit: 1, with_total: true }), [params]);

  return {
    params,
    query,
    viewId,
    setParams,
    stack,
    next: (cursor?: string) => setPaging({ query, stack: nextPage(stack, cursor) }),
    prev: () => setPaging({ query, stack: previousPage(stack) }),
    pageSize,
    setPageSize,
    columns: visibleColumns,
    setColumns,
    apiQuery,
    countQuery,
  };
}
