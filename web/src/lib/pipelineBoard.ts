// The pipeline board in the UI: columns of opportunity cards with their
// totals, moved optimistically while the server decides. Pure, so moving,
// reverting and undoing are unit-tested.

import type { Schemas } from '../api/client';

export type Opportunity = Schemas['Opportunity'];
export type PipelineStage = Schemas['PipelineStage'];
export type StageKind = PipelineStage['kind'];

export interface BoardColumn {
  stage: PipelineStage;
  count: number;
  amount: number;
  weighted: number;
  items: Opportunity[];
  nextCursor?: string;
}

export interface Board {
  columns: BoardColumn[];
}

/** The board of a GET /api/v1/pipeline answer. */
export function boardFrom(p: Schemas['Pipeline']): Board {
  return {
    columns: (p.columns ?? []).map((c) => ({
      stage: c.stage,
      count: c.count,
      amount: c.amount,
      weighted: c.weighted,
      items: c.items ?? [],
      nextCursor: c.next_cursor || undefined,
    })),
  };
}

/** amount x probability / 100, rounded as the server does. */
export function weightedAmount(amount: number, probability: number): number {
  return Math.round((amount * probability) / 100);
}

/** Whether a stage closes an opportunity (won or lost). */
export function isClosed(kind: StageKind | undefined): boolean {
  return kind === 'won' || kind === 'lost';
}

/** Where a card is: its column's index and the card. */
export function findCard(b: Board, id: string): { column: number; card: Opportunity } | undefined {
  for (let i = 0; i < b.columns.length; i++) {
    const card = b.columns[i].items.find((o) => o.id === id);
    if (card) return { column: i, card };
  }
  return undefined;
}

export type MoveCheck = 'ok' | 'same' | 'needsReason' | 'closedToClosed' | 'unknown';

/**
 * What moving card id to stage key needs, as the server will judge it:
 * closing needs a reason (unless the card has one), a closed card reopens
 * only into an open stage.
 */
export function checkMove(b: Board, id: string, key: string): MoveCheck {
  const from = findCard(b, id);
  const to = b.columns.find((c) => c.stage.key === key);
  if (!from || !to) return 'unknown';
  const fromStage = b.columns[from.column].stage;
  if (fromStage.key === key) return 'same';
  if (isClosed(fromStage.kind) && isClosed(to.stage.kind)) return 'closedToClosed';
  if (isClosed(to.stage.kind) && !from.card.win_loss_reason?.trim()) return 'needsReason';
  return 'ok';
}

function byClose(a: Opportunity, b: Opportunity): number {
  if (a.expected_close !== b.expected_close) return a.expected_close < b.expected_close ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The board with card id moved to stage key, its totals following. The
 * card becomes `updated` when given (the server's answer), else it takes
 * the stage and its probability. Unchanged when the card or stage is
 * unknown.
 */
export function moveCard(b: Board, id: string, key: string, updated?: Opportunity): Board {
  const from = findCard(b, id);
  const toIndex = b.columns.findIndex((c) => c.stage.key === key);
  if (!from || toIndex < 0) return b;
  const old = from.card;
  const to = b.columns[toIndex].stage;
  const card: Opportunity = updated ?? { ...old, stage: to.key, stage_kind: to.kind, probability: to.probability };
  const columns = b.columns.map((c, i) => {
    let { items, count, amount, weighted } = c;
    if (i === from.column) {
      items = items.filter((o) => o.id !== id);
      count -= 1;
      amount -= old.amount;
      weighted -= weightedAmount(old.amount, old.probability);
    }
    if (i === toIndex) {
      items = [...items, card].sort(byClose);
      count += 1;
      amount += card.amount;
      weighted += weightedAmount(card.amount, card.probability);
    }
    return items === c.items ? c : { ...c, items, count, amount, weighted };
  });
  return { columns };
}

/** The board with card id replaced by o (same column), e.g. after an edit. */
export function replaceCard(b: Board, o: Opportunity): Board {
  const at = findCard(b, o.id);
  if (!at) return b;
  return moveCard(b, o.id, b.columns[at.column].stage.key, o);
}

/** The board with more cards of a column appended (a next page). */
export function appendPage(b: Board, key: string, items: Opportunity[], nextCursor?: string): Board {
  return {
    columns: b.columns.map((c) => {
      if (c.stage.key !== key) return c;
      const seen = new Set(c.items.map((o) => o.id));
      return { ...c, items: [...c.items, ...items.filter((o) => !seen.has(o.id))], nextCursor: nextCursor || undefined };
    }),
  };
}

/** What undoing a move sends: back to the stage it came from, at the version the move produced. */
export interface UndoMove {
  id: string;
  toStage: string;
  version: number;
  winLossReason?: string;
}

/**
 * The undo of a move of `before` that the server answered with `after`.
 * Going back into a closed stage sends the reason the card had.
 */
export function undoOf(before: Opportunity, after: Opportunity): UndoMove {
  const u: UndoMove = { id: after.id, toStage: before.stage, version: after.version };
  if (isClosed(before.stage_kind) && before.win_loss_reason) u.winLossReason = before.win_loss_reason;
  return u;
}
