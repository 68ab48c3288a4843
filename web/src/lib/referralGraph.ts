import type { ChartOption } from './analyticsCharts';

export type GraphNode = {
  key: string;
  kind: 'account' | 'contact';
  id?: string;
  account_key?: string;
  name?: string;
  hidden?: boolean;
  root?: boolean;
  depth: number;
  revenue?: number;
};
export type GraphEdge = { from: string; to: string; kind: 'referral' | 'member' };

/** Texts the graph needs, already translated. */
export type GraphTexts = { hidden: string; hiddenContact: string; revenue: (amount: number) => string };

const colWidth = 240;
const rowHeight = 90;

/**
 * Places nodes in columns by hops from the root (referrers left,
 * referred right) so the picture reads as a flow and stays the same
 * between renders, unlike a force layout.
 */
export function layoutNodes(nodes: GraphNode[]): Map<string, { x: number; y: number }> {
  const columns = new Map<number, GraphNode[]>();
  for (const n of nodes) {
    const col = columns.get(n.depth) ?? [];
    col.push(n);
    columns.set(n.depth, col);
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const [depth, col] of columns) {
    // Accounts first, each followed by its contacts.
    const accounts = col.filter((n) => n.kind === 'account');
    const ordered: GraphNode[] = [];
    for (const a of accounts) ordered.push(a, ...col.filter((c) => c.kind === 'contact' && c.account_key === a.key));
    for (const c of col) if (!ordered.includes(c)) ordered.push(c);
    ordered.forEach((n, i) => out.set(n.key, { x: depth * colWidth + (n.kind === 'contact' ? colWidth / 3 : 0), y: (i - (ordered.length - 1) / 2) * rowHeight }));
  }
  return out;
}

/** The label of a node: its name, or the anonymous text when hidden. */
export function nodeLabel(n: GraphNode, tx: GraphTexts): string {
  if (n.hidden) return n.kind === 'contact' ? tx.hiddenContact : tx.hidden;
  return n.name ?? '';
}

/** An ECharts graph series of the referral network. */
export function referralGraphOption(nodes: GraphNode[], edges: GraphEdge[], tx: GraphTexts): ChartOption {
  const pos = layoutNodes(nodes);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  return {
    // Drawn at once: a growing animation leaves screenshots (and slow
    // machines) with half-drawn nodes.
    animation: false,
    tooltip: {
      renderMode: 'richText',
      formatter: (p: { dataType?: string; data?: { tip?: string } }) => (p.dataType === 'node' ? p.data?.tip ?? '' : ''),
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        label: { show: true, position: 'bottom' },
        data: nodes.map((n) => {
          const label = nodeLabel(n, tx);
          const p = pos.get(n.key) ?? { x: 0, y: 0 };
          const tip = n.revenue != null ? `${label}\n${tx.revenue(n.revenue)}` : label;
          return {
            id: n.key,
            name: label,
            x: p.x,
            y: p.y,
            tip,
            symbol: n.kind === 'contact' ? 'circle' : 'roundRect',
            symbolSize: n.kind === 'contact' ? 14 : n.root ? 34 : 24,
            itemStyle: { color: n.hidden ? '#bfbfbf' : n.root ? '#fa541c' : n.kind === 'contact' ? '#13c2c2' : '#1677ff' },
          };
        }),
        links: edges
          .filter((e) => byKey.has(e.from) && byKey.has(e.to))
          .map((e) => ({
            source: e.from,
            target: e.to,
            lineStyle: e.kind === 'member' ? { type: 'dashed', color: '#91caff' } : { width: 2, color: '#8c8c8c' },
            symbol: e.kind === 'member' ? ['none', 'none'] : undefined,
          })),
      },
    ],
  };
}
