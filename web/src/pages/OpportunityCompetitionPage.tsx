import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { DeliveredValueWorksheet } from '../components/DeliveredValueWorksheet';
import { ErrorState } from '../components/ErrorState';
import { OpportunityCompetitors } from '../components/OpportunityCompetitors';
import { useStageLabel } from '../components/OpportunityFormDrawer';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';

/**
 * The competition of one opportunity: competitors in play and the
 * delivered value worksheet. A stand-in until the opportunity page takes
 * both components.
 */
export function OpportunityCompetitionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const stageLabel = useStageLabel();
  const q = useQuery({ queryKey: ['opportunities', 'one', id], queryFn: () => call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })) });
  if (q.isLoading) return <Spin size="large" className="gx-page-spin" />;
  if (q.isError || !q.data) return <ErrorState error={q.error} backTo="/pipeline" onRetry={() => q.refetch()} />;
  const o = q.data;
  return (
    <div data-testid="opportunity-competition">
      <Breadcrumb className="gx-breadcrumb" items={[{ title: <Link to="/pipeline">{t('nav.pipeline')}</Link> }, { title: o.name }, { title: t('competitor.competition') }]} />
      <Card title={o.name} className="gx-mb">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('opportunity.account')}>
            <Link to={`/accounts/${o.account_id}?tab=competitors`}>{o.account_name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.amount')}>{formatMoney(o.amount, o.currency, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.stage')}>
            <Tag>{stageLabel({ key: o.stage })}</Tag>
          </Descriptions.Item>
          {o.competitors && <Descriptions.Item label={t('competitor.notesOnDeal')}>{o.competitors}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('competitor.inPlay.title')} className="gx-mb">
        <OpportunityCompetitors opportunityId={o.id} />
      </Card>
      <Card title={t('dv.title')}>
        <DeliveredValueWorksheet opportunityId={o.id} />
      </Card>
    </div>
  );
}
