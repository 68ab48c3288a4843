// Helpers for the competitor pages.

/** A win rate (0-1) as a whole percent, or a dash when nothing closed. */
export function formatWinRate(rate: number | null | undefined): string {
  if (rate === undefined || rate === null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 100)}%`;
}

/**
 * The parts of a competition history field: "competitor.<name>.<field>"
 * on an account (a competitor's presence) and
 * "delivered_value.<us|name>.<score>" on an opportunity (the worksheet).
 * Names may contain dots; the field is after the last one.
 */
export function competitionHistoryField(field: string): { kind: 'presence' | 'worksheet'; party: string; part: string } | null {
  for (const [prefix, kind] of [
    ['competitor.', 'presence'],
    ['delivered_value.', 'worksheet'],
  ] as const) {
    if (!field.startsWith(prefix)) continue;
    const rest = field.slice(prefix.length);
    const dot = rest.lastIndexOf('.');
    if (dot <= 0 || dot === rest.length - 1) return null;
    return { kind, party: rest.slice(0, dot), part: rest.slice(dot + 1) };
  }
  return null;
}
