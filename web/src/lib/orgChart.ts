// The org chart of an account, built from each contact's reports_to_id.
// People without a manager are roots; so are people whose manager is not
// among the contacts (deleted, hidden, or at another account), flagged
// missingManager. Reporting cycles (A -> B -> A) cannot come from the API
// today, but data may hold them: a cycle is broken at one member, which
// becomes a root flagged cycle, so every contact appears exactly once.

export interface OrgPerson {
  id: string;
  reports_to_id?: string;
}

export interface OrgNode<T> {
  contact: T;
  children: OrgNode<T>[];
  /** The person's manager is not among the contacts. */
  missingManager?: boolean;
  /** The person is where a reporting cycle was cut. */
  cycle?: boolean;
}

export function buildOrgTree<T extends OrgPerson>(contacts: readonly T[]): OrgNode<T>[] {
  const byId = new Map<string, T>();
  for (const c of contacts) byId.set(c.id, c);
  const reports = new Map<string, T[]>();
  const roots: OrgNode<T>[] = [];
  const pendingRoots: { c: T; flags: Partial<OrgNode<T>> }[] = [];

  for (const c of contacts) {
    const m = c.reports_to_id;
    if (!m) pendingRoots.push({ c, flags: {} });
    else if (m === c.id) pendingRoots.push({ c, flags: { cycle: true } });
    else if (!byId.has(m)) pendingRoots.push({ c, flags: { missingManager: true } });
    else {
      const list = reports.get(m) ?? [];
      list.push(c);
      reports.set(m, list);
    }
  }

  const placed = new Set<string>();
  // Iterative depth-first build, so a long reporting line cannot overflow the stack.
  const grow = (c: T, flags: Partial<OrgNode<T>>): OrgNode<T> => {
    const root: OrgNode<T> = { contact: c, children: [], ...flags };
    placed.add(c.id);
    const stack: OrgNode<T>[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      for (const r of reports.get(node.contact.id) ?? []) {
        if (placed.has(r.id)) continue;
        placed.add(r.id);
        const child: OrgNode<T> = { contact: r, children: [] };
        node.children.push(child);
        stack.push(child);
      }
    }
    return root;
  };

  for (const { c, flags } of pendingRoots) roots.push(grow(c, flags));

  // Whoever is left sits in, or under, a cycle. Walk up from them until a
  // person repeats: that person is on the cycle; cut it there.
  for (const c of contacts) {
    if (placed.has(c.id)) continue;
    const seen = new Set<string>();
    let p: T = c;
    while (!seen.has(p.id)) {
      seen.add(p.id);
      const m = byId.get(p.reports_to_id ?? '');
      if (!m || placed.has(m.id)) break;
      p = m;
    }
    roots.push(grow(p, { cycle: true }));
  }
  return roots;
}

/** Counts the people in a forest (for tests and summaries). */
export function countNodes<T>(nodes: readonly OrgNode<T>[]): number {
  let n = 0;
  const stack = [...nodes];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    stack.push(...x.children);
  }
  return n;
}
