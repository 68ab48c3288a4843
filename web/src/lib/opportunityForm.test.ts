import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { newOpportunityValues, opportunityCreateBody, opportunityFieldPath, opportunityUpdateBody, opportunityValuesFrom } from './opportunityForm';

const base = {
  id: 'o1',
  account_id: 'a1',
  account_name: 'Acme',
  name: 'Line upgrade',
  stage: 'proposal',
  stage_kind: 'open',
  amount: 1_234_50,
  probability: 40,
  expected_close: '2026-09-30',
  currency: 'CNY',
  version: 3,
  problem: 'capacity',
  purchase_plan: '',
  purchase_timeline: '',
  purchasing_process: '',
  competitors: '',
  win_loss_reason: '',
} as unknown as Schemas['Opportunity'];

describe('opportunity form', () => {
  it('builds a create body in fen with only what was typed', () => {
    const v = { ...newOpportunityValues('a1'), name: ' Deal ', amount: '1,000.5', expected_close: '2026-10-01', budget: '', problem: ' x ' };
    expect(opportunityCreateBody(v)).toEqual({ account_id: 'a1', name: 'Deal', amount: 1_000_50, expected_close: '2026-10-01', problem: 'x' });
    expect(opportunityCreateBody({ ...v, amount: 'lots', probability: 30, budget: '9' })).toMatchObject({ amount: -1, probability: 30, budget: 900 });
  });

  it('shows amounts as typed yuan and sends only changes', () => {
    const v = opportunityValuesFrom(base);
    expect(v.amount).toBe('1234.50');
    expect(v.budget).toBe('');
    expect(opportunityUpdateBody(v, base)).toEqual({});
    expect(opportunityUpdateBody({ ...v, amount: '2000', problem: '', budget: '10' }, base)).toEqual({ amount: 2000_00, problem: '', budget: 10_00 });
    expect(opportunityUpdateBody(opportunityValuesFrom({ ...base, budget: 500 }), { ...base, budget: 500 })).toEqual({});
    expect(opportunityUpdateBody({ ...opportunityValuesFrom({ ...base, budget: 500 }), budget: '' }, { ...base, budget: 500 })).toEqual({ budget: -1 });
  });

  it('places server errors on their fields', () => {
    expect(opportunityFieldPath('win_loss_reason')).toEqual(['win_loss_reason']);
    expect(opportunityFieldPath('owner_id')).toBeUndefined();
  });
});
