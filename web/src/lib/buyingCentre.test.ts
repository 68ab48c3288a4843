import { describe, expect, it } from 'vitest';
import { buildBuyingCentre } from './buyingCentre';

const c = (name: string, level: string, fn: string) => ({ name, level, function: fn });

describe('buildBuyingCentre', () => {
  it('shows every cell as a gap when there are no contacts', () => {
    const bc = buildBuyingCentre([]);
    expect(bc.gaps).toHaveLength(9);
    expect(bc.cells.decision.finance).toEqual([]);
  });

  it('places people by level and function and lists the remaining gaps', () => {
    const ceo = c('王总', 'decision', 'user');
    const cto = c('李工', 'decision', 'technical');
    const eng = c('赵工', 'operational', 'technical');
    const eng2 = c('钱工', 'operational', 'technical');
    const bc = buildBuyingCentre([ceo, cto, eng, eng2]);
    expect(bc.cells.decision.user).toEqual([ceo]);
    expect(bc.cells.operational.technical).toEqual([eng, eng2]);
    expect(bc.gaps).toHaveLength(6);
    expect(bc.gaps).toContainEqual({ level: 'decision', function: 'finance' });
    expect(bc.gaps).not.toContainEqual({ level: 'decision', function: 'user' });
    expect(bc.unplaced).toEqual([]);
  });

  it('keeps people with an unknown level or function aside instead of dropping them', () => {
    const odd = c('X', 'board', 'user');
    const bc = buildBuyingCentre([odd, c('Y', 'management', 'finance')]);
    expect(bc.unplaced).toEqual([odd]);
    expect(bc.gaps).toHaveLength(8);
  });

  it('has no gaps when all nine roles are covered', () => {
    const all = ['decision', 'management', 'operational'].flatMap((l) =>
      ['user', 'technical', 'finance'].map((f) => c(`${l}-${f}`, l, f)),
    );
    expect(buildBuyingCentre(all).gaps).toEqual([]);
  });
});
