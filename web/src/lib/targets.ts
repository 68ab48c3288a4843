/** Month (2026-11) or quarter (2026-Q4) keys, as the targets API reads them. */
export type PeriodKind = 'month' | 'quarter';

export function periodOf(kind: PeriodKind, d: Date): string {
  const y = d.getFullYear();
  const m = d.getMonth() + 1;
  return kind === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** The period n steps before (negative) or after a period of its kind. */
export function shiftPeriod(period: string, n: number): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const i = Number(q[1]) * 4 + Number(q[2]) - 1 + n;
    return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const i = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function kindOf(period: string): PeriodKind {
  return period.includes('-Q') ? 'quarter' : 'month';
}

/** The percent a progress bar shows (0-100) and its status colour. */
export function progressOf(percent: number | undefined): { value: number; status: 'success' | 'normal' | 'exception' } {
  if (percent == null) return { value: 0, status: 'normal' };
  return { value: Math.min(100, Math.max(0, percent)), status: percent >= 100 ? 'success' : percent < 50 ? 'exception' : 'normal' };
}

/** Yuan typed into a form, to minor units; undefined if not a valid amount. */
export function yuanToMinor(yuan: number | null | undefined): number | undefined {
  if (yuan == null || !Number.isFinite(yuan) || yuan < 0) return undefined;
  return Math.round(yuan * 100);
}
