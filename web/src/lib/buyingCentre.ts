import { contactFunctions, contactLevels, type ContactFunction, type ContactLevel } from '../i18n/enums';

// The buying centre (采购决策矩阵): who at the account sits at each level
// (decision, management, operational) of each function (user, technical,
// finance). Empty cells are gaps: roles in the purchase nobody covers yet.

export interface Placed {
  level: string;
  function: string;
}

export type Grid<T> = Record<ContactLevel, Record<ContactFunction, T[]>>;

export interface BuyingCentre<T> {
  cells: Grid<T>;
  gaps: { level: ContactLevel; function: ContactFunction }[];
  /** Contacts whose level or function is not a known value. */
  unplaced: T[];
}

export function buildBuyingCentre<T extends Placed>(contacts: readonly T[]): BuyingCentre<T> {
  const cells = {} as Grid<T>;
  for (const l of contactLevels) {
    cells[l] = { user: [], technical: [], finance: [] };
  }
  const unplaced: T[] = [];
  for (const c of contacts) {
    const row = cells[c.level as ContactLevel];
    const cell = row?.[c.function as ContactFunction];
    if (cell) cell.push(c);
    else unplaced.push(c);
  }
  const gaps: BuyingCentre<T>['gaps'] = [];
  for (const level of contactLevels) {
    for (const fn of contactFunctions) {
      if (cells[level][fn].length === 0) gaps.push({ level, function: fn });
    }
  }
  return { cells, gaps, unplaced };
}
