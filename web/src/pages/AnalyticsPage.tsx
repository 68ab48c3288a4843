import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, List, Progress, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { Chart } from '../components/Chart';
import { errorText } from '../components/errorText';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import {
  accountsLink,
  clvBucketName,
  compactYuan,
  funnelOption,
  groupBarsOption,
  growthOption,
  histogramOption,
  keyOf,
  markovOption,
  mixForecastOption,
  paretoOption,
  percent,
  rfmCellOf,
  rfmHeatmapOption,
  strategyOption,
  type ChartOption,
} from '../lib/analyticsCharts';
import { formatMoney } from '../lib/money';

type Overview = Schemas['AnalyticsOverview'];
type Reports = Schemas['AnalyticsReports'];
type GroupStat = Schemas['GroupStat'];

const tabs = ['rfm', 'value', 'lifecycle', 'clv', 'migration', 'growth', 'crosssell', 'strategy'] as const;
type TabKey = (typeof tabs)[number];

/** Customer value analytics: where customers stand and where they move, each chart linking to its accounts. */
export function AnalyticsPage() {
  const { t } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const tab = (tabs as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : 'rfm';
  const seeReports = me.permissions.analytics_reports;

  const overview = useQuery({
    queryKey: keys.analyticsOverview,
    queryFn: () => call(api.GET('/api/v1/analytics/overview')),
    // While a run is in progress, look again until it is done.
    refetchInterval: (q) => (q.state.data?.run?.running ? 2000 : false),
  });
  const reports = useQuery({
    queryKey: keys.analyticsReports,
    queryFn: () => call(api.GET('/api/v1/analytics/reports')),
    enabled: seeReports,
  });
  const rescore = useMutation({
    mutationFn: () => call(api.POST('/api/v1/analytics/runs')),
    onSuccess: (r) => {
      message.info(r.started ? t('analytics.runStarted') : t('analytics.runAlready'));
      void qc.invalidateQueries({ queryKey: keys.analytics });
    },
    onError: (e) => message.error(errorText(t, e)),
  });

  const ov = overview.data;
  const run = ov?.run;
  const running = run?.running ?? false;

  const header = (
    <div className="gx-page-head">
      <div>
        <Typography.Title level={3} className="gx-page-title">
          {t('analytics.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="analytics-run">
          {run?.as_of ? t('analytics.runInfo', { asOf: run.as_of, customers: run.customers, at: new Date(run.run_at).toLocaleString() }) : t('analytics.neverRun')}
          {running && <Tag className="gx-ml" color="processing">{t('analytics.running')}</Tag>}
        </Typography.Text>
      </div>
      {me.permissions.run_scoring && (
        <Button icon={<ReloadOutlined />} loading={rescore.isPending || running} onClick={() => rescore.mutate()} data-testid="analytics-rescore">
          {t('analytics.rescore')}
        </Button>
      )}
    </div>
  );

  if (overview.isError) {
    return (
      <div className="gx-page">
        {header}
        <Alert type="error" showIcon message={errorText(t, overview.error)} />
      </div>
    );
  }
  if (overview.isLoading || !ov) {
    return (
      <div className="gx-page">
        {header}
        <Card loading />
      </div>
    );
  }
  if (ov.customers === 0) {
    return (
      <div className="gx-page">
        {header}
        <Card>
          <Empty description={run?.as_of ? t('analytics.noneVisible') : t('analytics.noScores')} />
        </Card>
      </div>
    );
  }

  const items = [
    { key: 'rfm', label: t('analytics.tab.rfm'), children: <RFMTab ov={ov} /> },
    { key: 'value', label: t('analytics.tab.value'), children: <ValueTab ov={ov} /> },
    { key: 'lifecycle', label: t('analytics.tab.lifecycle'), children: <LifecycleTab ov={ov} /> },
    { key: 'clv', label: t('analytics.tab.clv'), children: <CLVTab ov={ov} reports={reports.data} /> },
    ...(seeReports
      ? [
          { key: 'migration', label: t('analytics.tab.migration'), children: <MigrationTab reports={reports.data} loading={reports.isLoading} /> },
          { key: 'growth', label: t('analytics.tab.growth'), children: <GrowthTab reports={reports.data} loading={reports.isLoading} /> },
          { key: 'crosssell', label: t('analytics.tab.crosssell'), children: <CrossSellTab reports={reports.data} loading={reports.isLoading} /> },
          { key: 'strategy', label: t('analytics.tab.strategy'), children: <StrategyTab reports={reports.data} loading={reports.isLoading} /> },
        ]
      : []),
  ];

  return (
    <div className="gx-page" data-testid="analytics-page">
      {header}
      <KPIs ov={ov} />
      <Tabs activeKey={tab} onChange={(k) => setSp({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </div>
  );
}

function KPIs({ ov }: { ov: Overview }) {
  const { t, locale } = useI18n();
  const p = ov.pareto;
  return (
    <Row gutter={[16, 16]} className="gx-mb">
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic title={t('analytics.kpi.customers')} value={ov.customers} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic title={t(p.basis === 'profit' ? 'analytics.kpi.top20Profit' : 'analytics.kpi.top20Revenue')} value={p.top20_share === null ? '—' : percent(p.top20_share, 1)} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic title={t('analytics.kpi.clv')} value={ov.clv.customers ? compactYuan(ov.clv.total, locale) : '—'} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          {p.basis === 'profit' ? (
            <Link to={accountsLink({ value_tier: 'to_drop' })}>
              <Statistic title={t('analytics.kpi.unprofitable')} value={p.unprofitable} />
            </Link>
          ) : (
            <Statistic title={t('analytics.kpi.atRisk')} value={(ov.segments ?? []).filter((s) => s.key === 'at_risk' || s.key === 'cant_lose_them').reduce((n, s) => n + s.customers, 0)} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** A table of groups with their share, amounts and a link to their accounts. */
function GroupTable({ groups, total, param, enumName, testId }: { groups: GroupStat[]; total: number; param: string; enumName: 'segment' | 'tier' | 'stage'; testId: string }) {
  const { t, label, locale } = useI18n();
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, 'CNY', locale));
  const showProfit = groups.some((g) => g.profit !== null);
  return (
    <Table<GroupStat>
      size="small"
      rowKey="key"
      pagination={false}
      data-testid={testId}
      dataSource={groups}
      columns={[
        { title: t(`analytics.col.${enumName}` as MessageKey), key: 'key', render: (_, g) => <Link to={accountsLink({ [param]: g.key })}>{label(enumName, g.key)}</Link> },
        { title: t('analytics.col.customers'), dataIndex: 'customers', align: 'right' },
        { title: t('analytics.col.share'), key: 'share', align: 'right', render: (_, g) => (total ? percent(g.customers / total, 1) : '—') },
        { title: t('analytics.col.monetary'), dataIndex: 'monetary', align: 'right', render: (v: number) => money(v) },
        ...(showProfit ? [{ title: t('analytics.col.profit'), dataIndex: 'profit', align: 'right' as const, render: (v: number | null) => money(v) }] : []),
      ]}
    />
  );
}

/** A chart whose bars or slices each open the accounts of their group. */
function GroupChartCard({ title, testId, option, param }: { title: string; testId: string; option: ChartOption; param: 'segment' | 'value_tier' | 'stage' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card size="small" title={title} extra={<Typography.Text type="secondary">{t('analytics.clickBar')}</Typography.Text>}>
      <Chart
        label={title}
        testId={testId}
        option={option}
        onClick={(c) => {
          const k = keyOf(c);
          if (k) navigate(accountsLink({ [param]: k }));
        }}
      />
    </Card>
  );
}

function RFMTab({ ov }: { ov: Overview }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const heat = useMemo(() => rfmHeatmapOption(ov.rfm_grid, { r: t('analytics.recency'), f: t('analytics.frequency'), customers: t('analytics.col.customers') }), [ov, t]);
  const bars = useMemo(() => groupBarsOption(ov.segments, (k) => label('segment', k), { customers: t('analytics.col.customers') }), [ov, label, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.rfmHeatmap')} extra={<Typography.Text type="secondary">{t('analytics.clickCell')}</Typography.Text>}>
          <Chart
            label={t('analytics.rfmHeatmap')}
            testId="chart-rfm"
            option={heat}
            onClick={(c) => {
              const cell = rfmCellOf(c);
              if (cell) navigate(accountsLink(cell));
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <GroupChartCard title={t('analytics.segments')} testId="chart-segments" option={bars} param="segment" />
      </Col>
      <Col span={24}>
        <GroupTable groups={ov.segments ?? []} total={ov.customers} param="segment" enumName="segment" testId="segment-table" />
      </Col>
    </Row>
  );
}

function ValueTab({ ov }: { ov: Overview }) {
  const { t, label } = useI18n();
  const p = ov.pareto;
  const basis = p.basis === 'profit' ? t('analytics.profitShare') : t('analytics.revenueShare');
  const curve = useMemo(() => paretoOption(p.curve, { customers: t('analytics.customerShare'), value: basis, equal: t('analytics.equality') }), [p, basis, t]);
  const tiers = useMemo(() => groupBarsOption(p.tiers, (k) => label('tier', k), { customers: t('analytics.col.customers') }), [p, label, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Alert
          type="info"
          showIcon
          message={p.top20_share === null ? t('analytics.paretoUndefined') : t(p.basis === 'profit' ? 'analytics.paretoProfit' : 'analytics.paretoRevenue', { share: percent(p.top20_share, 1) })}
          description={p.basis === 'profit' ? t('analytics.tierRule') : t('analytics.costHidden')}
        />
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.paretoCurve')}>
          <Chart label={t('analytics.paretoCurve')} testId="chart-pareto" option={curve} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <GroupChartCard title={t('analytics.tiers')} testId="chart-tiers" option={tiers} param="value_tier" />
      </Col>
      <Col span={24}>
        <GroupTable groups={p.tiers ?? []} total={ov.customers} param="value_tier" enumName="tier" testId="tier-table" />
      </Col>
    </Row>
  );
}

const stageKeys = ['acquisition', 'growth', 'maturity', 'decline', 'exit'] as const;

function LifecycleTab({ ov }: { ov: Overview }) {
  const { t, label } = useI18n();
  const funnel = useMemo(() => funnelOption(ov.stages, (k) => label('stage', k), { customers: t('analytics.col.customers') }), [ov, label, t]);
  const count = new Map((ov.stages ?? []).map((s) => [s.key, s.customers]));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <GroupChartCard title={t('analytics.funnel')} testId="chart-lifecycle" option={funnel} param="stage" />
      </Col>
      <Col xs={24} xl={14}>
        <List
          grid={{ gutter: 12, column: 1 }}
          dataSource={[...stageKeys]}
          renderItem={(s) => (
            <List.Item>
              <Card
                size="small"
                title={
                  <Space>
                    <Link to={accountsLink({ stage: s })}>{label('stage', s)}</Link>
                    <Tag>{t('analytics.nCustomers', { n: count.get(s) ?? 0 })}</Tag>
                  </Space>
                }
              >
                <Typography.Text strong>{t(`play.${s}.goal` as MessageKey)}</Typography.Text>
                <ul className="gx-plain-list">
                  {[1, 2, 3].map((i) => (
                    <li key={i}>{t(`play.${s}.a${i}` as MessageKey)}</li>
                  ))}
                </ul>
              </Card>
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
}

function CLVTab({ ov, reports }: { ov: Overview; reports?: Reports }) {
  const { t, locale } = useI18n();
  const names = { customers: t('analytics.col.customers') };
  const hist = useMemo(() => histogramOption(ov.clv.histogram, (b) => clvBucketName(b, locale), names, '#13c2c2'), [ov, locale, names.customers]);
  const alive = useMemo(() => histogramOption(ov.clv.p_alive, (b) => `${Math.round(b.lower * 100)}–${Math.round((b.upper ?? 1) * 100)}%`, names, '#52c41a'), [ov, names.customers]);
  const m = reports?.clv_model;
  if (ov.clv.customers === 0) return <Empty description={t('analytics.noCLV')} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Card size="small">
          <Statistic title={t('analytics.clvMean')} value={formatMoney(Math.round(ov.clv.mean), 'CNY', locale)} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small">
          <Statistic title={t('analytics.clvMedian')} value={formatMoney(Math.round(ov.clv.median), 'CNY', locale)} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small">
          <Statistic title={t('analytics.clvCustomers')} value={ov.clv.customers} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.clvHistogram')}>
          <Chart label={t('analytics.clvHistogram')} testId="chart-clv" option={hist} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.pAliveHistogram')}>
          <Chart label={t('analytics.pAliveHistogram')} testId="chart-palive" option={alive} />
        </Card>
      </Col>
      {m && (
        <Col span={24}>
          <Typography.Paragraph type="secondary" data-testid="clv-model">
            {t('analytics.clvModel', {
              months: m.horizon_months,
              discount: percent(m.annual_discount),
              r: m.bgnbd.r.toFixed(3),
              alpha: m.bgnbd.alpha.toFixed(2),
              a: m.bgnbd.a.toFixed(3),
              b: m.bgnbd.b.toFixed(3),
              p: m.gamma_gamma.p.toFixed(2),
              q: m.gamma_gamma.q.toFixed(2),
              gamma: m.gamma_gamma.gamma.toFixed(1),
            })}
          </Typography.Paragraph>
        </Col>
      )}
    </Row>
  );
}

function MigrationTab({ reports, loading }: { reports?: Reports; loading: boolean }) {
  const { t, label } = useI18n();
  const mk = reports?.markov;
  const seg = (k: string) => label('segment', k);
  const heat = useMemo(() => (mk ? markovOption(mk.states, mk.p, seg, { from: t('analytics.from'), to: t('analytics.to') }) : {}), [mk, t]);
  const mix = useMemo(() => (mk ? mixForecastOption(mk.states, mk.forecast.mix, seg, (k) => (k === 0 ? t('analytics.now') : t(`analytics.period.${mk.period}` as MessageKey, { n: k }))) : {}), [mk, t]);
  if (loading) return <Card loading />;
  if (!mk) return <Empty description={t('analytics.noMarkov')} />;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Typography.Paragraph type="secondary">{t('analytics.markovIntro', { period: t(`analytics.periodName.${mk.period}` as MessageKey), snapshots: (mk.snapshots ?? []).length })}</Typography.Paragraph>
      </Col>
      <Col xs={24} xl={13}>
        <Card size="small" title={t('analytics.markovMatrix')}>
          <Chart label={t('analytics.markovMatrix')} testId="chart-markov" className="gx-chart-tall" option={heat} />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('analytics.mixForecast')}>
          <Chart label={t('analytics.mixForecast')} testId="chart-mix" className="gx-chart-tall" option={mix} />
        </Card>
      </Col>
    </Row>
  );
}

function CrossSellTab({ reports, loading }: { reports?: Reports; loading: boolean }) {
  const { t } = useI18n();
  const cs = reports?.crosssell;
  if (loading) return <Card loading />;
  if (!cs) return <Empty description={t('analytics.noCrossSell')} />;
  type Rule = Schemas['Rule'];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t('analytics.multiProduct')} value={percent(cs.multi_product_share, 1)} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={t('analytics.meanProducts')} value={cs.mean_products.toFixed(2)} />
        </Card>
      </Col>
      <Col span={24}>
        <Table<Rule>
          size="small"
          data-testid="rules-table"
          rowKey={(r) => `${r.a}>${r.b}`}
          dataSource={cs.rules ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('analytics.noRules') }}
          columns={[
            { title: t('analytics.rule.holds'), dataIndex: 'a' },
            { title: t('analytics.rule.alsoHolds'), dataIndex: 'b' },
            { title: t('analytics.rule.count'), dataIndex: 'count', align: 'right' },
            { title: t('analytics.rule.support'), dataIndex: 'support', align: 'right', render: (v: number) => percent(v, 1) },
            { title: t('analytics.rule.confidence'), dataIndex: 'confidence', align: 'right', render: (v: number) => percent(v, 1) },
            { title: t('analytics.rule.lift'), dataIndex: 'lift', align: 'right', render: (v: number) => v.toFixed(2) },
          ]}
        />
      </Col>
    </Row>
  );
}

function GrowthTab({ reports, loading }: { reports?: Reports; loading: boolean }) {
  const { t, locale } = useI18n();
  const [novelty, setNovelty] = useState<'new_to_customer' | 'new_to_company'>('new_to_customer');
  const g = reports?.growth;
  const m = g?.[novelty];
  const option = useMemo(
    () =>
      m
        ? growthOption(
            m,
            {
              cell: (k) => t(`analytics.growth.${k}` as MessageKey),
              customers: t('analytics.col.customers'),
              products: [t('analytics.growth.existingProducts'), t('analytics.growth.newProducts')],
              customerRows: [t('analytics.growth.existingCustomers'), t('analytics.growth.newCustomers')],
            },
            locale,
          )
        : {},
    [m, t, locale],
  );
  if (loading) return <Card loading />;
  if (!g || !m) return <Empty description={t('analytics.noGrowth')} />;
  const money = (v: number) => formatMoney(v, 'CNY', locale);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Space wrap>
          <Segmented
            value={novelty}
            onChange={(v) => setNovelty(v as typeof novelty)}
            options={[
              { value: 'new_to_customer', label: t('analytics.growth.newToCustomer') },
              { value: 'new_to_company', label: t('analytics.growth.newToCompany') },
            ]}
            data-testid="growth-novelty"
          />
          <Typography.Text type="secondary">{t('analytics.growth.periods', { priorFrom: g.prior_from, currentFrom: g.current_from, asOf: g.as_of })}</Typography.Text>
        </Space>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('analytics.growth.title')}>
          <Chart label={t('analytics.growth.title')} testId="chart-growth" className="gx-chart-tall" option={option} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small">
          <Space direction="vertical" size="middle" className="gx-w-full">
            <Statistic title={t('analytics.growth.current')} value={money(m.current_revenue)} />
            <Statistic title={t('analytics.growth.prior')} value={money(m.prior_revenue)} />
            <Statistic title={t('analytics.growth.lost', { n: m.lost_customers })} value={money(m.lost_revenue)} />
            <Typography.Paragraph type="secondary">
              {t('analytics.growth.explain')} {t(novelty === 'new_to_customer' ? 'analytics.growth.noveltyCustomer' : 'analytics.growth.noveltyCompany')}
            </Typography.Paragraph>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

function StrategyTab({ reports, loading }: { reports?: Reports; loading: boolean }) {
  const { t, label } = useI18n();
  const st = reports?.strategy;
  const option = useMemo(
    () =>
      st
        ? strategyOption(st.company, st.segments, st.threshold, {
            information: t('analytics.strategy.information'),
            personalisation: t('analytics.strategy.personalisation'),
            company: t('analytics.strategy.company'),
            quadrant: (q) => t(`quadrant.${q}` as MessageKey),
            segment: (k) => label('segment', k),
          })
        : {},
    [st, t, label],
  );
  if (loading) return <Card loading />;
  if (!st) return <Empty description={t('analytics.noStrategy')} />;
  const c = st.company;
  const gaps = (c.fields ?? []).filter((f) => f.share < 1).slice(0, 3);
  const advice =
    c.information < st.threshold
      ? t('analytics.strategy.fillFirst', { fields: gaps.map((f) => `${t(`profilePart.${f.name}` as MessageKey)} (${percent(f.share)})`).join('、') })
      : c.personalisation < st.threshold
        ? t('analytics.strategy.personalise')
        : t('analytics.strategy.topRight');
  type Fill = Schemas['FieldFill'];
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Alert
          type="info"
          showIcon
          data-testid="strategy-advice"
          message={t('analytics.strategy.where', { quadrant: t(`quadrant.${c.quadrant}` as MessageKey), information: percent(c.information), personalisation: percent(c.personalisation) })}
          description={
            <>
              <div>{advice}</div>
              <Typography.Text type="secondary">{t('analytics.strategy.levers', { owner: percent(c.owner_share) })}</Typography.Text>
            </>
          }
        />
      </Col>
      <Col xs={24} xl={13}>
        <Card size="small" title={t('analytics.strategy.title')}>
          <Chart label={t('analytics.strategy.title')} testId="chart-strategy" className="gx-chart-tall" option={option} />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('analytics.strategy.fields')}>
          <Table<Fill>
            size="small"
            rowKey="name"
            pagination={false}
            data-testid="strategy-fields"
            dataSource={c.fields ?? []}
            columns={[
              { title: t('analytics.strategy.part'), dataIndex: 'name', render: (n: string) => t(`profilePart.${n}` as MessageKey) },
              { title: t('analytics.strategy.weight'), dataIndex: 'weight', align: 'right' },
              { title: t('analytics.strategy.filled'), dataIndex: 'share', render: (v: number) => <Progress percent={Math.round(v * 100)} size="small" /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
