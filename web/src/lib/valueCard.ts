import type { Schemas } from '../api/client';
import type { MessageKey } from '../i18n/zh-CN';

// Helpers of the account's value card: what a score's band means and the
// colours of scores, segments, tiers and stages.

type Bands = Schemas['RFMBands'];
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Explains score s of dimension d from the run's bands: "R5: last order
 * 1-16 days ago (35 customers)". Empty when the band is unknown or empty.
 */
export function bandText(d: 'r' | 'f' | 'm', s: number, bands: Bands, t: Translate, money: (fen: number) => string): string {
  const list = d === 'r' ? bands.recency_days : d === 'f' ? bands.frequency : bands.monetary;
  const b = list?.find((x) => x.score === s);
  if (!b || b.customers === 0) return '';
  const range = (lo: string, hi: string) => (lo === hi ? lo : `${lo}–${hi}`);
  const values = d === 'm' ? range(money(b.min), money(b.max)) : range(String(b.min), String(b.max));
  return t(`value.band.${d}`, { score: s, values, customers: b.customers });
}

/** Green for 5 down to red for 1. */
export function scoreColor(s: number): string {
  return ['red', 'orange', 'gold', 'lime', 'green'][s - 1] ?? 'default';
}

const segmentColors: Record<string, string> = {
  champions: 'green', loyal: 'cyan', potential_loyalist: 'blue', new: 'geekblue', promising: 'purple',
  need_attention: 'gold', about_to_sleep: 'orange', at_risk: 'volcano', cant_lose_them: 'red', hibernating: 'default', lost: 'default',
};

export function segmentColor(segment: string): string {
  return segmentColors[segment] ?? 'default';
}

export function tierColor(tier: string): string {
  return { important: 'gold', fairly_important: 'blue', minor: 'cyan', unimportant: 'default', to_drop: 'red' }[tier] ?? 'default';
}

export function stageColor(stage: string): string {
  return { acquisition: 'green', growth: 'blue', maturity: 'cyan', decline: 'orange', exit: 'default' }[stage] ?? 'default';
}
