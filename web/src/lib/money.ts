// Money is integer minor units (fen) with a currency; it is never held as a
// float. These helpers convert what a person types to fen and back.

/** Parses "1,234.5" as 123450 fen; null for anything that is not a plain amount. */
export function parseYuan(input: string): number | null {
  const s = input.replace(/[,\s，]/g, '');
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + frac;
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] ? -fen : fen;
}

/** Formats fen as "1234.50" (no grouping), the form an input shows. */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats an amount for reading: "¥1,234.50" or "USD 1,234.50". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = new Intl.NumberFormat(locale).format(Math.trunc(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return `${sign}${symbol}${whole}.${cents}`;
}
