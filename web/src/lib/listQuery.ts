import type { Entity } from '../api/client';

// A list's state lives in the page URL as the list API's own query
// parameters, so a saved view's query string, the address bar and the API
// call are one and the same. Cursor and limit are not part of it: paging
// is local to the page.

export type ListParams = Record<string, string | string[]>;

const common = ['q', 'owner_id', 'team_id', 'tag', 'created_from', 'created_to', 'updated_from', 'updated_to', 'custom', 'deleted', 'sort'];

/** The filter parameters each list accepts, in canonical order. */
export const listParamNames: Record<Entity, readonly string[]> = {
  account: ['q', 'kind', 'industry', 'size', 'region', 'source', 'credit_rating', 'hotness_min', 'segment', 'value_tier', 'stage', 'r_score', 'f_score', ...common.slice(1)],
  contact: ['q', 'account_id', 'level', 'function', 'department', 'title', 'reports_to_id', 'consent', ...common.slice(1)],
};

/** Parameters that may repeat. */
const repeated = new Set(['tag', 'custom']);

/** The sorts the server allows (crm.AccountSorts / crm.ContactSorts). */
export const listSorts: Record<Entity, readonly string[]> = {
  account: ['name', 'created_at', 'updated_at', 'hotness', 'industry', 'region'],
  contact: ['name', 'created_at', 'updated_at', 'level', 'function'],
};

export function isAllowedSort(entity: Entity, sort: string): boolean {
  return listSorts[entity].includes(sort.startsWith('-') ? sort.slice(1) : sort);
}

/**
 * Reads a list's parameters from a query string, keeping only known ones
 * with non-empty values and allowed sorts.
 */
export function parseListParams(entity: Entity, search: string | URLSearchParams): ListParams {
  const sp = typeof search === 'string' ? new URLSearchParams(search) : search;
  const out: ListParams = {};
  for (const name of listParamNames[entity]) {
    const values = sp.getAll(name).map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) continue;
    if (name === 'sort' && !isAllowedSort(entity, values[0])) continue;
    if (name === 'deleted' && values[0] !== 'only') continue;
    out[name] = repeated.has(name) ? [...new Set(values)] : values[0];
  }
  return out;
}

/** Writes parameters as a query string in canonical order (no leading "?"). */
export function serializeListParams(entity: Entity, params: ListParams): string {
  const sp = new URLSearchParams();
  for (const name of listParamNames[entity]) {
    const v = params[name];
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (x !== '') sp.append(name, x);
  }
  return sp.toString();
}

/** The same parameters with one changed (undefined or empty removes it). */
export function withParam(params: ListParams, name: string, value: string | string[] | undefined | null): ListParams {
  const next = { ...params };
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete next[name];
  else next[name] = value;
  return next;
}

/** Whether two query strings describe the same list. */
export function sameList(entity: Entity, a: string, b: string): boolean {
  return serializeListParams(entity, parseListParams(entity, a)) === serializeListParams(entity, parseListParams(entity, b));
}

/** Turns parameters into the API's query object. */
export function toApiQuery(params: ListParams): Record<string, string | string[] | number> {
  const q: Record<string, string | string[] | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'hotness_min') {
      const n = Number(v);
      if (Number.isInteger(n) && n >= 0 && n <= 100) q[k] = n;
    } else if (k === 'r_score' || k === 'f_score') {
      const n = Number(v);
      if (Number.isInteger(n) && n >= 1 && n <= 5) q[k] = n;
    } else q[k] = v;
  }
  return q;
}

/** How many filters are set besides search, sort, the recycle bin and the given always-shown ones. */
export function activeFilterCount(params: ListParams, shown: readonly string[] = []): number {
  return Object.keys(params).filter((k) => k !== 'q' && k !== 'sort' && k !== 'deleted' && !shown.includes(k)).length;
}
