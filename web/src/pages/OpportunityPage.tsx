import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call, ifMatch } from '../api/client';
import { isApiError } from '../api/errors';
import { keys, usePipelineStages } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { stageKindColor } from '../components/AccountOpportunities';
import { DeliveredValueWorksheet } from '../components/DeliveredValueWorksheet';
import { ErrorState } from '../components/ErrorState';
import { errorText, reasonText } from '../components/errorText';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { OpportunityBuyingCentre } from '../components/OpportunityBuyingCentre';
import { OpportunityCompetitors } from '../components/OpportunityCompetitors';
import { OpportunityFormDrawer, useStageLabel } from '../components/OpportunityFormDrawer';
import { Timeline } from '../components/Timeline';
import { UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { stageStays } from '../lib/opportunityPage';
import { checkMove, type Board, type Opportunity } from '../lib/pipelineBoard';

const opportunityKey = (id: string) => ['opportunities', 'one', id] as const;

/**
 * One opportunity: its header with the stage path (move buttons apply the
 * board's rules), and tabs for the fields, the buying centre, the stage
 * history with time in each stage and the field history, its activities,
 * and the competition: competitors in play and the delivered value
 * worksheet. The open tab is in the URL (?tab=) so it can be linked.
 */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const stageLabel = useStageLabel();
  const { stages } = usePipelineStages();
  const [editing, setEditing] = useState(false);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const q = useQuery({ queryKey: opportunityKey(id), queryFn: () => call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })) });
  const changes = useQuery({
    queryKey: [...opportunityKey(id), 'stage-changes'],
    queryFn: () => call(api.GET('/api/v1/opportunities/{id}/stage-changes', { params: { path: { id } } })),
  });
  const money = (fen: number) => formatMoney(fen, 'CNY', locale);

  if (q.isLoading) return <Spin className="gx-page-spin" size="large" />;
  if (q.isError || !q.data) return <ErrorState error={q.error} backTo="/pipeline" />;
  const o = q.data;
  const canWrite = me.permissions.opportunities.write !== 'none' && !o.deleted_at;

  const refresh = (updated?: Opportunity) => {
    if (updated) qc.setQueryData(opportunityKey(id), updated);
    void qc.invalidateQueries({ queryKey: opportunityKey(id) });
    void qc.invalidateQueries({ queryKey: keys.history('opportunity', id) });
    void qc.invalidateQueries({ queryKey: keys.opportunities });
    void qc.invalidateQueries({ queryKey: keys.pipeline });
  };

  // The board's rules, on a board of this one card.
  const board: Board = { columns: stages.map((s) => ({ stage: s, count: 0, amount: 0, weighted: 0, items: s.key === o.stage ? [o] : [] })) };
  const move = async (key: string, reason?: string) => {
    const check = checkMove(board, o.id, key);
    if (check === 'same' || check === 'unknown') return;
    if (check === 'closedToClosed') {
      message.error(t('pipeline.closedToClosed'));
      return;
    }
    if (check === 'needsReason' && reason === undefined) {
      reasonForm.resetFields();
      setReasonFor(key);
      return;
    }
    setMoving(true);
    try {
      const updated = await call(
        api.POST('/api/v1/opportunities/{id}/move', {
          params: { path: { id: o.id }, header: { 'If-Match': ifMatch(o.version) } },
          body: reason === undefined ? { stage: key } : { stage: key, win_loss_reason: reason },
        }),
      );
      message.success(t('pipeline.moved', { name: updated.name, stage: stageLabel({ key }) }));
      refresh(updated);
      void changes.refetch();
    } catch (e) {
      const f = isApiError(e) ? e.fieldErrors[0] : undefined;
      message.error(f ? (reasonText(t, f.reason ?? '') ?? f.message ?? errorText(t, e)) : errorText(t, e));
    } finally {
      setMoving(false);
    }
  };

  const current = stages.findIndex((s) => s.key === o.stage);
  const stays = stageStays(changes.data ?? [], new Date());
  const reached = new Set((changes.data ?? []).map((c) => c.to_stage));

  return (
    <div className="gx-page" data-testid="opportunity-page">
      <Breadcrumb
        className="gx-breadcrumb"
        items={[{ title: <Link to="/pipeline">{t('nav.pipeline')}</Link> }, { title: <Link to={`/accounts/${o.account_id}`}>{o.account_name}</Link> }, { title: o.name }]}
      />
      <div className="gx-page-head">
        <Space align="center" wrap>
          <Typography.Title level={3} className="gx-page-title" data-testid="opportunity-title">
            {o.name}
          </Typography.Title>
          <Tag color={stageKindColor[o.stage_kind]} data-testid="opportunity-stage">
            {stageLabel({ key: o.stage })}
          </Tag>
          {o.deleted_at && <Tag color="red">{t('oppPage.deleted')}</Tag>}
        </Space>
        {canWrite && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="opportunity-edit">
            {t('common.edit')}
          </Button>
        )}
      </div>
      <Card size="small" className="gx-card">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }}>
          <Descriptions.Item label={t('opportunity.account')}>
            <Link to={`/accounts/${o.account_id}`} data-testid="opportunity-account">
              {o.account_name}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.amount')}>
            <Typography.Text strong>{money(o.amount)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.probability')}>{o.probability}%</Descriptions.Item>
          <Descriptions.Item label={t('field.expected_close')}>{o.expected_close}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.owner')}>
            <UserName id={o.owner_id} />
          </Descriptions.Item>
        </Descriptions>
        <Steps
          size="small"
          labelPlacement="vertical"
          className="gx-mt gx-stage-path"
          current={current}
          status={o.stage_kind === 'lost' ? 'error' : o.stage_kind === 'won' ? 'finish' : 'process'}
          data-testid="opportunity-stage-path"
          items={stages.map((s, i) => ({
            title: stageLabel(s),
            disabled: !canWrite || moving || s.key === o.stage,
            // A lost deal passed only the stages it was in: not "won", and
            // not the open stages it never reached.
            ...(o.stage_kind === 'lost' && i < current && !reached.has(s.key) ? { status: 'wait' as const } : {}),
          }))}
          onChange={canWrite ? (i) => void move(stages[i].key) : undefined}
        />
      </Card>
      <Tabs
        className="gx-mt"
        activeKey={sp.get('tab') ?? 'overview'}
        onChange={(k) => {
          const next = new URLSearchParams(sp);
          if (k === 'overview') next.delete('tab');
          else next.set('tab', k);
          setSp(next, { replace: true });
        }}
        items={[
          { key: 'overview', label: t('oppPage.tab.overview'), children: <OpportunityFields o={o} /> },
          { key: 'buying', label: t('oppPage.tab.buying'), children: <OpportunityBuyingCentre opportunity={o} canWrite={canWrite} /> },
          {
            key: 'competition',
            label: t('competitor.competition'),
            children: (
              <div data-testid="opportunity-competition">
                {o.competitors && (
                  <Typography.Paragraph type="secondary">
                    {t('competitor.notesOnDeal')}: {o.competitors}
                  </Typography.Paragraph>
                )}
                <Card title={t('competitor.inPlay.title')} className="gx-mb">
                  <OpportunityCompetitors opportunityId={o.id} />
                </Card>
                <Card title={t('dv.title')}>
                  <DeliveredValueWorksheet opportunityId={o.id} />
                </Card>
              </div>
            ),
          },
          {
            key: 'timeline',
            label: t('oppPage.tab.timeline'),
            children: (
              <Timeline
                subject="opportunity"
                id={o.id}
                account={{ id: o.account_id, name: o.account_name }}
                opportunityId={o.id}
                canLog={me.permissions.activities.write !== 'none' && !o.deleted_at}
              />
            ),
          },
          {
            key: 'stages',
            label: t('oppPage.tab.stages'),
            children: (
              <Table
                size="small"
                rowKey={(s) => s.at}
                loading={changes.isLoading}
                pagination={false}
                dataSource={stays}
                data-testid="opportunity-stays"
                columns={[
                  { title: t('opportunity.stage'), key: 'stage', render: (_, s) => stageLabel({ key: s.stage }) },
                  { title: t('oppPage.entered'), key: 'at', render: (_, s) => new Date(s.at).toLocaleString(locale) },
                  { title: t('oppPage.left'), key: 'until', render: (_, s) => (s.until ? new Date(s.until).toLocaleString(locale) : <Tag color="blue">{t('oppPage.current')}</Tag>) },
                  { title: t('oppPage.days'), key: 'days', align: 'right', render: (_, s) => t('oppPage.daysValue', { n: s.days }) },
                ]}
              />
            ),
          },
          { key: 'history', label: t('oppPage.tab.history'), children: <HistoryTimeline entity="opportunity" id={o.id} /> },
        ]}
      />
      <Modal
        open={reasonFor !== null}
        title={t('pipeline.reasonTitle', { name: o.name, stage: reasonFor ? stageLabel({ key: reasonFor }) : '' })}
        onCancel={() => setReasonFor(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => {
            const key = reasonFor;
            setReasonFor(null);
            if (key) void move(key, v.reason.trim());
          }}
        >
          <Form.Item name="reason" label={t('field.win_loss_reason')} extra={t('pipeline.reasonHint')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
            <Input.TextArea maxLength={2000} rows={3} data-testid="opportunity-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <OpportunityFormDrawer
        open={editing}
        opportunity={o}
        onClose={() => {
          setEditing(false);
          refresh();
        }}
      />
    </div>
  );
}

function OpportunityFields({ o }: { o: Opportunity }) {
  const { t, locale } = useI18n();
  const text = (v?: string) => (v ? <span className="gx-prewrap">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>);
  return (
    <Card size="small" className="gx-card" data-testid="opportunity-fields">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('field.problem')}>{text(o.problem)}</Descriptions.Item>
        <Descriptions.Item label={t('field.purchase_plan')}>{text(o.purchase_plan)}</Descriptions.Item>
        <Descriptions.Item label={t('field.budget')}>{o.budget != null ? formatMoney(o.budget, 'CNY', locale) : text()}</Descriptions.Item>
        <Descriptions.Item label={t('field.purchase_timeline')}>{text(o.purchase_timeline)}</Descriptions.Item>
        <Descriptions.Item label={t('field.purchasing_process')}>{text(o.purchasing_process)}</Descriptions.Item>
        <Descriptions.Item label={t('field.competitors')}>{text(o.competitors)}</Descriptions.Item>
        <Descriptions.Item label={t('field.win_loss_reason')}>{text(o.win_loss_reason)}</Descriptions.Item>
        <Descriptions.Item label={t('oppPage.created')}>{new Date(o.created_at).toLocaleString(locale)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
