import type { Schemas } from '../api/client';
import type { ChartOption } from './analyticsCharts';

// Pure helpers of the opportunity page, the stage settings and the
// pipeline report: labels, time in stage from the stage changes, gap
// warnings' wording keys and the charts' options.

type StageChange = Schemas['StageChange'];
type GapWarning = Schemas['GapWarning'];
type ForecastMonth = Schemas['ForecastMonth'];
type StageReport = Schemas['StageReport'];

/** A stage's stored label in locale, falling back to the other language; '' if none. */
export function stageName(stage: { name?: string; name_zh?: string }, locale: string): string {
  const zh = (stage.name_zh ?? '').trim();
  const en = (stage.name ?? '').trim();
  return locale.startsWith('zh') ? zh || en : en || zh;
}

export interface Stay {
  stage: string;
  from: string;
  at: string;
  until: string | null;
  days: number;
}

const dayMs = 86_400_000;

/**
 * The stays of an opportunity in its stages, newest first: each change
 * starts a stay that lasts until the next change, or until now for the
 * stage it is still in (until is then null).
 */
export function stageStays(changes: readonly StageChange[], now: Date): Stay[] {
  const out: Stay[] = [];
  changes.forEach((c, i) => {
    const next = changes[i + 1];
    const end = next ? new Date(next.at) : now;
    const days = Math.max(0, end.getTime() - new Date(c.at).getTime()) / dayMs;
    out.push({ stage: c.to_stage, from: c.from_stage, at: c.at, until: next ? next.at : null, days: Math.round(days * 10) / 10 });
  });
  return out.reverse();
}

/** The message key and parameters that word a gap warning. */
export function gapWarningMessage(w: GapWarning): { key: string; params: Record<string, string> } {
  const names = (w.contacts ?? []).join(', ');
  switch (w.code) {
    case 'no_function':
      return { key: `oppBc.warn.noFunction.${w.function}`, params: {} };
    case 'no_level':
      return { key: `oppBc.warn.noLevel.${w.level}`, params: {} };
    case 'no_supporter_among_deciders':
      return { key: 'oppBc.warn.noSupporter', params: { names } };
    case 'opponent_decision_maker':
      return { key: 'oppBc.warn.opponentDecider', params: { names } };
    default:
      return { key: 'oppBc.warn.noDecisionMaker', params: {} };
  }
}

const tooltip = { renderMode: 'richText', confine: true };

/** Weighted and total open pipeline by month; overdue months drawn in red. */
export function forecastChartOption(
  months: readonly ForecastMonth[] | null,
  names: { amount: string; weighted: string; overdue: string },
  money: (fen: number) => string,
): ChartOption {
  const rows = months ?? [];
  const overdueColor = '#cf1322';
  return {
    tooltip: {
      ...tooltip,
      trigger: 'axis',
      formatter: (ps: { dataIndex: number }[]) => {
        const m = rows[ps[0]?.dataIndex ?? 0];
        if (!m) return '';
        return `${m.month}${m.overdue ? ` (${names.overdue})` : ''}\n${names.amount}: ${money(m.amount)}\n${names.weighted}: ${money(m.weighted)}`;
      },
    },
    legend: { data: [names.amount, names.weighted], bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((m) => m.month),
      axisLabel: { color: (_: unknown, i: number) => (rows[i]?.overdue ? overdueColor : '#595959') },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
    series: [
      {
        name: names.amount,
        type: 'bar',
        // The series colour is what the legend shows; overdue bars override it.
        itemStyle: { color: '#bae0ff' },
        data: rows.map((m) => ({ value: m.amount, itemStyle: { color: m.overdue ? '#ffccc7' : '#bae0ff' } })),
      },
      {
        name: names.weighted,
        type: 'bar',
        itemStyle: { color: '#1668dc' },
        data: rows.map((m) => ({ value: m.weighted, itemStyle: { color: m.overdue ? overdueColor : '#1668dc' } })),
      },
    ],
  };
}

/** Entered per open stage as bars and conversion to the next as a line. */
export function reportChartOption(
  stages: readonly StageReport[] | null,
  label: (s: StageReport) => string,
  names: { entered: string; conversion: string; medianDays: string },
): ChartOption {
  const rows = (stages ?? []).filter((s) => s.stage.kind === 'open');
  return {
    tooltip: {
      ...tooltip,
      trigger: 'axis',
      formatter: (ps: { dataIndex: number }[]) => {
        const s = rows[ps[0]?.dataIndex ?? 0];
        if (!s) return '';
        const conv = s.conversion == null ? '—' : `${Math.round(s.conversion * 100)}%`;
        const med = s.median_days == null ? '—' : String(s.median_days);
        return `${label(s)}\n${names.entered}: ${s.entered}\n${names.conversion}: ${conv}\n${names.medianDays}: ${med}`;
      },
    },
    legend: { data: [names.entered, names.conversion], bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, rotate: rows.length > 5 ? 20 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: names.entered, type: 'bar', data: rows.map((s) => s.entered), itemStyle: { color: '#1668dc' } },
      {
        name: names.conversion,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((s) => (s.conversion == null ? null : Math.round(s.conversion * 1000) / 10)),
        itemStyle: { color: '#52c41a' },
      },
    ],
  };
}
