import { describe, expect, it } from 'vitest';
import { activeFilterCount, parseListParams, sameList, serializeListParams, toApiQuery, withParam } from './listQuery';

describe('list query in the URL', () => {
  it('keeps known parameters, drops unknown and empty ones and disallowed sorts', () => {
    const p = parseListParams('account', 'q=%E5%BC%A0&industry=finance&evil=1&region=&sort=-credit_limit&tag=VIP&tag=VIP&tag=A');
    expect(p).toEqual({ q: '张', industry: 'finance', tag: ['VIP', 'A'] });
  });
  it('keeps allowed sorts in both directions', () => {
    expect(parseListParams('contact', 'sort=-level').sort).toBe('-level');
    expect(parseListParams('contact', 'sort=hotness').sort).toBeUndefined();
  });
  it('serializes in a canonical order so saved views compare equal', () => {
    expect(serializeListParams('account', { sort: 'name', q: 'a b' })).toBe('q=a+b&sort=name');
    expect(sameList('account', 'sort=name&q=x', 'q=x&sort=name&cursor=abc')).toBe(true);
    expect(sameList('account', 'q=x', 'q=y')).toBe(false);
  });
  it('changes and removes single parameters', () => {
    expect(withParam({ q: 'x' }, 'q', '')).toEqual({});
    expect(withParam({}, 'tag', ['a'])).toEqual({ tag: ['a'] });
  });
  it('turns hotness_min into a number for the API and drops nonsense', () => {
    expect(toApiQuery({ hotness_min: '40' })).toEqual({ hotness_min: 40 });
    expect(toApiQuery({ hotness_min: 'x' })).toEqual({});
  });
  it('counts the filters hidden behind "more filters"', () => {
    const p = parseListParams('account', 'q=x&sort=name&deleted=only&industry=finance&region=a&tag=1&tag=2');
    expect(activeFilterCount(p)).toBe(3);
    expect(activeFilterCount(p, ['industry', 'tag'])).toBe(1);
  });

  it('only knows the recycle bin as deleted=only', () => {
    expect(parseListParams('account', 'deleted=include')).toEqual({});
    expect(parseListParams('account', 'deleted=only')).toEqual({ deleted: 'only' });
  });
});
