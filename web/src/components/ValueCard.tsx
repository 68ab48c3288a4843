import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { accountsLink, percent } from '../lib/analyticsCharts';
import { bandText, scoreColor, segmentColor, stageColor, tierColor } from '../lib/valueCard';
import { formatMoney } from '../lib/money';
import { errorText } from './errorText';

type Score = Schemas['CustomerScore'];

/** The account's value at a glance: RFM, tier, stage, P(alive), CLV and the next best product, each with what it rests on. */
export function ValueCard({ accountId }: { accountId: string }) {
  const { t, label, locale } = useI18n();
  const q = useQuery({
    queryKey: keys.value(accountId),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/value', { params: { path: { id: accountId } } })),
  });
  const money = (fen: number) => formatMoney(Math.round(fen), 'CNY', locale);
  if (q.isError) return <Alert className="gx-card" type="error" showIcon message={errorText(t, q.error)} />;
  const card = q.data;
  if (!card || !card.scored || !card.score) {
    return (
      <Card className="gx-card" size="small" loading={q.isLoading} data-testid="value-card">
        <Typography.Text type="secondary">{t('value.notScored')}</Typography.Text>
      </Card>
    );
  }
  const s: Score = card.score;
  const bands = card.rfm_bands;
  return (
    <Card
      className="gx-card"
      size="small"
      data-testid="value-card"
      title={t('value.title')}
      extra={<Typography.Text type="secondary">{t('value.asOf', { asOf: s.as_of })}</Typography.Text>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Typography.Text type="secondary">{t('value.rfm')}</Typography.Text>
          <div className="gx-value-main">
            <Space size={4}>
              {(['r', 'f', 'm'] as const).map((d) => (
                <Tooltip key={d} title={bands ? bandText(d, s[d], bands, t, money) : undefined}>
                  <Tag color={scoreColor(s[d])} data-testid={`value-${d}`}>
                    {d.toUpperCase()}
                    {s[d]}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
            <Link to={accountsLink({ segment: s.segment })}>
              <Tag color={segmentColor(s.segment)} data-testid="value-segment">
                {label('segment', s.segment)}
              </Tag>
            </Link>
          </div>
          <Typography.Text type="secondary" className="gx-small">
            {t('value.rfmInputs', { days: s.recency_days, orders: s.frequency, amount: money(s.monetary) })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Typography.Text type="secondary">{t('value.tier')}</Typography.Text>
          <div className="gx-value-main">
            <Link to={accountsLink({ value_tier: s.tier })}>
              <Tag color={tierColor(s.tier)} data-testid="value-tier">
                {label('tier', s.tier)}
              </Tag>
            </Link>
          </div>
          <Typography.Text type="secondary" className="gx-small">
            {card.costs_hidden ? t('value.profitHidden') : t('value.profit', { profit: money(s.profit), gross: money(s.gross_profit), service: money(s.service_cost) })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Typography.Text type="secondary">{t('value.stage')}</Typography.Text>
          <div className="gx-value-main">
            <Link to={accountsLink({ stage: s.stage })}>
              <Tag color={stageColor(s.stage)} data-testid="value-stage">
                {label('stage', s.stage)}
              </Tag>
            </Link>
          </div>
          <Typography.Text type="secondary" className="gx-small">
            {t(`reason.${s.stage_reason}` as MessageKey, { gap: Math.round(s.gap_days), silence: Math.round(s.silence_days), trend: s.trend.toFixed(2) })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Typography.Text type="secondary">{t('value.pAlive')}</Typography.Text>
          {s.p_alive === null ? (
            <div className="gx-value-main">—</div>
          ) : (
            <Progress percent={Math.round(s.p_alive * 100)} size="small" status="normal" data-testid="value-palive" />
          )}
          <Typography.Text type="secondary" className="gx-small">
            {s.clv === null || s.expected_purchases === null
              ? t('value.noModel')
              : t('value.clv', { clv: money(s.clv), purchases: s.expected_purchases.toFixed(1) })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={24} xl={4}>
          <Typography.Text type="secondary">{t('value.nextBest')}</Typography.Text>
          <div className="gx-value-main" data-testid="value-next">
            {card.next_product ? <Typography.Text strong>{card.next_product.name}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>}
          </div>
          {s.next_product && (
            <Typography.Text type="secondary" className="gx-small">
              {t('value.because', { product: s.next_because ?? '', lift: (s.next_lift ?? 0).toFixed(2), confidence: percent(s.next_confidence ?? 0) })}
            </Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}
