// Personal API tokens: the example call shown next to them.

/** A shell-safe single-quoted string. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command that searches contacts by pinyin initials with token, at
 * origin (the address the UI is served from).
 */
export function curlExample(origin: string, token: string): string {
  const base = origin.replace(/\/+$/, '');
  return `curl -H ${shellQuote(`Authorization: Bearer ${token}`)} ${shellQuote(`${base}/api/v1/contacts?q=zs`)}`;
}
