import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call, type APIToken } from '../api/client';
import type { NamePath } from '../api/errors';
import { keys, useTokens } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { curlExample } from '../lib/apiToken';
import { errorText } from './errorText';
import { FormBanner } from './FormBanner';
import { useApiFormErrors } from './useApiFormErrors';

const tokenField = (f: string): NamePath | undefined => (f === 'name' ? ['name'] : undefined);

/** The signed-in user's personal API tokens: list, create (shown once), revoke. */
export function ApiTokens() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { tokens, isLoading } = useTokens();
  const [form] = Form.useForm<{ name: string }>();
  const errors = useApiFormErrors(form, tokenField);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const origin = window.location.origin;

  const create = async ({ name }: { name: string }) => {
    setCreating(true);
    errors.setBanner(null);
    try {
      const r = await call(api.POST('/api/v1/me/tokens', { body: { name: name.trim() } }));
      setCreated({ token: r.token, name: r.name });
      form.resetFields();
      qc.invalidateQueries({ queryKey: keys.tokens });
    } catch (e) {
      errors.handle(e);
    } finally {
      setCreating(false);
    }
  };

  const revoke = (tk: APIToken) =>
    modal.confirm({
      title: t('token.confirmRevoke', { name: tk.name }),
      content: t('token.revokeDesc'),
      okText: t('token.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: tk.id } } }));
          message.success(t('token.revokedOk'));
        } catch (e) {
          message.error(errorText(t, e));
        } finally {
          qc.invalidateQueries({ queryKey: keys.tokens });
        }
      },
    });

  return (
    <div data-testid="api-tokens">
      <Typography.Paragraph type="secondary">{t('token.hint')}</Typography.Paragraph>
      <FormBanner banner={errors.banner?.kind === 'error' ? errors.banner : null} onReload={() => {}} />
      <Form form={form} layout="inline" onFinish={create} className="gx-mb" requiredMark={false}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 100, message: t('reason.too_long') }]} className="gx-token-name">
          <Input maxLength={100} placeholder={t('token.namePlaceholder')} aria-label={t('token.name')} data-testid="token-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={creating} data-testid="token-create">
            {t('token.new')}
          </Button>
        </Form.Item>
      </Form>
      <Table<APIToken>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={tokens}
        pagination={false}
        locale={{ emptyText: t('token.empty') }}
        data-testid="token-table"
        columns={[
          { key: 'name', title: t('token.name'), render: (_, tk) => <span className="gx-strong-link">{tk.name}</span> },
          { key: 'created_at', title: t('token.createdAt'), render: (_, tk) => dayjs(tk.created_at).format('YYYY-MM-DD HH:mm') },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_, tk) => (
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => revoke(tk)} data-testid={`token-revoke-${tk.name}`}>
                {t('token.revoke')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Title level={5} className="gx-subtitle">
        {t('token.example')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('token.exampleHint')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: curlExample(origin, t('token.placeholder')), tooltips: [t('common.copy'), t('common.copied')] }}>
        <pre className="gx-code">{curlExample(origin, t('token.placeholder'))}</pre>
      </Typography.Paragraph>

      <Modal
        open={!!created}
        title={created ? t('token.createdTitle', { name: created.name }) : ''}
        closable={false}
        maskClosable={false}
        keyboard={false}
        width={640}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="token-done">
            {t('token.done')}
          </Button>
        }
      >
        {created && (
          <div data-testid="token-created">
            <Alert className="gx-mb" type="warning" showIcon message={t('token.once')} />
            <Typography.Paragraph copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }} className="gx-token-value">
              <code className="gx-mono" data-testid="token-value">
                {created.token}
              </code>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('token.exampleHint')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: curlExample(origin, created.token), tooltips: [t('common.copy'), t('common.copied')] }}>
              <pre className="gx-code">{curlExample(origin, created.token)}</pre>
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </div>
  );
}
