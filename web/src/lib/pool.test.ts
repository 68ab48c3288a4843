import { describe, expect, it } from 'vitest';
import { allowanceLevel, canUsePool, daysSince, poolReason } from './pool';

describe('allowanceLevel', () => {
  it('is none when nothing remains, low near the limit, ok otherwise', () => {
    expect(allowanceLevel({ limit: 20, claimed: 20, remaining: 0 })).toBe('none');
    expect(allowanceLevel({ limit: 20, claimed: 17, remaining: 3 })).toBe('low');
    expect(allowanceLevel({ limit: 20, claimed: 5, remaining: 15 })).toBe('ok');
    expect(allowanceLevel({ limit: 1, claimed: 0, remaining: 1 })).toBe('low');
    expect(allowanceLevel({ limit: 0, claimed: 0, remaining: 0 })).toBe('none');
  });
});

describe('poolReason', () => {
  it('reads the reasons the server writes', () => {
    expect(poolReason('released')).toEqual({ reason: 'released' });
    expect(poolReason('no_follow_up:30')).toEqual({ reason: 'no_follow_up', days: 30 });
    expect(poolReason('no_follow_up:x')).toEqual({ reason: 'other' });
    expect(poolReason('')).toEqual({ reason: 'other' });
  });
});

describe('daysSince', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('counts whole days and never goes negative', () => {
    expect(daysSince('2026-03-01T12:00:00Z', now)).toBe(9);
    expect(daysSince('2026-03-10T01:00:00Z', now)).toBe(0);
    expect(daysSince('2026-04-01T00:00:00Z', now)).toBe(0);
    expect(daysSince(undefined, now)).toBe(0);
    expect(daysSince('not a date', now)).toBe(0);
  });
});

describe('canUsePool', () => {
  it('admits the roles that own customers', () => {
    expect(['admin', 'manager', 'sales'].every(canUsePool)).toBe(true);
    expect(['finance', 'viewer', 'warehouse', 'service', 'marketing'].some(canUsePool)).toBe(false);
  });
});
