import { describe, expect, it } from 'vitest';
import { creditCodeCheck, creditCodeProblem, normalizeCreditCode } from './creditCode';

describe('unified social credit code', () => {
  it('accepts codes with the right check character', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('9133010600000005RJ')).toBeNull();
  });
  it('computes the check character', () => {
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
  });
  it('rejects a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100I000100Y43')).toBe('check');
  });
  it('normalizes case and spaces', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });
});
