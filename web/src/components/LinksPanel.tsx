import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type Account, type AccountLink, type LinkInput } from '../api/client';
import { keys, useLinks } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { linkKinds, type LinkKind } from '../i18n/enums';
import { linkFromSide, roleDirection, type LinkRole } from '../lib/links';
import { errorText } from './errorText';
import { AccountSelect } from './fields';
import { FormBanner } from './FormBanner';
import { useApiFormErrors } from './useApiFormErrors';

const directionIcon = { upstream: <ArrowUpOutlined />, downstream: <ArrowDownOutlined />, peer: <SwapOutlined /> };
const directionColor = { upstream: 'geekblue', downstream: 'green', peer: 'purple' };

/** Upstream and downstream links of an account, read from its side. */
export function LinksPanel({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const links = useLinks(account.id);
  const [adding, setAdding] = useState(false);

  const roleLabel = (r: LinkRole) => t(`link.${r}`);

  const remove = async (l: AccountLink) => {
    try {
      await call(api.DELETE('/api/v1/accounts/{id}/links/{link_id}', { params: { path: { id: account.id, link_id: l.id } } }));
      message.success(t('link.removed'));
    } catch (e) {
      message.error(errorText(t, e));
    }
    qc.invalidateQueries({ queryKey: keys.links(account.id) });
    qc.invalidateQueries({ queryKey: keys.history('account', account.id) });
  };

  const rows = useMemo(() => (links.data ?? []).map((l) => ({ link: l, side: linkFromSide({ ...l, kind: l.kind as LinkKind }, account.id) })), [links.data, account.id]);

  if (links.isError) return <Alert type="error" showIcon message={errorText(t, links.error)} />;

  return (
    <div data-testid="links">
      <div className="gx-toolbar">
        <Typography.Text type="secondary">{t('link.kindHint')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="link-add">
            {t('link.add')}
          </Button>
        )}
      </div>
      <Table
        rowKey={(r) => r.link.id}
        loading={links.isLoading}
        dataSource={rows}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('link.empty') }}
        columns={[
          {
            key: 'role',
            title: t('link.relation'),
            width: 180,
            render: (_, r) => {
              const dir = roleDirection[r.side.role];
              return (
                <Tag color={directionColor[dir]} icon={directionIcon[dir]} data-testid="link-role">
                  {roleLabel(r.side.role)}
                </Tag>
              );
            },
          },
          {
            key: 'other',
            title: t('link.otherAccount'),
            render: (_, r) => (
              <div>
                <Link to={`/accounts/${r.side.otherId}`}>{r.side.otherName}</Link>
                <div>
                  <Typography.Text type="secondary" className="gx-small">
                    {t('link.readsAs', { other: r.side.otherName, self: account.name, role: roleLabel(r.side.role) })}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { key: 'note', title: t('field.note'), dataIndex: ['link', 'note'], render: (v: string) => v || '—' },
          {
            key: 'at',
            title: t('field.created_at'),
            width: 150,
            render: (_, r) => (r.link.created_at ? dayjs(r.link.created_at).format('YYYY-MM-DD') : '—'),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, r: (typeof rows)[number]) => (
                    <Popconfirm title={t('link.confirmRemove', { name: r.side.otherName })} onConfirm={() => remove(r.link)}>
                      <Button type="link" danger size="small">
                        {t('link.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddLinkModal open={adding} account={account} onClose={() => setAdding(false)} />
    </div>
  );
}

function AddLinkModal({ open, account, onClose }: { open: boolean; account: Account; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<LinkInput & { related_name?: string }>();
  const errors = useApiFormErrors(form, (f) => (['related_account_id', 'kind', 'note'].includes(f) ? [f] : undefined));
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) as LinkKind | undefined;

  const submit = async (v: LinkInput) => {
    setSaving(true);
    errors.setBanner(null);
    try {
      await call(api.POST('/api/v1/accounts/{id}/links', { params: { path: { id: account.id } }, body: { related_account_id: v.related_account_id, kind: v.kind, note: v.note?.trim() || undefined } }));
      message.success(t('link.added'));
      qc.invalidateQueries({ queryKey: keys.links(account.id) });
      qc.invalidateQueries({ queryKey: keys.history('account', account.id) });
      form.resetFields();
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('link.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <FormBanner banner={errors.banner} onReload={() => errors.setBanner(null)} />
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="related_account_id" label={t('field.related_account_id')} rules={[{ required: true, message: t('reason.required') }]}>
          <AccountSelect excludeId={account.id} placeholder={t('link.searchAccount')} />
        </Form.Item>
        <Form.Item name="kind" label={t('link.kindHint')} rules={[{ required: true, message: t('reason.required') }]} extra={kind ? t('link.readsAs', { other: '…', self: account.name, role: t(`link.${kind}`) }) : undefined}>
          <Select options={linkKinds.map((k) => ({ value: k, label: t(`link.${k}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
