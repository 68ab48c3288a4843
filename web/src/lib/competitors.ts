// Helpers for the competitor pages.

/** A win rate (0-1) as a whole percent, or a dash when nothing closed. */
export function formatWinRate(rate: number | null | undefined): string {
  if (rate === undefined || rate === null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 100)}%`;
}
