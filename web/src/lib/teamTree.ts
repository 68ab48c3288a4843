// The team hierarchy, built from each team's parent_id. Teams without a
// parent are roots; so are teams whose parent is not in the list (flagged
// missingParent). The server refuses moves that would make a cycle, but
// data may hold one: a cycle is cut at one member, which becomes a root
// flagged cycle, so every team appears exactly once. Siblings are sorted
// by name.

export interface TeamLike {
  id: string;
  name: string;
  parent_id?: string;
}

export interface TeamNode<T> {
  team: T;
  children: TeamNode<T>[];
  /** The team's parent is not among the teams. */
  missingParent?: boolean;
  /** The team is where a parent cycle was cut. */
  cycle?: boolean;
}

const byName = <T extends TeamLike>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildTeamTree<T extends TeamLike>(teams: readonly T[]): TeamNode<T>[] {
  const sorted = [...teams].sort(byName);
  const byId = new Map<string, T>();
  for (const t of sorted) byId.set(t.id, t);
  const children = new Map<string, T[]>();
  const pendingRoots: { t: T; flags: Partial<TeamNode<T>> }[] = [];
  for (const t of sorted) {
    const p = t.parent_id;
    if (!p) pendingRoots.push({ t, flags: {} });
    else if (p === t.id) pendingRoots.push({ t, flags: { cycle: true } });
    else if (!byId.has(p)) pendingRoots.push({ t, flags: { missingParent: true } });
    else {
      const list = children.get(p) ?? [];
      list.push(t);
      children.set(p, list);
    }
  }

  const placed = new Set<string>();
  // Iterative, so a deep hierarchy cannot overflow the stack.
  const grow = (t: T, flags: Partial<TeamNode<T>>): TeamNode<T> => {
    const root: TeamNode<T> = { team: t, children: [], ...flags };
    placed.add(t.id);
    const stack: TeamNode<T>[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      for (const c of children.get(node.team.id) ?? []) {
        if (placed.has(c.id)) continue;
        placed.add(c.id);
        const child: TeamNode<T> = { team: c, children: [] };
        node.children.push(child);
        stack.push(child);
      }
    }
    return root;
  };

  const roots = pendingRoots.map(({ t, flags }) => grow(t, flags));
  // Whatever is left sits in, or under, a cycle: walk up until a team
  // repeats; that team is on the cycle, cut it there.
  for (const t of sorted) {
    if (placed.has(t.id)) continue;
    const seen = new Set<string>();
    let p: T = t;
    while (!seen.has(p.id)) {
      seen.add(p.id);
      const parent = byId.get(p.parent_id ?? '');
      if (!parent || placed.has(parent.id)) break;
      p = parent;
    }
    roots.push(grow(p, { cycle: true }));
  }
  return roots;
}

/** The ids of a team and every team below it (cycle-safe). */
export function teamWithDescendants(teams: readonly TeamLike[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (!t.parent_id) continue;
    const list = children.get(t.parent_id) ?? [];
    list.push(t.id);
    children.set(t.parent_id, list);
  }
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/** Names from the top team down to id, e.g. ["销售中心", "华东销售部"]; stops at a cycle or a missing parent. */
export function teamPath(teams: readonly TeamLike[], id: string): string[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const path: string[] = [];
  const seen = new Set<string>();
  for (let t = byId.get(id); t && !seen.has(t.id); t = byId.get(t.parent_id ?? '')) {
    seen.add(t.id);
    path.unshift(t.name);
  }
  return path;
}

/** Every id in a forest, parents before children (for expanding a whole tree). */
export function treeIds<T extends TeamLike>(nodes: readonly TeamNode<T>[]): string[] {
  const out: string[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n.team.id);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
