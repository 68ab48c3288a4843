import { describe, expect, it } from 'vitest';
import { layoutNodes, nodeLabel, referralGraphOption, type GraphNode } from './referralGraph';

const tx = { hidden: 'outside', hiddenContact: 'person outside', revenue: (n: number) => `¥${n / 100}` };
const nodes: GraphNode[] = [
  { key: 'a:up', kind: 'account', name: 'Up', depth: -1 },
  { key: 'a:root', kind: 'account', name: 'Root', depth: 0, root: true, revenue: 500 },
  { key: 'hidden-1', kind: 'account', hidden: true, depth: 1 },
  { key: 'a:b', kind: 'account', name: 'B', depth: 1 },
  { key: 'c:z', kind: 'contact', name: '张三', account_key: 'a:b', depth: 1 },
];

describe('referral graph', () => {
  it('places referrers left and referred right, contacts by their account', () => {
    const pos = layoutNodes(nodes);
    expect(pos.get('a:up')!.x).toBeLessThan(pos.get('a:root')!.x);
    expect(pos.get('a:b')!.x).toBeGreaterThan(pos.get('a:root')!.x);
    expect(pos.get('c:z')!.y).toBeGreaterThan(pos.get('a:b')!.y);
  });
  it('never shows a hidden node by name', () => {
    expect(nodeLabel(nodes[2], tx)).toBe('outside');
    const opt = referralGraphOption(nodes, [{ from: 'a:root', to: 'hidden-1', kind: 'referral' }, { from: 'a:x', to: 'a:b', kind: 'referral' }], tx) as {
      series: { data: { name: string; tip: string }[]; links: unknown[] }[];
    };
    expect(opt.series[0].data.map((d) => d.name)).toContain('outside');
    expect(opt.series[0].data[1].tip).toBe('Root\n¥5');
    expect(opt.series[0].links).toHaveLength(1); // edges to unknown nodes are dropped
  });
});
