import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatMoney, parseYuan } from './money';

describe('money', () => {
  it('parses yuan to integer fen without float error', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('3090000')).toBe(309000000);
    expect(parseYuan('-1.05')).toBe(-105);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
  it('formats fen for inputs and for reading', () => {
    expect(fenToYuanString(309000000)).toBe('3090000.00');
    expect(fenToYuanString(-105)).toBe('-1.05');
    expect(formatMoney(309000000, 'CNY', 'zh-CN')).toBe('¥3,090,000.00');
    expect(formatMoney(5, 'USD', 'en')).toBe('USD 0.05');
  });
});
