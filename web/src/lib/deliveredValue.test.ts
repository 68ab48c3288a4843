import { describe, expect, it } from 'vitest';
import { emptyScores, lineValue, standing, totals, validScore } from './deliveredValue';

describe('delivered value worksheet', () => {
  it('sums value and cost exactly to one decimal', () => {
    const s = { product: 8, service: 9, personnel: 7.5, image: 6, money: 7, time: 3, energy: 2.5, psychic: 2 };
    expect(totals(s)).toEqual({ total_value: 30.5, total_cost: 14.5, delivered_value: 16 });
    // Floating point would give 0.30000000000000004 here.
    const t = { ...emptyScores(), product: 0.1, service: 0.2, money: 0.4 };
    expect(totals(t)).toEqual({ total_value: 0.3, total_cost: 0.4, delivered_value: -0.1 });
    expect(lineValue(s, 'delivered_value')).toBe(16);
    expect(lineValue(s, 'energy')).toBe(2.5);
  });

  it('accepts 0-10 with at most one decimal', () => {
    expect([0, 10, 7.5, 3].every(validScore)).toBe(true);
    expect([-0.1, 10.1, 2.25, Number.NaN, '5', null].some(validScore)).toBe(false);
  });

  it('reads higher value and lower cost as our advantage', () => {
    expect(standing('product', 8, [7, 6.5])).toBe('advantage');
    expect(standing('product', 8, [7, 8.5])).toBe('disadvantage');
    expect(standing('product', 8, [8, 7])).toBe('even');
    expect(standing('money', 4, [5, 6])).toBe('advantage');
    expect(standing('money', 6, [5])).toBe('disadvantage');
    expect(standing('total_cost', 10, [12])).toBe('advantage');
    expect(standing('delivered_value', 16, [12.5])).toBe('advantage');
    expect(standing('delivered_value', 1, [])).toBe('even');
  });
});
