// The customer delivered value worksheet (顾客让渡价值): total customer value
// (product, service, personnel, image) minus total customer cost (money,
// time, energy, psychic). Scores are 0-10 with one decimal; sums are done
// in tenths so that 7.1 + 0.2 is exactly 7.3, as the server computes them.

export const valueLines = ['product', 'service', 'personnel', 'image'] as const;
export const costLines = ['money', 'time', 'energy', 'psychic'] as const;
export type ScoreLine = (typeof valueLines)[number] | (typeof costLines)[number];
export type Scores = Record<ScoreLine, number>;
export type TotalLine = 'total_value' | 'total_cost' | 'delivered_value';
export type Line = ScoreLine | TotalLine;

export const emptyScores = (): Scores => ({ product: 0, service: 0, personnel: 0, image: 0, money: 0, time: 0, energy: 0, psychic: 0 });

const tenths = (v: number) => Math.round(v * 10);

/** Totals of one row, exact to one decimal. */
export function totals(s: Scores): Record<TotalLine, number> {
  const value = valueLines.reduce((n, k) => n + tenths(s[k]), 0);
  const cost = costLines.reduce((n, k) => n + tenths(s[k]), 0);
  return { total_value: value / 10, total_cost: cost / 10, delivered_value: (value - cost) / 10 };
}

/** Reports whether a score is one the server accepts: 0-10, at most one decimal. */
export function validScore(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 && Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;
}

/** Whether a higher number is better on the line: value yes, cost no. */
export function higherIsBetter(line: Line): boolean {
  return !(costLines as readonly string[]).includes(line) && line !== 'total_cost';
}

export type Standing = 'advantage' | 'disadvantage' | 'even';

/**
 * Our standing on a line against the competitors' values on it: an
 * advantage when we beat every one of them, a disadvantage when any beats
 * us, even otherwise (a tie with the best, or nobody to compare with).
 */
export function standing(line: Line, ours: number, theirs: number[]): Standing {
  if (theirs.length === 0) return 'even';
  const sign = higherIsBetter(line) ? 1 : -1;
  const d = theirs.map((x) => sign * (tenths(ours) - tenths(x)));
  if (d.some((x) => x < 0)) return 'disadvantage';
  if (d.every((x) => x > 0)) return 'advantage';
  return 'even';
}

/** The value of a line in a row: a score or a total. */
export function lineValue(s: Scores, line: Line): number {
  if (line === 'total_value' || line === 'total_cost' || line === 'delivered_value') return totals(s)[line];
  return s[line];
}
