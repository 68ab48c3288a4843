import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Radio, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, ifMatch, type Schemas } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { errorText, reasonText } from '../errorText';

type Settings = Schemas['WorkspaceSettings'];
type Values = Pick<Settings, 'pool_days' | 'pool_claim_limit' | 'sales_scope'>;

export const settingsKey = ['settings'] as const;

/** The public pool's rules and the sales reps' record scope. */
export function PoolSettingsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => call(api.GET('/api/v1/settings')) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isLoading) return <Spin />;
  if (settings.isError || !settings.data) return <Alert type="error" showIcon message={errorText(t, settings.error)} />;
  const current = settings.data;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const s = await call(api.PATCH('/api/v1/settings', { params: { header: { 'If-Match': ifMatch(current.version) } }, body: v }));
      qc.setQueryData(settingsKey, s);
      qc.invalidateQueries({ queryKey: ['pool'] });
      message.success(t('settings.pool.saved'));
    } catch (e) {
      if (isApiError(e) && e.fieldErrors.length > 0) {
        form.setFields(
          e.fieldErrors.map((f) => ({ name: f.field as keyof Values, errors: [reasonText(t, f.reason ?? '') ?? f.message ?? ''] })),
        );
      }
      message.error(errorText(t, e));
      qc.invalidateQueries({ queryKey: settingsKey });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="settings-pool">
      <Typography.Paragraph type="secondary">{t('settings.pool.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <Form.Item name="pool_days" label={t('settings.pool.days')} extra={t('settings.pool.daysHelp')} rules={[{ required: true }]}>
          <InputNumber min={0} max={3650} precision={0} addonAfter={t('settings.pool.daysUnit')} data-testid="settings-pool-days" />
        </Form.Item>
        <Form.Item name="pool_claim_limit" label={t('settings.pool.limit')} extra={t('settings.pool.limitHelp')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} data-testid="settings-pool-limit" />
        </Form.Item>
        <Form.Item name="sales_scope" label={t('settings.salesScope')} extra={t('settings.salesScopeHelp')}>
          <Radio.Group
            options={[
              { value: 'own', label: t('settings.salesScope.own') },
              { value: 'team', label: t('settings.salesScope.team') },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-pool-save">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
