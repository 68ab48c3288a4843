// Helpers of the public pool (公海) page and of pool moves in the history.

export type Allowance = { limit: number; claimed: number; remaining: number };

/** How the claim allowance should look: none left, few left, or plenty. */
export function allowanceLevel(a: Allowance): 'none' | 'low' | 'ok' {
  if (a.remaining <= 0) return 'none';
  if (a.remaining <= Math.max(1, Math.floor(a.limit / 5))) return 'low';
  return 'ok';
}

/**
 * Splits the reason of a pool move from the history ("released", or
 * "no_follow_up:30" with the workspace's pool_days at the time).
 */
export function poolReason(value: string): { reason: 'released' | 'no_follow_up' | 'other'; days?: number } {
  if (value === 'released') return { reason: 'released' };
  const m = /^no_follow_up:(\d+)$/.exec(value);
  if (m) return { reason: 'no_follow_up', days: Number(m[1]) };
  return { reason: 'other' };
}

/** Whole days between an instant and now (0 for the future or nothing). */
export function daysSince(iso: string | undefined | null, now: Date = new Date()): number {
  if (!iso) return 0;
  const ms = now.getTime() - new Date(iso).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 86_400_000) : 0;
}

/** Roles that see the pool and may claim from it (the server decides too). */
export function canUsePool(role: string): boolean {
  return role === 'sales' || role === 'manager' || role === 'admin';
}
