import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type Account } from '../api/client';
import { keys, useAccountContacts } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { referralGraphOption, type GraphEdge, type GraphNode } from '../lib/referralGraph';
import type { components } from '../api/schema';
import { Chart } from './Chart';
import { errorText } from './errorText';
import { AccountSelect } from './fields';
import { FormBanner } from './FormBanner';
import { useApiFormErrors } from './useApiFormErrors';

type Referral = components['schemas']['Referral'];

const referralKeys = {
  list: (id: string) => ['referrals', 'list', id] as const,
  graph: (id: string) => ['referrals', 'graph', id] as const,
};

/** The referral tab of an account: its network, referred revenue and list. */
export function ReferralsPanel({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const money = (fen: number) => formatMoney(fen, 'CNY', locale);
  const list = useQuery({
    queryKey: referralKeys.list(account.id),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/referrals', { params: { path: { id: account.id } } })),
  });
  const graph = useQuery({
    queryKey: referralKeys.graph(account.id),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/referrals/graph', { params: { path: { id: account.id }, query: { hops: 3 } } })),
  });
  const option = useMemo(
    () =>
      referralGraphOption((graph.data?.nodes ?? []) as GraphNode[], (graph.data?.edges ?? []) as GraphEdge[], {
        hidden: t('referral.hidden'),
        hiddenContact: t('referral.hiddenContact'),
        revenue: (n) => t('referral.revenue', { amount: money(n) }),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graph.data, locale],
  );
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['referrals'] });
    qc.invalidateQueries({ queryKey: keys.history('account', account.id) });
  };
  const remove = async (r: Referral) => {
    try {
      await call(api.DELETE('/api/v1/referrals/{id}', { params: { path: { id: r.id } } }));
      message.success(t('referral.removed'));
    } catch (e) {
      message.error(errorText(t, e));
    }
    refresh();
  };

  if (list.isError) return <Alert type="error" showIcon message={errorText(t, list.error)} />;
  const rr = list.data?.referred_revenue;
  const side = (hidden: boolean | undefined, accId?: string, accName?: string, conName?: string) =>
    hidden ? (
      <Typography.Text type="secondary">{t('referral.hidden')}</Typography.Text>
    ) : (
      <span>
        {accId === account.id ? accName : <Link to={`/accounts/${accId}?tab=referrals`}>{accName}</Link>}
        {conName ? <Typography.Text type="secondary"> · {conName}</Typography.Text> : null}
      </span>
    );

  return (
    <div data-testid="referrals">
      <Row gutter={16} className="gx-referral-stats">
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('referral.direct')} value={rr ? money(rr.direct) : '—'} data-testid="referred-direct" />
            <Typography.Text type="secondary">{t('referral.accounts', { count: rr?.direct_accounts ?? 0 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('referral.downstream')} value={rr ? money(rr.downstream) : '—'} data-testid="referred-downstream" />
            <Typography.Text type="secondary">{t('referral.accounts', { count: rr?.downstream_accounts ?? 0 })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      {rr && rr.hidden_accounts > 0 && <Alert className="gx-referral-note" type="info" showIcon message={t('referral.hiddenAccounts', { count: rr.hidden_accounts })} />}
      <Card size="small" title={t('referral.graphTitle')} className="gx-referral-graph" extra={<Typography.Text type="secondary">{t('referral.graphHint')}</Typography.Text>}>
        {graph.data?.truncated && <Alert type="warning" showIcon message={t('referral.truncated')} />}
        <Chart option={option} testId="referral-graph" label={t('referral.graphLabel')} className="gx-chart-tall" />
      </Card>
      <div className="gx-toolbar">
        <Typography.Title level={5}>{t('referral.list')}</Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="referral-add">
            {t('referral.add')}
          </Button>
        )}
      </div>
      <Table
        rowKey={(r) => r.id || `${r.referrer_account_id}-${r.referred_account_id}-${r.referred_on}-${r.created_at}`}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('referral.empty') }}
        columns={[
          {
            key: 'direction',
            title: t('referral.direction'),
            width: 120,
            render: (_, r) => <Tag color={r.direction === 'referred_by' ? 'geekblue' : 'green'}>{r.direction === 'referred_by' ? t('referral.referredBy') : t('referral.referred')}</Tag>,
          },
          { key: 'referrer', title: t('referral.referrer'), render: (_, r) => side(r.referrer_hidden, r.referrer_account_id, r.referrer_account_name, r.referrer_contact_name) },
          { key: 'referred', title: t('referral.referredParty'), render: (_, r) => side(r.referred_hidden, r.referred_account_id, r.referred_account_name, r.referred_contact_name) },
          { key: 'on', title: t('referral.on'), width: 120, dataIndex: 'referred_on' },
          {
            key: 'note',
            title: t('field.note'),
            render: (_, r) => (r.recorded_as === 'link' ? <Typography.Text type="secondary">{t('referral.fromLink')}</Typography.Text> : r.note || '—'),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, r: Referral) =>
                    r.recorded_as === 'referral' && r.id ? (
                      <Popconfirm title={t('referral.confirmRemove')} onConfirm={() => remove(r)}>
                        <Button type="link" danger size="small">
                          {t('link.remove')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <AddReferralModal open={adding} account={account} onClose={() => setAdding(false)} onSaved={refresh} />
    </div>
  );
}

type AddValues = { referrer_account_id?: string; referrer_contact_id?: string; referred_contact_id?: string; referred_on?: Dayjs; note?: string };

function AddReferralModal({ open, account, onClose, onSaved }: { open: boolean; account: Account; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const fields = ['referrer_account_id', 'referrer_contact_id', 'referred_contact_id', 'referred_on', 'note'];
  const errors = useApiFormErrors(form, (f) => (fields.includes(f) ? [f] : f === 'referred_account_id' ? ['referrer_account_id'] : undefined));
  const [saving, setSaving] = useState(false);
  const referrer = Form.useWatch('referrer_account_id', form) ?? '';
  const referrerContacts = useAccountContacts(referrer);
  const ownContacts = useAccountContacts(account.id);
  const options = (cs: { id: string; name: string }[] | undefined) => (cs ?? []).map((c) => ({ value: c.id, label: c.name }));

  const submit = async (v: AddValues) => {
    setSaving(true);
    errors.setBanner(null);
    try {
      await call(
        api.POST('/api/v1/referrals', {
          body: {
            referrer_account_id: v.referrer_account_id ?? '',
            referrer_contact_id: v.referrer_contact_id || undefined,
            referred_account_id: account.id,
            referred_contact_id: v.referred_contact_id || undefined,
            referred_on: v.referred_on ? v.referred_on.format('YYYY-MM-DD') : undefined,
            note: v.note?.trim() || undefined,
          },
        }),
      );
      message.success(t('referral.added'));
      onSaved();
      form.resetFields();
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('referral.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <FormBanner banner={errors.banner} onReload={() => errors.setBanner(null)} />
      <Typography.Paragraph type="secondary">{t('referral.addHint', { name: account.name })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ referred_on: dayjs() }}>
        <Form.Item name="referrer_account_id" label={t('referral.referrerAccount')} rules={[{ required: true, message: t('reason.required') }]}>
          <AccountSelect excludeId={account.id} placeholder={t('link.searchAccount')} id="referral-referrer" />
        </Form.Item>
        <Form.Item name="referrer_contact_id" label={t('referral.referrerContact')}>
          <Select allowClear disabled={!referrer} placeholder={t('referral.pickContact')} options={options(referrer ? referrerContacts.data?.items : [])} />
        </Form.Item>
        <Form.Item name="referred_contact_id" label={t('referral.referredContact')}>
          <Select allowClear placeholder={t('referral.pickContact')} options={options(ownContacts.data?.items)} />
        </Form.Item>
        <Form.Item name="referred_on" label={t('referral.on')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
