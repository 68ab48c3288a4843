import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, formatTotal, hasPrevious, nextPage, pageNumber, previousPage } from './cursorStack';

describe('cursor stack pagination', () => {
  it('starts on page 1 with no cursor', () => {
    expect(currentCursor(firstPage)).toBe('');
    expect(pageNumber(firstPage)).toBe(1);
    expect(hasPrevious(firstPage)).toBe(false);
  });

  it('goes forward with next_cursor and back to the cursors it came from', () => {
    let s = nextPage(firstPage, 'c2');
    s = nextPage(s, 'c3');
    expect(currentCursor(s)).toBe('c3');
    expect(pageNumber(s)).toBe(3);
    s = previousPage(s);
    expect(currentCursor(s)).toBe('c2');
    s = previousPage(s);
    expect(currentCursor(s)).toBe('');
    expect(previousPage(s)).toBe(s);
  });

  it('does not move past the last page', () => {
    expect(nextPage(firstPage, '')).toBe(firstPage);
    expect(nextPage(firstPage, undefined)).toBe(firstPage);
  });

  it('formats totals, with a plus when the count was capped', () => {
    expect(formatTotal(10000, true, 'en')).toBe('10,000+');
    expect(formatTotal(1234, false, 'zh-CN')).toBe('1,234');
    expect(formatTotal(0, undefined, 'en')).toBe('0');
  });

  it('formats nothing when the server did not count', () => {
    expect(formatTotal(undefined, true, 'en')).toBeNull();
    expect(formatTotal(undefined, undefined, 'zh-CN')).toBeNull();
  });
});
