import { describe, expect, it } from 'vitest';
import { competitionHistoryField, formatWinRate } from './competitors';

describe('formatWinRate', () => {
  it('rounds to a whole percent and shows a dash with nothing closed', () => {
    expect(formatWinRate(0.4)).toBe('40%');
    expect(formatWinRate(2 / 3)).toBe('67%');
    expect(formatWinRate(1)).toBe('100%');
    expect(formatWinRate(undefined)).toBe('—');
    expect(formatWinRate(null)).toBe('—');
  });
});

describe('competitionHistoryField', () => {
  it('splits presence and worksheet fields, names with dots included', () => {
    expect(competitionHistoryField('competitor.西门子.satisfaction')).toEqual({ kind: 'presence', party: '西门子', part: 'satisfaction' });
    expect(competitionHistoryField('competitor.A.B. Co.rep_name')).toEqual({ kind: 'presence', party: 'A.B. Co', part: 'rep_name' });
    expect(competitionHistoryField('delivered_value.us.money')).toEqual({ kind: 'worksheet', party: 'us', part: 'money' });
    expect(competitionHistoryField('competitor')).toBeNull();
    expect(competitionHistoryField('competitor.x.')).toBeNull();
    expect(competitionHistoryField('name')).toBeNull();
  });
});
