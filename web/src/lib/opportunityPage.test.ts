import { describe, expect, it } from 'vitest';
import { forecastChartOption, gapWarningMessage, reportChartOption, stageName, stageStays } from './opportunityPage';

describe('stageName', () => {
  it('picks the label of the locale and falls back to the other', () => {
    expect(stageName({ name: 'Proposal', name_zh: '方案' }, 'zh-CN')).toBe('方案');
    expect(stageName({ name: 'Proposal', name_zh: '方案' }, 'en')).toBe('Proposal');
    expect(stageName({ name: 'Trial', name_zh: '' }, 'zh-CN')).toBe('Trial');
    expect(stageName({ name: ' ', name_zh: '试用' }, 'en')).toBe('试用');
    expect(stageName({}, 'en')).toBe('');
  });
});

describe('stageStays', () => {
  it('ends each stay at the next change and the last one now, newest first', () => {
    const changes = [
      { opportunity_id: 'o', from_stage: '', to_stage: 'a', at: '2026-01-01T00:00:00Z', by: 'u' },
      { opportunity_id: 'o', from_stage: 'a', to_stage: 'b', at: '2026-01-03T12:00:00Z', by: 'u' },
    ];
    const stays = stageStays(changes, new Date('2026-01-10T12:00:00Z'));
    expect(stays.map((s) => [s.stage, s.days, s.until])).toEqual([
      ['b', 7, null],
      ['a', 2.5, '2026-01-03T12:00:00Z'],
    ]);
  });
});

describe('gapWarningMessage', () => {
  it('words each code with its subject', () => {
    expect(gapWarningMessage({ code: 'no_function', function: 'finance' }).key).toBe('oppBc.warn.noFunction.finance');
    expect(gapWarningMessage({ code: 'no_level', level: 'decision' }).key).toBe('oppBc.warn.noLevel.decision');
    expect(gapWarningMessage({ code: 'opponent_decision_maker', contacts: ['王总', '李总'] })).toEqual({
      key: 'oppBc.warn.opponentDecider',
      params: { names: '王总, 李总' },
    });
    expect(gapWarningMessage({ code: 'no_decision_maker' }).key).toBe('oppBc.warn.noDecisionMaker');
  });
});

describe('charts', () => {
  it('marks overdue months and uses canvas tooltips', () => {
    const o = forecastChartOption(
      [
        { month: '2025-01', count: 1, amount: 100, weighted: 40, overdue: true },
        { month: '2099-02', count: 2, amount: 300, weighted: 90, overdue: false },
      ],
      { amount: 'Total', weighted: 'Weighted', overdue: 'overdue' },
      (v) => `¥${v}`,
    ) as any;
    expect(o.tooltip.renderMode).toBe('richText');
    expect(o.xAxis.data).toEqual(['2025-01', '2099-02']);
    expect(o.series[1].data.map((d: any) => d.value)).toEqual([40, 90]);
    expect(o.series[1].data[0].itemStyle.color).not.toBe(o.series[1].data[1].itemStyle.color);
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).toContain('overdue');
    // The legend takes each series' own colour: the bars of a month on time.
    expect(o.series[0].itemStyle.color).toBe(o.series[0].data[1].itemStyle.color);
    expect(o.series[1].itemStyle.color).toBe(o.series[1].data[1].itemStyle.color);
  });

  it('charts only open stages, conversion in percent', () => {
    const stage = (key: string, kind: 'open' | 'won' | 'lost') => ({ key, name: key, name_zh: '', kind, position: 1, probability: 0 });
    const o = reportChartOption(
      [
        { stage: stage('a', 'open'), entered: 4, advanced: 3, conversion: 0.75, median_days: 5.5, mean_days: 28.3 },
        { stage: stage('won', 'won'), entered: 1, advanced: 0, conversion: null, median_days: null, mean_days: null },
      ],
      (s) => s.stage.key.toUpperCase(),
      { entered: 'Entered', conversion: 'Conversion', medianDays: 'Median days' },
    ) as any;
    expect(o.xAxis.data).toEqual(['A']);
    expect(o.series[1].data).toEqual([75]);
    expect(o.tooltip.renderMode).toBe('richText');
  });
});
