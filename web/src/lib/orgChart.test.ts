import { describe, expect, it } from 'vitest';
import { buildOrgTree, countNodes, type OrgNode } from './orgChart';

type P = { id: string; reports_to_id?: string };
const p = (id: string, reports_to_id?: string): P => ({ id, reports_to_id });
const shape = (nodes: OrgNode<P>[]): unknown =>
  nodes.map((n) => ({
    id: n.contact.id,
    ...(n.cycle ? { cycle: true } : {}),
    ...(n.missingManager ? { missing: true } : {}),
    ...(n.children.length ? { children: shape(n.children) } : {}),
  }));

describe('buildOrgTree', () => {
  it('puts people without a manager at the top level with their reports below', () => {
    const tree = buildOrgTree([p('ceo'), p('cto', 'ceo'), p('dev', 'cto'), p('cfo', 'ceo'), p('solo')]);
    expect(shape(tree)).toEqual([
      { id: 'ceo', children: [{ id: 'cto', children: [{ id: 'dev' }] }, { id: 'cfo' }] },
      { id: 'solo' },
    ]);
  });

  it('keeps the input order among siblings', () => {
    const tree = buildOrgTree([p('b', 'm'), p('m'), p('a', 'm')]);
    expect(shape(tree)).toEqual([{ id: 'm', children: [{ id: 'b' }, { id: 'a' }] }]);
  });

  it('lifts people whose manager is missing to the top level, flagged', () => {
    const tree = buildOrgTree([p('a', 'gone'), p('b', 'a')]);
    expect(shape(tree)).toEqual([{ id: 'a', missing: true, children: [{ id: 'b' }] }]);
  });

  it('survives a two-person cycle and shows both people once', () => {
    const tree = buildOrgTree([p('a', 'b'), p('b', 'a')]);
    expect(countNodes(tree)).toBe(2);
    expect(tree).toHaveLength(1);
    expect(tree[0].cycle).toBe(true);
    expect(tree[0].children).toHaveLength(1);
  });

  it('survives a self-reference', () => {
    expect(shape(buildOrgTree([p('a', 'a')]))).toEqual([{ id: 'a', cycle: true }]);
  });

  it('keeps people who report into a cycle under it', () => {
    const tree = buildOrgTree([p('x', 'a'), p('a', 'b'), p('b', 'c'), p('c', 'a'), p('root')]);
    expect(countNodes(tree)).toBe(5);
    expect(tree).toHaveLength(2);
    const cyc = tree.find((n) => n.cycle)!;
    expect(['a', 'b', 'c']).toContain(cyc.contact.id);
    const ids: string[] = [];
    const walk = (n: OrgNode<P>) => {
      ids.push(n.contact.id);
      n.children.forEach(walk);
    };
    walk(cyc);
    expect(ids.sort()).toEqual(['a', 'b', 'c', 'x']);
  });

  it('handles a long reporting line without recursion limits', () => {
    const people = [p('0')];
    for (let i = 1; i < 20000; i++) people.push(p(String(i), String(i - 1)));
    expect(countNodes(buildOrgTree(people))).toBe(20000);
  });
});
