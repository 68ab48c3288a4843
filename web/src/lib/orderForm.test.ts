import { describe, expect, it } from 'vitest';
import { lineRevenue, maxAmount, newOrderValues, orderCreateBody, orderFieldPath, orderTotal, orderUpdateBody, orderValuesFrom } from './orderForm';

describe('order lines', () => {
  it('prices a line in fen from the list price or the typed price, less the discount', () => {
    expect(lineRevenue({ product_id: 'p', quantity: 3 }, 100_00)).toBe(300_00);
    expect(lineRevenue({ product_id: 'p', quantity: 3, unit_price: '90.5', discount: '1.50' }, 100_00)).toBe(270_00);
    expect(lineRevenue({ product_id: 'p', quantity: 2, unit_price: '0.10' }, 100_00)).toBe(20);
  });

  it('waits for complete lines and refuses what is not an amount', () => {
    expect(lineRevenue({ product_id: 'p' }, 100)).toBeNull();
    expect(lineRevenue({ product_id: 'p', quantity: 1 }, undefined)).toBeNull();
    expect(lineRevenue({ product_id: 'p', quantity: 1, unit_price: 'abc' }, 100)).toBeNull();
    expect(lineRevenue({ product_id: 'p', quantity: 1, unit_price: '-5' }, 100)).toBeNull();
    expect(lineRevenue({ product_id: 'p', quantity: 1.5 }, 100)).toBeNull();
  });

  it('reports amounts past the server limit instead of rounding them', () => {
    expect(lineRevenue({ product_id: 'p', quantity: 1_000_000_000, unit_price: '10000000000' }, 0)).toBe('overflow');
    expect(lineRevenue({ product_id: 'p', quantity: 1 }, maxAmount + 100)).toBe('overflow');
  });

  it('totals an order only when every line is complete', () => {
    const prices: Record<string, number> = { a: 10_00, b: 25_50 };
    expect(orderTotal([{ product_id: 'a', quantity: 2 }, { product_id: 'b', quantity: 4, discount: '2' }], (id) => prices[id])).toBe(20_00 + 100_00);
    expect(orderTotal([{ product_id: 'a', quantity: 2 }, { quantity: 1 }], (id) => prices[id])).toBeNull();
  });
});

describe('order body', () => {
  it('sends fen, leaves blank prices to the server and trims the number', () => {
    const v = { ...newOrderValues('2026-11-23'), number: ' SO-1 ', lines: [{ product_id: 'a', quantity: 2, unit_price: '12.30' }, { product_id: 'b', quantity: 1 }] };
    expect(orderCreateBody(v, 'acc')).toEqual({
      account_id: 'acc',
      number: 'SO-1',
      order_date: '2026-11-23',
      status: 'confirmed',
      lines: [{ product_id: 'a', quantity: 2, unit_price: 1230 }, { product_id: 'b', quantity: 1 }],
    });
  });

  it('places the API errors of a line on that line', () => {
    expect(orderFieldPath('lines[2].quantity')).toEqual(['lines', 2, 'quantity']);
    expect(orderFieldPath('number')).toEqual(['number']);
    expect(orderFieldPath('lines')).toBeUndefined();
    expect(orderFieldPath('account_id')).toBeUndefined();
  });
});

describe('editing an order', () => {
  const order = {
    id: 'o1', account_id: 'a1', account_name: 'Acme', number: 'SO-1', status: 'confirmed', order_date: '2026-11-01', note: '',
    currency: 'CNY', revenue: 39200, version: 3,
    lines: [
      { line_no: 1, product_id: 'p1', product_code: 'P1', product_name: 'Pump', quantity: 3, unit_price: 10000, discount: 1000, revenue: 29000 },
      { line_no: 2, product_id: 'p2', product_code: 'P2', product_name: 'Valve', quantity: 4, unit_price: 2550, discount: 0, revenue: 10200 },
    ],
  } as unknown as Parameters<typeof orderValuesFrom>[0];

  it('shows its prices as typed amounts', () => {
    const v = orderValuesFrom(order);
    expect(v.lines).toEqual([
      { product_id: 'p1', quantity: 3, unit_price: '100.00', discount: '10.00' },
      { product_id: 'p2', quantity: 4, unit_price: '25.50', discount: '' },
    ]);
  });

  it('sends nothing when nothing changed, and only what changed otherwise', () => {
    const v = orderValuesFrom(order);
    expect(orderUpdateBody(v, order)).toEqual({});
    expect(orderUpdateBody({ ...v, status: 'cancelled' }, order)).toEqual({ status: 'cancelled' });
    const lines = [{ ...v.lines[0], quantity: 5 }, v.lines[1]];
    expect(orderUpdateBody({ ...v, lines }, order).lines).toEqual([
      { product_id: 'p1', quantity: 5, unit_price: 10000, discount: 1000 },
      { product_id: 'p2', quantity: 4, unit_price: 2550 },
    ]);
  });
});
