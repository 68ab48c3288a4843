// Opportunities in the UI: form values (amounts as typed yuan), the
// request bodies, and where the server's field errors go. Pure, so the
// money conversion and "send only what changed" are unit-tested.

import type { Schemas } from '../api/client';
import type { NamePath } from '../api/errors';
import { fenToYuanString, parseYuan } from './money';

export type OpportunityFields = Schemas['OpportunityFields'];
export type OpportunityUpdate = Schemas['OpportunityUpdate'];
type Opportunity = Schemas['Opportunity'];

export interface OpportunityFormValues {
  account_id?: string;
  name: string;
  stage?: string;
  /** Yuan as typed. */
  amount: string;
  probability?: number | null;
  expected_close?: string; // YYYY-MM-DD
  /** Yuan as typed; blank for none. */
  budget?: string;
  problem?: string;
  purchase_plan?: string;
  purchase_timeline?: string;
  purchasing_process?: string;
  competitors?: string;
  win_loss_reason?: string;
}

const texts = ['problem', 'purchase_plan', 'purchase_timeline', 'purchasing_process', 'competitors', 'win_loss_reason'] as const;

export function newOpportunityValues(accountId?: string): OpportunityFormValues {
  return { account_id: accountId, name: '', amount: '', probability: null };
}

export function opportunityValuesFrom(o: Opportunity): OpportunityFormValues {
  const v: OpportunityFormValues = {
    account_id: o.account_id,
    name: o.name,
    stage: o.stage,
    amount: fenToYuanString(o.amount),
    probability: o.probability,
    expected_close: o.expected_close,
    budget: o.budget === undefined || o.budget === null ? '' : fenToYuanString(o.budget),
  };
  for (const k of texts) v[k] = o[k] ?? '';
  return v;
}

/** Typed yuan to fen; -1 (refused by the server on the field) when not an amount. */
function fen(s: string | undefined): number {
  return parseYuan(s ?? '') ?? -1;
}

export function opportunityCreateBody(v: OpportunityFormValues): OpportunityFields {
  const body: OpportunityFields = {
    account_id: v.account_id ?? '',
    name: v.name.trim(),
    amount: fen(v.amount),
    expected_close: v.expected_close ?? '',
  };
  if (v.stage) body.stage = v.stage;
  if (v.probability !== null && v.probability !== undefined) body.probability = v.probability;
  if (v.budget?.trim()) body.budget = fen(v.budget);
  for (const k of texts) if (v[k]?.trim()) body[k] = v[k]!.trim();
  return body;
}

/** The PATCH body of an edited opportunity: only what changed. Budget -1 clears it. */
export function opportunityUpdateBody(v: OpportunityFormValues, base: Opportunity): OpportunityUpdate {
  const before = opportunityValuesFrom(base);
  const body: OpportunityUpdate = {};
  if (v.name.trim() !== base.name) body.name = v.name.trim();
  if (fen(v.amount) !== base.amount) body.amount = fen(v.amount);
  if (v.probability !== null && v.probability !== undefined && v.probability !== base.probability) body.probability = v.probability;
  if (v.expected_close && v.expected_close !== base.expected_close) body.expected_close = v.expected_close;
  if ((v.budget ?? '').trim() !== (before.budget ?? '')) body.budget = v.budget?.trim() ? fen(v.budget) : -1;
  for (const k of texts) if ((v[k] ?? '').trim() !== (before[k] ?? '')) body[k] = (v[k] ?? '').trim();
  return body;
}

const fields = new Set(['account_id', 'name', 'stage', 'amount', 'probability', 'expected_close', 'budget', ...texts]);

export function opportunityFieldPath(apiField: string): NamePath | undefined {
  return fields.has(apiField) ? [apiField] : undefined;
}
