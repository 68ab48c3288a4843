import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { canCommit, importOutcome, isCsvFile, problemRows, type ImportSummary } from './orderImport';

const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({
  dry_run: true,
  created: 2,
  updated: 1,
  unchanged: 0,
  lines: 5,
  accounts: 2,
  matched_by: { id: 1, credit_code: 0, name: 1 },
  encoding: 'UTF-8',
  ignored_columns: [],
  ...over,
});

describe('order import outcome', () => {
  it('shows a summary and allows committing a dry run with changes', () => {
    const o = importOutcome({ summary: summary() });
    expect(o.kind).toBe('summary');
    expect(canCommit(o)).toBe(true);
    expect(canCommit(importOutcome({ summary: summary({ created: 0, updated: 0, unchanged: 3 }) }))).toBe(false);
    expect(canCommit(importOutcome({ summary: summary({ dry_run: false }) }))).toBe(false);
    expect(canCommit(null)).toBe(false);
  });

  it('turns a 422 into problem rows in line order, with the total', () => {
    const e = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'invalid',
      detail: '3 problems in the file; nothing was imported.',
      error_count: 1200,
      errors: [
        { field: 'quantity', reason: 'out_of_range', message: '"-1" must be between 1 and 1000000000', line: 7 },
        { field: 'account', reason: 'unknown_value', message: 'not an account', line: 3 },
        { field: '', reason: 'malformed', message: 'truncated', line: 9 },
      ],
    });
    const o = importOutcome({ error: e });
    expect(o.kind).toBe('problems');
    if (o.kind !== 'problems') return;
    expect(o.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'account'],
      [7, 'quantity'],
      [9, ''],
    ]);
    expect(o.total).toBe(1200);
    expect(canCommit(o)).toBe(false);
  });

  it('keeps other errors for a banner', () => {
    expect(importOutcome({ error: new ApiError(403) }).kind).toBe('error');
    expect(importOutcome({ error: new ApiError(413) }).kind).toBe('error');
    expect(importOutcome({ error: new ApiError(422, { type: 'x', title: 'x', status: 422, code: 'invalid', detail: 'x' }) }).kind).toBe('error');
  });

  it('does not show "file" as a column', () => {
    expect(problemRows([{ field: 'file', reason: 'too_large', message: 'too big' }])[0]).toMatchObject({ line: 0, column: '' });
  });

  it('recognises CSV files', () => {
    expect(isCsvFile({ name: 'orders.CSV', type: '' })).toBe(true);
    expect(isCsvFile({ name: 'orders.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBe(false);
  });
});
