import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { dayValue, instantValue, timeValue } from './dateValues';

describe('picker values', () => {
  it('keep a day as YYYY-MM-DD both ways', () => {
    expect(dayValue.getValueProps('2026-11-24').value?.format('YYYY-MM-DD')).toBe('2026-11-24');
    expect(dayValue.normalize(dayjs('2026-02-03T15:00:00'))).toBe('2026-02-03');
    expect(dayValue.getValueProps(undefined).value).toBeUndefined();
    expect(dayValue.normalize(null)).toBeUndefined();
  });
  it('keep a time of day as HH:mm both ways', () => {
    expect(timeValue.getValueProps('09:05').value?.format('HH:mm')).toBe('09:05');
    expect(timeValue.normalize(dayjs('2026-02-03T17:45:00'))).toBe('17:45');
    expect(timeValue.normalize(null)).toBeUndefined();
  });
  it('keep an instant as ISO 8601 in UTC', () => {
    expect(instantValue.normalize(dayjs('2026-11-24T08:00:00Z'))).toBe('2026-11-24T08:00:00.000Z');
    expect(instantValue.getValueProps('2026-11-24T08:00:00Z').value?.valueOf()).toBe(Date.parse('2026-11-24T08:00:00Z'));
  });
});
