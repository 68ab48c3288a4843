import { describe, expect, it } from 'vitest';
import {
  accountsLink,
  clvBucketName,
  compactYuan,
  funnelOption,
  groupBarsOption,
  growthOption,
  keyOf,
  markovOption,
  paretoOption,
  rfmCellOf,
  rfmHeatmapOption,
  strategyOption,
} from './analyticsCharts';

type Series = { data: unknown[] }[];

describe('analytics charts', () => {
  it('puts every R x F cell in the heat map and maps a click back to its scores', () => {
    const grid = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, f) => ({ customers: r * 10 + f, monetary: 0 })));
    const opt = rfmHeatmapOption(grid, { r: 'R', f: 'F', customers: 'n' });
    const data = (opt.series as Series)[0].data as [number, number, number][];
    expect(data).toHaveLength(25);
    // R4 (index 3), F2 (index 1) holds 31 customers at x = F-1, y = R-1.
    expect(data).toContainEqual([1, 3, 31]);
    expect((opt.visualMap as { max: number }).max).toBe(44);
    expect(rfmCellOf({ name: '', data: [1, 3, 31], seriesIndex: 0, dataIndex: 0 })).toEqual({ r_score: 4, f_score: 2 });
    expect(rfmCellOf({ name: '', data: undefined, seriesIndex: 0, dataIndex: 0 })).toBeNull();
  });

  it('draws groups best first from the top and keeps their keys for links', () => {
    const groups = [
      { key: 'champions', customers: 3, monetary: 0, profit: null },
      { key: 'lost', customers: 7, monetary: 0, profit: null },
    ];
    const opt = groupBarsOption(groups, (k) => k.toUpperCase(), { customers: 'n' });
    // ECharts draws the first category at the bottom, so the list is reversed.
    expect((opt.yAxis as { data: string[] }).data).toEqual(['LOST', 'CHAMPIONS']);
    const bars = (opt.series as Series)[0].data as { value: number; key: string }[];
    expect(bars.map((b) => [b.key, b.value])).toEqual([['lost', 7], ['champions', 3]]);
    expect(keyOf({ name: 'LOST', data: bars[0], seriesIndex: 0, dataIndex: 0 })).toBe('lost');
    const funnel = funnelOption(groups, (k) => k, { customers: 'n' });
    expect(((funnel.series as Series)[0].data as { key: string }[]).map((d) => d.key)).toEqual(['champions', 'lost']);
  });

  it('plots the Pareto curve in percent next to the line of equality', () => {
    const opt = paretoOption([{ customer_share: 0, value_share: 0 }, { customer_share: 0.2, value_share: 0.6789 }, { customer_share: 1, value_share: 1 }], { customers: 'c', value: 'v', equal: 'e' });
    const [curve, equal] = opt.series as Series;
    expect(curve.data).toEqual([[0, 0], [20, 67.9], [100, 100]]);
    expect(equal.data).toEqual([[0, 0], [100, 100]]);
  });

  it('shows Markov moves as percentages, from rows to columns', () => {
    const opt = markovOption(['a', 'b'], [[0.9, 0.1], [0.25, 0.75]], (k) => k, { from: 'from', to: 'to' });
    expect((opt.series as Series)[0].data).toEqual([[0, 0, 90], [1, 0, 10], [0, 1, 25], [1, 1, 75]]);
  });

  it('links to the account list with the score filter', () => {
    expect(accountsLink({ segment: 'at_risk' })).toBe('/accounts?segment=at_risk');
    expect(accountsLink({ r_score: 5, f_score: 1 })).toBe('/accounts?r_score=5&f_score=1');
  });

  it('names CLV buckets in yuan from fen', () => {
    expect(clvBucketName({ lower: 20000, upper: 50000, customers: 1 }, 'en')).toBe('¥200–¥500');
    expect(clvBucketName({ lower: 10_000_000, upper: null, customers: 1 }, 'en')).toBe('≥ ¥100K');
    expect(compactYuan(123_456_700, 'zh-CN')).toBe('¥123.5万');
  });
});

describe('growth and strategy matrices', () => {
  const cell = (revenue: number, customers: number) => ({ revenue, customers, lines: customers });
  it('puts each growth quadrant in its cell', () => {
    const m = { retention: cell(100, 1), cross_sell: cell(200, 2), acquisition: cell(300, 3), diversification: cell(400, 4), current_revenue: 1000, prior_revenue: 500, lost_revenue: 50, lost_customers: 1 };
    const opt = growthOption(m, { cell: (k) => k, customers: 'n', products: ['old', 'new'], customerRows: ['existing', 'new'] }, 'en');
    const data = (opt.series as Series)[0].data as [number, number, number, string, number][];
    // Columns existing/new products, rows existing/new customers.
    expect(data.map((d) => [d[0], d[1], d[3], d[2]])).toEqual([
      [0, 0, 'retention', 100],
      [1, 0, 'cross_sell', 200],
      [0, 1, 'acquisition', 300],
      [1, 1, 'diversification', 400],
    ]);
  });

  it('places the company and segments in percent and draws the threshold lines', () => {
    const pos = (name: string, information: number, personalisation: number) => ({
      name, customers: 10, information, personalisation, quadrant: 'product_marketing' as const, fields: [], owner_share: 1, plan_share: 0, campaign_share: 0,
    });
    const opt = strategyOption(pos('company', 0.42, 0.3333), [pos('champions', 0.6, 0.3333)], 0.5, {
      information: 'i', personalisation: 'p', company: 'Co', quadrant: (q) => q, segment: (k) => k.toUpperCase(),
    });
    const [segments, company] = opt.series as { data: { name: string; value: number[] }[]; markLine?: { data: unknown[] } }[];
    expect(company.data).toEqual([{ name: 'Co', value: [42, 33.3, 10] }]);
    expect(segments.data).toEqual([{ name: 'CHAMPIONS', value: [60, 33.3, 10] }]);
    expect(segments.markLine?.data).toEqual([{ xAxis: 50 }, { yAxis: 50 }]);
  });
});
