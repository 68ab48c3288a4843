import { describe, expect, it } from 'vitest';
import { buildTeamTree, teamPath, teamWithDescendants, treeIds, type TeamLike, type TeamNode } from './teamTree';

const t = (id: string, parent_id?: string, name = id.toUpperCase()): TeamLike => ({ id, name, parent_id });

const shape = (nodes: TeamNode<TeamLike>[]): unknown =>
  nodes.map((n) => ({ id: n.team.id, ...(n.cycle ? { cycle: true } : {}), ...(n.missingParent ? { missing: true } : {}), children: shape(n.children) }));

describe('team tree', () => {
  it('nests children under parents and sorts siblings by name', () => {
    const tree = buildTeamTree([t('b', 'root'), t('root'), t('a', 'root'), t('a1', 'a')]);
    expect(shape(tree)).toEqual([
      { id: 'root', children: [{ id: 'a', children: [{ id: 'a1', children: [] }] }, { id: 'b', children: [] }] },
    ]);
  });

  it('makes a team whose parent is missing a flagged root', () => {
    const tree = buildTeamTree([t('x', 'gone'), t('y', 'x')]);
    expect(shape(tree)).toEqual([{ id: 'x', missing: true, children: [{ id: 'y', children: [] }] }]);
  });

  it('cuts cycles so that every team appears exactly once', () => {
    const self = buildTeamTree([t('s', 's')]);
    expect(shape(self)).toEqual([{ id: 's', cycle: true, children: [] }]);

    // a -> b -> c -> a, and d hangs below c.
    const teams = [t('a', 'c'), t('b', 'a'), t('c', 'b'), t('d', 'c'), t('top')];
    const tree = buildTeamTree(teams);
    const ids = treeIds(tree);
    expect(ids.sort()).toEqual(['a', 'b', 'c', 'd', 'top']);
    expect(tree.filter((n) => n.cycle)).toHaveLength(1);
  });

  it('handles a long line without recursion', () => {
    const teams = Array.from({ length: 20000 }, (_, i) => t(`t${i}`, i ? `t${i - 1}` : undefined, `n${i}`));
    expect(treeIds(buildTeamTree(teams))).toHaveLength(20000);
  });

  it('lists ids parents first', () => {
    expect(treeIds(buildTeamTree([t('c', 'b'), t('b', 'a'), t('a')]))).toEqual(['a', 'b', 'c']);
  });
});

describe('team relatives', () => {
  const teams = [t('root'), t('a', 'root'), t('a1', 'a'), t('b', 'root'), t('loop1', 'loop2'), t('loop2', 'loop1')];

  it('finds a team and everything below it, even through a cycle', () => {
    expect([...teamWithDescendants(teams, 'a')].sort()).toEqual(['a', 'a1']);
    expect([...teamWithDescendants(teams, 'root')].sort()).toEqual(['a', 'a1', 'b', 'root']);
    expect([...teamWithDescendants(teams, 'loop1')].sort()).toEqual(['loop1', 'loop2']);
  });

  it('names the path from the top', () => {
    expect(teamPath(teams, 'a1')).toEqual(['ROOT', 'A', 'A1']);
    expect(teamPath(teams, 'loop1')).toEqual(['LOOP2', 'LOOP1']);
    expect(teamPath(teams, 'nope')).toEqual([]);
  });
});
