import { describe, expect, it } from 'vitest';
import { appendPage, boardFrom, checkMove, findCard, moveCard, replaceCard, undoOf, weightedAmount, type Opportunity } from './pipelineBoard';

const stage = (key: string, position: number, kind: 'open' | 'won' | 'lost', probability: number) => ({ key, name: key, position, kind, probability });
const opp = (id: string, stageKey: string, amount: number, probability: number, close: string, extra: Partial<Opportunity> = {}): Opportunity =>
  ({
    id,
    account_id: 'a',
    account_name: 'Acme',
    name: id,
    stage: stageKey,
    stage_kind: stageKey === 'won' ? 'won' : stageKey === 'lost' ? 'lost' : 'open',
    amount,
    probability,
    expected_close: close,
    currency: 'CNY',
    version: 1,
    win_loss_reason: '',
    ...extra,
  }) as Opportunity;

const board = () =>
  boardFrom({
    currency: 'CNY',
    columns: [
      { stage: stage('proposal', 1, 'open', 40), count: 2, amount: 300, weighted: 120, items: [opp('a', 'proposal', 100, 40, '2026-01-01'), opp('b', 'proposal', 200, 40, '2026-02-01')], next_cursor: '' },
      { stage: stage('selection', 2, 'open', 60), count: 1, amount: 1000, weighted: 600, items: [opp('c', 'selection', 1000, 60, '2026-01-15')], next_cursor: 'cur' },
      { stage: stage('won', 3, 'won', 100), count: 0, amount: 0, weighted: 0, items: null, next_cursor: '' },
      { stage: stage('lost', 4, 'lost', 0), count: 1, amount: 50, weighted: 0, items: [opp('d', 'lost', 50, 0, '2025-12-01', { win_loss_reason: 'price' })], next_cursor: '' },
    ],
  });

describe('pipeline board', () => {
  it('reads the server answer', () => {
    const b = board();
    expect(b.columns[1].nextCursor).toBe('cur');
    expect(b.columns[0].nextCursor).toBeUndefined();
    expect(b.columns[2].items).toEqual([]);
  });

  it('moves a card with its totals, sorted by expected close', () => {
    const b = moveCard(board(), 'b', 'selection');
    expect(b.columns[0]).toMatchObject({ count: 1, amount: 100, weighted: 40 });
    expect(b.columns[1]).toMatchObject({ count: 2, amount: 1200, weighted: 600 + 120 });
    expect(b.columns[1].items.map((o) => o.id)).toEqual(['c', 'b']);
    expect(findCard(b, 'b')?.card).toMatchObject({ stage: 'selection', probability: 60 });
    // Moving back restores the original board's figures.
    const back = moveCard(b, 'b', 'proposal');
    expect(back.columns[0]).toMatchObject({ count: 2, amount: 300, weighted: 120 });
    expect(back.columns[1]).toMatchObject({ count: 1, amount: 1000, weighted: 600 });
  });

  it('leaves the board alone for unknown cards or stages', () => {
    const b = board();
    expect(moveCard(b, 'zz', 'won')).toBe(b);
    expect(moveCard(b, 'a', 'nope')).toBe(b);
  });

  it('takes the server version of a moved card', () => {
    const server = opp('a', 'won', 100, 100, '2026-01-01', { version: 2, win_loss_reason: 'fit' });
    const b = moveCard(board(), 'a', 'won', server);
    expect(b.columns[2].items[0]).toBe(server);
    expect(b.columns[2].weighted).toBe(100);
  });

  it('knows what a move needs', () => {
    const b = board();
    expect(checkMove(b, 'a', 'selection')).toBe('ok');
    expect(checkMove(b, 'a', 'proposal')).toBe('same');
    expect(checkMove(b, 'a', 'won')).toBe('needsReason');
    expect(checkMove(b, 'd', 'won')).toBe('closedToClosed');
    expect(checkMove(b, 'd', 'proposal')).toBe('ok');
    expect(checkMove(b, 'x', 'proposal')).toBe('unknown');
  });

  it('undoes into the stage the card came from, with its reason when that was closed', () => {
    const before = findCard(board(), 'd')!.card;
    const after = opp('d', 'proposal', 50, 40, '2025-12-01', { version: 2, win_loss_reason: 'price' });
    expect(undoOf(before, after)).toEqual({ id: 'd', toStage: 'lost', version: 2, winLossReason: 'price' });
    const open = findCard(board(), 'a')!.card;
    expect(undoOf(open, { ...open, stage: 'selection', version: 2 })).toEqual({ id: 'a', toStage: 'proposal', version: 2 });
  });

  it('appends next pages without duplicates and replaces edited cards', () => {
    let b = appendPage(board(), 'selection', [opp('c', 'selection', 1000, 60, '2026-01-15'), opp('e', 'selection', 5, 60, '2026-03-01')]);
    expect(b.columns[1].items.map((o) => o.id)).toEqual(['c', 'e']);
    expect(b.columns[1].nextCursor).toBeUndefined();
    b = replaceCard(b, opp('a', 'proposal', 500, 40, '2026-01-01', { version: 2 }));
    expect(b.columns[0]).toMatchObject({ count: 2, amount: 700, weighted: 200 + 80 });
  });

  it('weights amounts', () => {
    expect(weightedAmount(12345, 40)).toBe(4938);
  });
});
