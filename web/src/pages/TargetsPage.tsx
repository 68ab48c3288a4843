import { EditOutlined, LeftOutlined, RightOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { FormBanner } from '../components/FormBanner';
import { errorText } from '../components/errorText';
import { useApiFormErrors } from '../components/useApiFormErrors';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { kindOf, periodOf, progressOf, shiftPeriod, yuanToMinor, type PeriodKind } from '../lib/targets';

type Row = components['schemas']['AttainmentRow'];

/** Sales targets (销售目标): per person and team, a month or a quarter, against what was won. */
export function TargetsPage() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState(() => periodOf('month', new Date()));
  const [editing, setEditing] = useState<Row | null>(null);
  const kind = kindOf(period);
  const money = (fen: number) => formatMoney(fen, 'CNY', locale);
  const q = useQuery({
    queryKey: ['targets', 'attainment', period],
    queryFn: () => call(api.GET('/api/v1/targets/attainment', { params: { query: { period } } })),
  });
  const rows = q.data?.rows ?? [];
  const quarter = kind === 'quarter';

  return (
    <div className="gx-page" data-testid="targets-page">
      <div className="gx-page-head">
        <Typography.Title level={3} className="gx-page-title">
          {t('targets.title')}
        </Typography.Title>
        <Space wrap>
          <Segmented<PeriodKind>
            value={kind}
            onChange={(k) => setPeriod(periodOf(k, new Date()))}
            options={[
              { value: 'month', label: t('targets.month') },
              { value: 'quarter', label: t('targets.quarter') },
            ]}
            data-testid="targets-kind"
          />
          <Button icon={<LeftOutlined />} aria-label={t('targets.prev')} onClick={() => setPeriod(shiftPeriod(period, -1))} data-testid="targets-prev" />
          <Typography.Text strong data-testid="targets-period">
            {period}
          </Typography.Text>
          <Button icon={<RightOutlined />} aria-label={t('targets.next')} onClick={() => setPeriod(shiftPeriod(period, 1))} data-testid="targets-next" />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('targets.hint')}</Typography.Paragraph>
      {q.isError && <Alert type="error" showIcon message={errorText(t, q.error)} />}
      <Table<Row>
        rowKey={(r) => `${r.subject}:${r.id}`}
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('targets.empty') }}
        columns={[
          {
            key: 'subject',
            title: t('targets.subject'),
            render: (_, r) => (
              <Space>
                <Tag icon={r.subject === 'team' ? <TeamOutlined /> : <UserOutlined />} color={r.subject === 'team' ? 'purple' : 'blue'}>
                  {r.subject === 'team' ? t('targets.team') : t('targets.person')}
                </Tag>
                <span>{r.name}</span>
              </Space>
            ),
          },
          {
            key: 'target',
            title: t('targets.target'),
            align: 'right',
            render: (_, r) => (r.target != null ? money(r.target) : <Typography.Text type="secondary">{t('targets.noTarget')}</Typography.Text>),
          },
          ...(quarter
            ? [{ key: 'months', title: t('targets.monthsTarget'), align: 'right' as const, render: (_: unknown, r: Row) => (r.months_target != null ? money(r.months_target) : '—') }]
            : []),
          {
            key: 'won',
            title: t('targets.won'),
            align: 'right',
            render: (_, r) => (
              <div>
                <div data-testid="target-won">{money(r.won)}</div>
                <Typography.Text type="secondary" className="gx-small">
                  {t('targets.wonCount', { count: r.won_count })}
                </Typography.Text>
              </div>
            ),
          },
          {
            key: 'attainment',
            title: t('targets.attainment'),
            width: 220,
            render: (_, r) => {
              if (r.percent == null) return '—';
              const p = progressOf(r.percent);
              return <Progress percent={p.value} status={p.status} format={() => `${r.percent}%`} data-testid="target-progress" />;
            },
          },
          {
            key: 'gap',
            title: t('targets.gap'),
            align: 'right',
            render: (_, r) => (r.gap == null ? '—' : r.gap === 0 ? <Tag color="success">{t('targets.reached')}</Tag> : money(r.gap)),
          },
          ...(q.data?.can_edit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 120,
                  render: (_: unknown, r: Row) =>
                    r.editable ? (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`target-edit-${r.name}`}>
                        {t('targets.edit')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {editing && <TargetModal row={editing} period={period} onClose={() => setEditing(null)} />}
    </div>
  );
}

function TargetModal({ row, period, onClose }: { row: Row; period: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amount: number | null }>();
  const errors = useApiFormErrors(form, (f) => (f === 'amount' ? ['amount'] : undefined));
  const [saving, setSaving] = useState(false);

  const submit = async (v: { amount: number | null }) => {
    const amount = yuanToMinor(v.amount);
    if (amount == null) {
      form.setFields([{ name: 'amount', errors: [t('reason.required')] }]);
      return;
    }
    setSaving(true);
    errors.setBanner(null);
    try {
      await call(
        api.PUT('/api/v1/targets', {
          body: { period, amount, ...(row.subject === 'team' ? { team_id: row.id } : { user_id: row.id }) },
        }),
      );
      message.success(t('targets.saved'));
      qc.invalidateQueries({ queryKey: ['targets'] });
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('targets.editTitle', { name: row.name, period })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <FormBanner banner={errors.banner} onReload={() => errors.setBanner(null)} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ amount: row.target != null ? row.target / 100 : null }}>
        <Form.Item name="amount" label={t('targets.amountYuan')} rules={[{ required: true, message: t('reason.required') }]}>
          <InputNumber min={0} step={10000} precision={2} className="gx-full-width" autoFocus data-testid="target-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
