import type { Schemas } from '../api/client';

// ECharts options for the analytics pages, built from the API's shapes by
// pure functions so that tests can check what each chart shows. Tooltips
// use renderMode "richText" (drawn on the canvas): HTML tooltips carry
// inline styles that our Content-Security-Policy blocks.

export type ChartOption = Record<string, unknown>;
/** What a click on a chart element reports. */
export type ChartClick = { name: string; data: unknown; seriesIndex: number; dataIndex: number };
/** Translates an identifier (segment, tier, stage) to its label. */
export type Labeler = (key: string) => string;

type GroupStat = Schemas['GroupStat'];
type GridCell = Schemas['GridCell'];
type Bucket = Schemas['Bucket'];
type ParetoPoint = Schemas['ParetoPoint'];

const tooltip = { renderMode: 'richText', confine: true };
const palette = ['#1668dc', '#52c41a', '#faad14', '#13c2c2', '#722ed1', '#eb2f96', '#fa541c', '#2f54eb', '#a0d911', '#fadb14', '#8c8c8c', '#595959'];

/** A link to the account list filtered by score. */
export function accountsLink(filter: Record<string, string | number>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) sp.set(k, String(v));
  return `/accounts?${sp.toString()}`;
}

/** "¥1.2万" / "¥12K": an amount in fen for an axis or a label. */
export function compactYuan(fen: number, locale: string): string {
  return `¥${new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(fen / 100)}`;
}

export function percent(v: number, digits = 0): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/**
 * The recency x frequency heat map: rows R5 (recent) to R1, columns F1 to
 * F5, each cell the number of customers; a click opens the cell's accounts.
 */
export function rfmHeatmapOption(grid: (GridCell[] | null)[] | null, labels: { r: string; f: string; customers: string }): ChartOption {
  const data: [number, number, number][] = [];
  let most = 0;
  for (let r = 0; r < 5; r++) {
    for (let f = 0; f < 5; f++) {
      const n = grid?.[r]?.[f]?.customers ?? 0;
      data.push([f, r, n]);
      most = Math.max(most, n);
    }
  }
  return {
    tooltip: { ...tooltip, formatter: (p: { value: [number, number, number] }) => `R${p.value[1] + 1} · F${p.value[0] + 1}\n${labels.customers}: ${p.value[2]}` },
    grid: { left: 56, right: 16, top: 16, bottom: 72 },
    xAxis: { type: 'category', name: labels.f, nameLocation: 'middle', nameGap: 28, data: ['F1', 'F2', 'F3', 'F4', 'F5'], splitArea: { show: true } },
    yAxis: { type: 'category', name: labels.r, nameLocation: 'middle', nameGap: 40, data: ['R1', 'R2', 'R3', 'R4', 'R5'], splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(most, 1), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#1668dc'] } },
    series: [{ type: 'heatmap', data, label: { show: true }, emphasis: { itemStyle: { borderColor: '#001529', borderWidth: 1 } } }],
  };
}

/** The R and F scores of a heat map cell click. */
export function rfmCellOf(click: ChartClick): { r_score: number; f_score: number } | null {
  const v = click.data as [number, number, number] | undefined;
  if (!Array.isArray(v)) return null;
  return { r_score: v[1] + 1, f_score: v[0] + 1 };
}

/** Horizontal bars of groups (segments, tiers), first group on top; each bar carries its key. */
export function groupBarsOption(groups: GroupStat[] | null, label: Labeler, names: { customers: string }): ChartOption {
  const rows = [...(groups ?? [])].reverse();
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}\n${names.customers}: ${p.value}` },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((g) => label(g.key)) },
    series: [
      {
        type: 'bar',
        data: rows.map((g, i) => ({ value: g.customers, key: g.key, itemStyle: { color: palette[(rows.length - 1 - i) % palette.length] } })),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** The key a group bar or funnel slice carries. */
export function keyOf(click: ChartClick): string | null {
  const d = click.data as { key?: string } | undefined;
  return d && typeof d.key === 'string' ? d.key : null;
}

/**
 * The Pareto curve: share of customers (best first) against their share
 * of the total, with the line of equality for reference.
 */
export function paretoOption(curve: ParetoPoint[] | null, names: { customers: string; value: string; equal: string }): ChartOption {
  const points = (curve ?? []).map((p) => [round(p.customer_share * 100), round(p.value_share * 100)]);
  return {
    tooltip: { ...tooltip, trigger: 'axis', formatter: (ps: { value: [number, number] }[]) => (ps[0] ? `${names.customers}: ${ps[0].value[0]}%\n${names.value}: ${ps[0].value[1]}%` : '') },
    legend: { bottom: 0, data: [names.value, names.equal] },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'value', min: 0, max: 100, name: names.customers, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'value', min: 0, name: names.value, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: names.value, type: 'line', showSymbol: false, smooth: false, areaStyle: { opacity: 0.12 }, data: points },
      { name: names.equal, type: 'line', showSymbol: false, lineStyle: { type: 'dashed', color: '#bfbfbf' }, itemStyle: { color: '#bfbfbf' }, data: [[0, 0], [100, 100]] },
    ],
  };
}

/** The lifecycle funnel, acquisition to exit, in stage order. */
export function funnelOption(stages: GroupStat[] | null, label: Labeler, names: { customers: string }): ChartOption {
  const rows = stages ?? [];
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}\n${names.customers}: ${p.value}` },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '40%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data: rows.map((g, i) => ({ name: label(g.key), value: g.customers, key: g.key, itemStyle: { color: ['#52c41a', '#1668dc', '#13c2c2', '#faad14', '#8c8c8c'][i % 5] } })),
      },
    ],
  };
}

/** Bars of a histogram whose buckets the caller names. */
export function histogramOption(buckets: Bucket[] | null, bucketName: (b: Bucket) => string, names: { customers: string }, color = '#1668dc'): ChartOption {
  const rows = buckets ?? [];
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}\n${names.customers}: ${p.value}` },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map(bucketName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: rows.map((b) => b.customers), itemStyle: { color }, label: { show: rows.length <= 12, position: 'top' } }],
  };
}

/** "¥200–¥500" for a CLV bucket in fen; "≥ ¥1万" for the open last one. */
export function clvBucketName(b: Bucket, locale: string): string {
  return b.upper === null ? `≥ ${compactYuan(b.lower, locale)}` : `${compactYuan(b.lower, locale)}–${compactYuan(b.upper, locale)}`;
}

/** The Markov transition matrix as a heat map: rows from, columns to. */
export function markovOption(states: string[] | null, p: (number[] | null)[] | null, label: Labeler, names: { from: string; to: string }): ChartOption {
  const s = states ?? [];
  const data: [number, number, number][] = [];
  s.forEach((_, i) => s.forEach((__, j) => data.push([j, i, round((p?.[i]?.[j] ?? 0) * 100)])));
  return {
    tooltip: { ...tooltip, formatter: (x: { value: [number, number, number] }) => `${label(s[x.value[1]])} → ${label(s[x.value[0]])}\n${x.value[2]}%` },
    grid: { left: 8, right: 16, top: 36, bottom: 64, containLabel: true },
    xAxis: { type: 'category', name: names.to, nameLocation: 'middle', nameGap: 90, data: s.map(label), axisLabel: { interval: 0, rotate: 40 } },
    // Rows read top-down in segment order, like a matrix.
    yAxis: { type: 'category', name: names.from, inverse: true, data: s.map(label), axisLabel: { interval: 0 } },
    visualMap: { min: 0, max: 100, show: false, inRange: { color: ['#ffffff', '#722ed1'] } },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (x: { value: [number, number, number] }) => (x.value[2] >= 1 ? `${x.value[2]}` : '') } }],
  };
}

/** The forecast segment mix, one stacked bar per period. */
export function mixForecastOption(states: string[] | null, mix: (number[] | null)[] | null, label: Labeler, periodName: (k: number) => string): ChartOption {
  const s = states ?? [];
  const rows = mix ?? [];
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: (x: { seriesName: string; name: string; value: number }) => `${x.name} · ${x.seriesName}: ${x.value}` },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: rows.map((_, k) => periodName(k)) },
    yAxis: { type: 'value' },
    series: s.map((state, j) => ({
      name: label(state),
      type: 'bar',
      stack: 'mix',
      itemStyle: { color: palette[j % palette.length] },
      data: rows.map((row) => round(row?.[j] ?? 0)),
    })),
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

type GrowthMatrix = Schemas['GrowthMatrix'];
type StrategyPosition = Schemas['StrategyPosition'];

/** The four cells of a growth matrix, in reading order. */
export const growthCells = ['retention', 'cross_sell', 'acquisition', 'diversification'] as const;

/**
 * The customer growth matrix as a 2 x 2 heat map: columns existing/new
 * products, rows existing/new customers, each cell its revenue.
 */
export function growthOption(m: GrowthMatrix, names: { cell: (k: (typeof growthCells)[number]) => string; customers: string; products: [string, string]; customerRows: [string, string] }, locale: string): ChartOption {
  const cells: [number, number, number, string, number][] = [
    [0, 0, m.retention.revenue, names.cell('retention'), m.retention.customers],
    [1, 0, m.cross_sell.revenue, names.cell('cross_sell'), m.cross_sell.customers],
    [0, 1, m.acquisition.revenue, names.cell('acquisition'), m.acquisition.customers],
    [1, 1, m.diversification.revenue, names.cell('diversification'), m.diversification.customers],
  ];
  const most = Math.max(1, ...cells.map((c) => c[2]));
  return {
    tooltip: { ...tooltip, formatter: (p: { value: [number, number, number, string, number] }) => `${p.value[3]}\n${compactYuan(p.value[2], locale)} · ${names.customers}: ${p.value[4]}` },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names.products, position: 'top', splitArea: { show: true } },
    yAxis: { type: 'category', data: names.customerRows, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: most, dimension: 2, show: false, inRange: { color: ['#f6ffed', '#73d13d'] } },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: { show: true, formatter: (p: { value: [number, number, number, string, number] }) => `${p.value[3]}\n${compactYuan(p.value[2], locale)}\n${names.customers} ${p.value[4]}`, lineHeight: 20 },
      },
    ],
  };
}

/**
 * The strategy matrix: information completeness (x) against
 * personalisation (y), split at the threshold into four quadrants; the
 * company is the large point, each segment a small one.
 */
export function strategyOption(company: StrategyPosition, segments: StrategyPosition[] | null, threshold: number, names: { information: string; personalisation: string; company: string; quadrant: (q: string) => string; segment: Labeler }): ChartOption {
  const point = (p: StrategyPosition, name: string) => ({ name, value: [round(p.information * 100), round(p.personalisation * 100), p.customers] });
  const t = threshold * 100;
  const q = (x: number, y: number, key: string) => ({ coord: [x, y], name: names.quadrant(key) });
  return {
    tooltip: { ...tooltip, trigger: 'item', formatter: (p: { name: string; value: [number, number, number] }) => `${p.name}\n${names.information}: ${p.value[0]}%\n${names.personalisation}: ${p.value[1]}%` },
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'value', min: 0, max: 100, name: names.information, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'value', min: 0, max: 100, name: names.personalisation, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'scatter',
        symbolSize: 12,
        itemStyle: { color: '#1668dc', opacity: 0.7 },
        // Segments often sit close together: their names show on hover.
        label: { show: false, position: 'right', formatter: '{b}', fontSize: 11 },
        emphasis: { label: { show: true } },
        data: (segments ?? []).map((s) => point(s, names.segment(s.name))),
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#8c8c8c' }, data: [{ xAxis: t }, { yAxis: t }], label: { show: false } },
        markArea: {
          silent: true,
          itemStyle: { color: 'transparent' },
          label: { color: '#8c8c8c', fontSize: 12 },
          data: [
            [q(0, t, 'service_support'), { coord: [t, 100] }],
            [q(t, t, 'personalised_relationship_marketing'), { coord: [100, 100] }],
            [q(0, 0, 'product_marketing'), { coord: [t, t] }],
            [q(t, 0, 'customer_marketing'), { coord: [100, t] }],
          ],
        },
      },
      { type: 'scatter', symbolSize: 26, itemStyle: { color: '#fa541c' }, label: { show: true, position: 'top', formatter: '{b}', fontWeight: 'bold' }, data: [point(company, names.company)] },
    ],
  };
}
