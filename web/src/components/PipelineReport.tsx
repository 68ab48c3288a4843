import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Flex, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { reportChartOption } from '../lib/opportunityPage';
import { Chart } from './Chart';
import { errorText } from './errorText';
import { useStageLabel } from './OpportunityFormDrawer';

type Row = Schemas['StageReport'];

/**
 * Time in stage and stage-to-stage conversion over the opportunities the
 * caller can see, created in an optional period: a chart of the open
 * stages and the full table.
 */
export function PipelineReport({ owner }: { owner: string }) {
  const { t } = useI18n();
  const stageLabel = useStageLabel();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: [...keys.pipeline, 'report', owner, from, to],
    queryFn: () => call(api.GET('/api/v1/pipeline/report', { params: { query: { owner_id: owner || undefined, from, to } } })),
  });
  const label = (r: Row) => stageLabel(r.stage);
  const option = useMemo(
    () => reportChartOption(q.data?.stages ?? null, (r) => stageLabel(r.stage), { entered: t('report.entered'), conversion: t('report.conversion'), medianDays: t('report.medianDays') }),
    [q.data, t],
  );
  const pct = (v?: number | null) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);
  const days = (v?: number | null) => (v == null ? '—' : String(v));
  if (q.isError) return <Alert type="error" showIcon message={errorText(t, q.error)} />;
  return (
    <Flex vertical gap="middle" data-testid="pipeline-report">
      <Space wrap>
        <Typography.Text>{t('report.period')}</Typography.Text>
        <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
        <Typography.Text type="secondary">{t('report.hint')}</Typography.Text>
      </Space>
      <Space size="large" wrap>
        <Statistic title={t('report.opportunities')} value={q.data?.opportunities ?? 0} loading={q.isLoading} />
        <Statistic title={t('report.won')} value={q.data?.won ?? 0} loading={q.isLoading} />
        <Statistic title={t('report.lost')} value={q.data?.lost ?? 0} loading={q.isLoading} />
        <Statistic title={t('report.winRate')} value={pct(q.data?.win_rate)} loading={q.isLoading} data-testid="report-win-rate" />
      </Space>
      <Card size="small" className="gx-card">
        <Chart option={option} label={t('report.chart')} testId="report-chart" className="gx-chart-report" />
      </Card>
      <Table<Row>
        size="small"
        rowKey={(r) => r.stage.key}
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.stages ?? []}
        data-testid="report-table"
        columns={[
          { title: t('opportunity.stage'), key: 'stage', render: (_, r) => label(r) },
          { title: t('report.entered'), dataIndex: 'entered', align: 'right' },
          { title: t('report.medianDays'), key: 'median', align: 'right', render: (_, r) => days(r.median_days) },
          { title: t('report.meanDays'), key: 'mean', align: 'right', render: (_, r) => days(r.mean_days) },
          { title: t('report.advanced'), dataIndex: 'advanced', align: 'right' },
          { title: t('report.conversion'), key: 'conversion', align: 'right', render: (_, r) => pct(r.conversion) },
        ]}
      />
    </Flex>
  );
}
