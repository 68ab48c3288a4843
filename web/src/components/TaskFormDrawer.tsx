import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { activityKeys } from '../api/activityQueries';
import { useI18n } from '../i18n/I18nProvider';
import { taskCreateBody, taskFieldPath, type TaskFormValues } from '../lib/activities';
import { instantValue } from '../lib/dateValues';
import { DueFields } from './DueFields';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';

/** Creates a task of the caller's, optionally on an account, with a reminder. */
export function TaskFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TaskFormValues>();
  const errors = useApiFormErrors(form, taskFieldPath);
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState('');
  const accounts = useQuery({
    queryKey: ['accounts', 'pick', search],
    queryFn: () => call(api.GET('/api/v1/accounts', { params: { query: { q: search || undefined, limit: 20 } } })),
    enabled: open,
    staleTime: 30_000,
  });

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as TaskFormValues;
    setSaving(true);
    try {
      await call(api.POST('/api/v1/tasks', { body: taskCreateBody(v) }));
      qc.invalidateQueries({ queryKey: activityKeys.all });
      message.success(t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={520}
      title={t('todo.newTask')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="task-save"
    >
      <FormBanner banner={errors.banner} onReload={() => setBanner(null)} />
      <Form<TaskFormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('task.title')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Space wrap align="start" size="large">
          <DueFields day="due_day" time="due_time" dayLabel={t('task.due')} dayTestId="task-due" />
          <Form.Item name="remind_at" label={t('task.remindAt')} {...instantValue}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="account_id" label={t('task.account')}>
          <Select
            showSearch
            allowClear
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('task.pickAccount')}
            loading={accounts.isFetching}
            options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('task.notes')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
