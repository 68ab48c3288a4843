import { BarChart, FunnelChart, GraphChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartClick, ChartOption } from '../lib/analyticsCharts';

// Only the charts and components the analytics pages use are bundled.
echarts.use([
  BarChart, FunnelChart, GraphChart, HeatmapChart, LineChart, ScatterChart,
  GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer,
]);

/**
 * One ECharts chart on a canvas. Tooltips are drawn on the canvas too
 * (renderMode richText, set by the option builders): HTML tooltips would
 * need inline styles, which our Content-Security-Policy forbids.
 */
export function Chart({ option, onClick, className, testId, label }: {
  option: ChartOption;
  onClick?: (e: ChartClick) => void;
  className?: string;
  testId?: string;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  // The option waiting for the element to have a size: ECharts lays a
  // chart out in a 0x0 box when it is drawn while hidden (a tab not yet
  // shown), and a graph's view transform then fails outright.
  const pending = useRef<ChartOption | null>(option);
  const sized = () => !!el.current && el.current.clientWidth > 0 && el.current.clientHeight > 0;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.({ name: String(p.name ?? ''), data: p.data, seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
    const resize = new ResizeObserver(() => {
      if (!sized()) return;
      c.resize();
      if (pending.current) {
        c.setOption(pending.current as echarts.EChartsCoreOption, { notMerge: true });
        pending.current = null;
      }
    });
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current && sized()) {
      chart.current.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
      pending.current = null;
    } else {
      pending.current = option;
    }
  }, [option]);

  return <div ref={el} className={`gx-chart ${onClick ? 'gx-chart-clickable ' : ''}${className ?? ''}`} data-testid={testId} role="img" aria-label={label} />;
}
