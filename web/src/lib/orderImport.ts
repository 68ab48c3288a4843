import { isApiError, type FieldError } from '../api/errors';
import type { Schemas } from '../api/client';

export type ImportSummary = Schemas['OrderImportSummary'];

/** One problem of an import file, as the error table shows it. */
export interface ImportProblem {
  key: string;
  /** Line of the CSV; 0 for the file as a whole. */
  line: number;
  /** The column's name ("" for the whole row or file). */
  column: string;
  reason: string;
  message: string;
}

/** Where an import stands after the server answered a dry run or an import. */
export type ImportOutcome =
  | { kind: 'summary'; summary: ImportSummary }
  | { kind: 'problems'; problems: ImportProblem[]; total: number }
  | { kind: 'error'; error: unknown };

/**
 * Turns the answer of POST /orders/import into what the import drawer
 * shows: the summary, the table of row problems (422 with lines), or any
 * other error (403, 413, network) for a banner.
 */
export function importOutcome(result: { summary: ImportSummary } | { error: unknown }): ImportOutcome {
  if ('summary' in result) return { kind: 'summary', summary: result.summary };
  const e = result.error;
  if (isApiError(e) && e.status === 422 && e.fieldErrors.length > 0) {
    const problems = problemRows(e.fieldErrors);
    return { kind: 'problems', problems, total: Math.max(e.problem?.error_count ?? 0, problems.length) };
  }
  return { kind: 'error', error: e };
}

/** The problems in line order, each with a stable key; "file" is not a column. */
export function problemRows(errors: FieldError[]): ImportProblem[] {
  return errors
    .map((f, i) => ({
      key: `${i}`,
      line: f.line ?? 0,
      column: f.field === 'file' ? '' : f.field,
      reason: f.reason,
      message: f.message,
    }))
    .sort((a, b) => a.line - b.line || Number(a.key) - Number(b.key));
}

/** A dry run may be committed only when it found something to write. */
export function canCommit(o: ImportOutcome | null): boolean {
  return o?.kind === 'summary' && o.summary.dry_run && o.summary.created + o.summary.updated > 0;
}

/** Accepts files that look like CSV by name or type. */
export function isCsvFile(f: { name: string; type: string }): boolean {
  return /\.csv$/i.test(f.name) || f.type === 'text/csv' || f.type === 'application/vnd.ms-excel';
}
