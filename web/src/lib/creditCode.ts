// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
// from a 31-character alphabet, the last one a check character over the
// first 17. The server validates too; this check only gives early feedback.

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normalizeCreditCode(s: string): string {
  return s.trim().toUpperCase();
}

/** The check character for the first 17 characters, or null if any is outside the alphabet. */
export function creditCodeCheck(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = alphabet.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * weights[i];
  }
  return alphabet[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'length' | 'check' | null;

/** Says what is wrong with a (normalized) code, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem {
  if (code.length !== 18) return 'length';
  return creditCodeCheck(code.slice(0, 17)) === code[17] ? null : 'check';
}
