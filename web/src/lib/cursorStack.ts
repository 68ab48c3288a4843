// Keyset pagination: the API hands out a cursor for the next page only, so
// going back means remembering the cursors of the pages already visited.
// A stack holds the cursor each visited page was fetched with; the first
// page's is the empty string.

export interface CursorStack {
  readonly cursors: readonly string[];
}

export const firstPage: CursorStack = { cursors: [''] };

/** The cursor the current page is fetched with ('' for the first page). */
export function currentCursor(s: CursorStack): string {
  return s.cursors[s.cursors.length - 1];
}

/** The 1-based number of the current page. */
export function pageNumber(s: CursorStack): number {
  return s.cursors.length;
}

export function hasPrevious(s: CursorStack): boolean {
  return s.cursors.length > 1;
}

/** Moves to the page after the current one, given that page's next_cursor. */
export function nextPage(s: CursorStack, nextCursor: string | undefined | null): CursorStack {
  if (!nextCursor) return s;
  return { cursors: [...s.cursors, nextCursor] };
}

export function previousPage(s: CursorStack): CursorStack {
  if (!hasPrevious(s)) return s;
  return { cursors: s.cursors.slice(0, -1) };
}

/**
 * Formats a list total: "1,234", or "10,000+" when the server stopped
 * counting at its cap. Null when the server did not count at all (too many
 * to count quickly, or the total was not asked for).
 */
export function formatTotal(total: number | undefined | null, capped: boolean | undefined, locale: string): string | null {
  if (total === undefined || total === null) return null;
  const n = new Intl.NumberFormat(locale).format(total);
  return capped ? `${n}+` : n;
}
