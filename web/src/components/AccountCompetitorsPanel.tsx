import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Rate, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call, ifMatch } from '../api/client';
import { competitorKeys, useCompetitorOptions, type AccountCompetitor } from '../api/competitors';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { dayValue } from '../lib/dateValues';
import { errorText } from './errorText';
import { FormBanner } from './FormBanner';
import { useApiFormErrors } from './useApiFormErrors';

const presenceFields = new Set(['competitor_id', 'products', 'satisfaction', 'rep_name', 'rep_style', 'rep_relationship', 'since', 'notes']);

type PresenceValues = {
  competitor_id?: string;
  products?: string;
  satisfaction?: number;
  rep_name?: string;
  rep_style?: string;
  rep_relationship?: number;
  since?: string;
  notes?: string;
};

/** The competitors present at an account (竞争对手资料): what the customer uses of theirs and who sells it. */
export function AccountCompetitorsPanel({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: competitorKeys.atAccount(accountId),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/competitors', { params: { path: { id: accountId } } })),
  });
  const [editing, setEditing] = useState<AccountCompetitor | 'new' | null>(null);

  const refresh = () => {
    qc.invalidateQueries({ queryKey: competitorKeys.atAccount(accountId) });
    qc.invalidateQueries({ queryKey: keys.history('account', accountId) });
  };
  const remove = async (p: AccountCompetitor) => {
    try {
      await call(api.DELETE('/api/v1/accounts/{id}/competitors/{presence_id}', { params: { path: { id: accountId, presence_id: p.id } } }));
      message.success(t('competitor.presence.removed'));
    } catch (e) {
      message.error(errorText(t, e));
    }
    refresh();
  };

  if (list.isError) return <Alert type="error" showIcon message={errorText(t, list.error)} />;
  return (
    <div data-testid="account-competitors">
      <div className="gx-toolbar">
        <Typography.Text type="secondary">{t('competitor.presence.hint')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="presence-add">
            {t('competitor.presence.add')}
          </Button>
        )}
      </div>
      <Table<AccountCompetitor>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('competitor.presence.empty') }}
        columns={[
          { key: 'name', title: t('competitor.name'), render: (_, p) => <Link to={`/competitors?open=${p.competitor_id}`}>{p.competitor_name}</Link> },
          { key: 'products', title: t('competitor.presence.products'), dataIndex: 'products', render: (v?: string) => v || '—' },
          { key: 'sat', title: t('competitor.presence.satisfaction'), render: (_, p) => (p.satisfaction ? <Rate disabled count={5} value={p.satisfaction} style={{ fontSize: 14, whiteSpace: 'nowrap' }} /> : '—') },
          { key: 'rep', title: t('competitor.presence.rep_name'), dataIndex: 'rep_name', render: (v?: string) => v || '—' },
          { key: 'style', title: t('competitor.presence.rep_style'), dataIndex: 'rep_style', render: (v?: string) => v || '—' },
          { key: 'rel', title: t('competitor.presence.rep_relationship'), render: (_, p) => (p.rep_relationship ? <Rate disabled count={5} value={p.rep_relationship} style={{ fontSize: 14, whiteSpace: 'nowrap' }} /> : '—') },
          { key: 'since', title: t('competitor.presence.since'), dataIndex: 'since', render: (v?: string) => v || '—' },
          { key: 'notes', title: t('field.note'), dataIndex: 'notes', render: (v?: string) => v || '—' },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 120,
                  render: (_: unknown, p: AccountCompetitor) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('common.edit')} />
                      <Popconfirm title={t('competitor.presence.confirmRemove', { name: p.competitor_name })} onConfirm={() => remove(p)}>
                        <Button type="link" danger size="small">
                          {t('link.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PresenceModal accountId={accountId} presence={editing} existing={(list.data ?? []).map((p) => p.competitor_id)} onClose={() => setEditing(null)} onSaved={refresh} />
    </div>
  );
}

function PresenceModal({ accountId, presence, existing, onClose, onSaved }: { accountId: string; presence: AccountCompetitor | 'new' | null; existing: string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PresenceValues>();
  const errors = useApiFormErrors(form, (f) => (presenceFields.has(f) ? [f] : undefined));
  const [saving, setSaving] = useState(false);
  const options = useCompetitorOptions();
  const open = presence !== null;
  const base = presence === 'new' ? undefined : (presence ?? undefined);

  useEffect(() => {
    if (!open) return;
    errors.setBanner(null);
    form.resetFields();
    if (base) form.setFieldsValue({ ...base });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presence]);

  const submit = async (v: PresenceValues) => {
    setSaving(true);
    errors.setBanner(null);
    try {
      if (base) {
        await call(
          api.PATCH('/api/v1/accounts/{id}/competitors/{presence_id}', {
            params: { path: { id: accountId, presence_id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
            body: { products: v.products ?? '', satisfaction: v.satisfaction ?? 0, rep_name: v.rep_name ?? '', rep_style: v.rep_style ?? '', rep_relationship: v.rep_relationship ?? 0, since: v.since ?? '', notes: v.notes ?? '' },
          }),
        );
      } else {
        await call(
          api.POST('/api/v1/accounts/{id}/competitors', {
            params: { path: { id: accountId } },
            body: { competitor_id: v.competitor_id ?? '', products: v.products, satisfaction: v.satisfaction || undefined, rep_name: v.rep_name, rep_style: v.rep_style, rep_relationship: v.rep_relationship || undefined, since: v.since, notes: v.notes },
          }),
        );
      }
      message.success(base ? t('common.savedOk') : t('competitor.presence.added'));
      onSaved();
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const choices = (options.data?.items ?? []).filter((k) => !existing.includes(k.id)).map((k) => ({ value: k.id, label: k.name }));
  return (
    <Modal
      open={open}
      width={640}
      title={base ? t('competitor.presence.edit', { name: base.competitor_name }) : t('competitor.presence.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'presence-save' }}
      destroyOnHidden
    >
      <FormBanner banner={errors.banner} onReload={onClose} />
      <Form<PresenceValues> form={form} layout="vertical" onFinish={submit}>
        {!base && (
          <Form.Item name="competitor_id" label={t('competitor.name')} rules={[{ required: true, message: t('reason.required') }]} extra={t('competitor.presence.pickHint')}>
            <Select showSearch optionFilterProp="label" options={choices} loading={options.isLoading} data-testid="presence-competitor" />
          </Form.Item>
        )}
        <Form.Item name="products" label={t('competitor.presence.products')}>
          <Input maxLength={2000} data-testid="presence-products" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="satisfaction" label={t('competitor.presence.satisfaction')}>
            <Rate count={5} data-testid="presence-satisfaction" />
          </Form.Item>
          <Form.Item name="rep_relationship" label={t('competitor.presence.rep_relationship')}>
            <Rate count={5} />
          </Form.Item>
          <Form.Item name="since" label={t('competitor.presence.since')} {...dayValue}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="rep_name" label={t('competitor.presence.rep_name')}>
          <Input maxLength={100} data-testid="presence-rep" />
        </Form.Item>
        <Form.Item name="rep_style" label={t('competitor.presence.rep_style')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item name="notes" label={t('field.note')}>
          <Input.TextArea maxLength={10000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
