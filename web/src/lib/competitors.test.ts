import { describe, expect, it } from 'vitest';
import { formatWinRate } from './competitors';

describe('formatWinRate', () => {
  it('rounds to a whole percent and shows a dash with nothing closed', () => {
    expect(formatWinRate(0.4)).toBe('40%');
    expect(formatWinRate(2 / 3)).toBe('67%');
    expect(formatWinRate(1)).toBe('100%');
    expect(formatWinRate(undefined)).toBe('—');
    expect(formatWinRate(null)).toBe('—');
  });
});
