import { describe, expect, it } from 'vitest';
import { amountOf, productCreateBody, productToValues, productUpdateBody, type Product } from './productForm';

const base: Product = {
  id: '01a20a14-4372-71b1-8ff5-8c3728594768',
  code: 'EQ-PUMP-100',
  name: '离心泵 CP-100',
  category: '设备',
  unit: '台',
  list_price: 18000_00,
  unit_cost: 14200_00,
  active: true,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  created_by: '',
  updated_at: '2026-01-01T00:00:00Z',
  updated_by: '',
};

describe('product form', () => {
  it('reads amounts in yuan and refuses negatives and words', () => {
    expect(amountOf('1,280.5')).toBe(1280_50);
    expect(amountOf('-1')).toBeUndefined();
    expect(amountOf('abc')).toBeUndefined();
  });

  it('round-trips a product without changes', () => {
    expect(productUpdateBody(productToValues(base), base, true)).toEqual({});
  });

  it('sends only what changed, and never the cost for those who cannot see it', () => {
    const v = { ...productToValues(base), list_price: '17500', unit_cost: '14000.00', active: false };
    expect(productUpdateBody(v, base, true)).toEqual({ list_price: 17500_00, unit_cost: 14000_00, active: false });
    expect(productUpdateBody(v, { ...base, unit_cost: undefined }, false)).toEqual({ list_price: 17500_00, active: false });
  });

  it('sends an impossible amount as -1 so the server names the field', () => {
    const body = productCreateBody({ ...productToValues(), code: ' P1 ', name: 'Pump', list_price: 'ten' }, true);
    expect(body).toEqual({ code: 'P1', name: 'Pump', list_price: -1, active: true });
  });
});
