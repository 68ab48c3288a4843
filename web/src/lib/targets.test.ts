import { describe, expect, it } from 'vitest';
import { kindOf, periodOf, progressOf, shiftPeriod, yuanToMinor } from './targets';

describe('targets', () => {
  it('names the month and quarter of a date', () => {
    expect(periodOf('month', new Date(2026, 10, 24))).toBe('2026-11');
    expect(periodOf('quarter', new Date(2026, 10, 24))).toBe('2026-Q4');
    expect(periodOf('quarter', new Date(2026, 0, 1))).toBe('2026-Q1');
  });
  it('steps across year ends', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftPeriod('2026-Q4', 1)).toBe('2027-Q1');
    expect(kindOf('2026-Q4')).toBe('quarter');
    expect(kindOf('2026-11')).toBe('month');
  });
  it('clamps the progress bar and colours it', () => {
    expect(progressOf(190)).toEqual({ value: 100, status: 'success' });
    expect(progressOf(60)).toEqual({ value: 60, status: 'normal' });
    expect(progressOf(10).status).toBe('exception');
    expect(progressOf(undefined).value).toBe(0);
  });
  it('reads yuan as minor units', () => {
    expect(yuanToMinor(1234.56)).toBe(123456);
    expect(yuanToMinor(-1)).toBeUndefined();
    expect(yuanToMinor(null)).toBeUndefined();
  });
});
