// Account form values and the request bodies built from them. Pure, so
// that the rules (send only what changed, never touch hidden finance
// fields, money as integer fen) are unit-tested.

import type { Account, AccountFields, AccountUpdate, FieldDefinition } from '../api/client';
import type { NamePath } from '../api/errors';
import { normalizeCreditCode } from './creditCode';
import { cleanCustom, sameValue } from './formValues';
import { fenToYuanString, parseYuan } from './money';

export interface AccountFormValues {
  kind: 'organization' | 'individual';
  name: string;
  credit_code?: string;
  industry?: string;
  size?: string;
  region?: string;
  address?: string;
  website?: string;
  phone?: string;
  email?: string;
  source?: string;
  description?: string;
  owner_id?: string;
  tags?: string[];
  credit_rating?: string;
  credit_limit_yuan?: string;
  credit_limit_currency?: string;
  custom?: Record<string, unknown>;
}

const textFields = ['name', 'credit_code', 'industry', 'size', 'region', 'address', 'website', 'phone', 'email', 'source', 'description', 'owner_id', 'credit_rating'] as const;

export function accountToValues(a?: Account): AccountFormValues {
  if (!a) return { kind: 'organization', name: '', tags: [], credit_limit_currency: 'CNY', custom: {} };
  const v: AccountFormValues = { kind: a.kind, name: a.name, tags: a.tags ?? [], custom: { ...(a.custom ?? {}) } };
  for (const f of textFields) (v as unknown as Record<string, unknown>)[f] = a[f] || undefined;
  v.credit_limit_yuan = a.credit_limit ? fenToYuanString(a.credit_limit.amount) : undefined;
  v.credit_limit_currency = a.credit_limit?.currency || 'CNY';
  return v;
}

function creditLimit(v: AccountFormValues) {
  const s = (v.credit_limit_yuan ?? '').trim();
  if (!s) return null;
  const amount = parseYuan(s);
  return amount === null ? undefined : { amount, currency: (v.credit_limit_currency || 'CNY').toUpperCase() };
}

/** The body of a create request. */
export function accountCreateBody(v: AccountFormValues, finance: boolean): AccountFields {
  const body: AccountFields = { kind: v.kind, name: v.name.trim() };
  const b = body as unknown as Record<string, unknown>;
  for (const f of textFields) {
    if (f === 'name' || (f === 'credit_rating' && !finance)) continue;
    if (f === 'credit_code' && v.kind !== 'organization') continue;
    const x = v[f]?.trim();
    if (x) b[f] = f === 'credit_code' ? normalizeCreditCode(x) : x;
  }
  if (v.tags?.length) body.tags = v.tags;
  const limit = finance ? creditLimit(v) : null;
  if (limit) body.credit_limit = limit;
  const custom = cleanCustom(v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  return body;
}

/** The body of an update: only what changed since the form was opened. */
export function accountUpdateBody(v: AccountFormValues, base: Account, finance: boolean): AccountUpdate {
  const before = accountToValues(base);
  const body: AccountUpdate = {};
  const b = body as unknown as Record<string, unknown>;
  if (v.kind !== before.kind) body.kind = v.kind;
  for (const f of textFields) {
    if (f === 'credit_rating' && (!finance || base.redacted?.includes('credit_rating'))) continue;
    if (f === 'credit_code' && v.kind !== 'organization' && !before.credit_code) continue;
    let x = (v[f] ?? '').trim();
    if (f === 'credit_code') x = normalizeCreditCode(x);
    if (x !== (before[f] ?? '')) b[f] = x;
  }
  if (!sameValue(v.tags ?? [], before.tags ?? [])) body.tags = v.tags ?? [];
  if (finance && !base.redacted?.includes('credit_limit')) {
    const after = creditLimit(v);
    const was = base.credit_limit ?? null;
    if (after === null && was) body.credit_limit = { amount: 0, currency: '' };
    else if (after && (!was || after.amount !== was.amount || after.currency !== was.currency)) body.credit_limit = after;
  }
  const custom = cleanCustom(v.custom);
  if (!sameValue(custom, cleanCustom(before.custom))) body.custom = custom;
  return body;
}

const directFields = new Set<string>([...textFields, 'kind', 'tags']);

/** The form field an API field name belongs to, for showing the API's errors. */
export function accountFieldPath(defs: FieldDefinition[]) {
  return (f: string): NamePath | undefined => {
    if (f === 'credit_limit' || f === 'credit_limit.amount') return ['credit_limit_yuan'];
    if (f === 'credit_limit.currency') return ['credit_limit_currency'];
    if (f.startsWith('custom.') && defs.some((d) => `custom.${d.key}` === f)) return ['custom', f.slice(7)];
    if (f.startsWith('tags')) return ['tags'];
    return directFields.has(f) ? [f] : undefined;
  };
}
