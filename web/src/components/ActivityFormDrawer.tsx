import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call, ifMatch } from '../api/client';
import { activityKeys } from '../api/activityQueries';
import { keys, useAccountContacts } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { activityCreateBody, activityFieldPath, activityUpdateBody, activityValuesFrom, channels, newActivityValues, type Activity, type ActivityFormValues } from '../lib/activities';
import { instantValue } from '../lib/dateValues';
import { DueFields } from './DueFields';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';

/**
 * Logs an activity (跟单记录) on an account, optionally on one of its
 * opportunities and with its contacts, or edits one (activity set). A next
 * step with a due date becomes the caller's task in the to-do centre, and
 * the task follows later edits of the next step.
 */
export function ActivityFormDrawer({
  open,
  account,
  opportunityId,
  contactId,
  activity,
  onClose,
}: {
  open: boolean;
  account: { id: string; name: string };
  opportunityId?: string;
  contactId?: string;
  activity?: Activity;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActivityFormValues>();
  const errors = useApiFormErrors(form, activityFieldPath);
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const contacts = useAccountContacts(open ? account.id : '');
  const due = Form.useWatch('next_step_due', form);

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(
      activity ? activityValuesFrom(activity, (iso, pattern) => dayjs(iso).format(pattern)) : newActivityValues(account.id, { opportunityId, contactId }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as ActivityFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (activity) {
        await call(
          api.PATCH('/api/v1/activities/{id}', {
            params: { path: { id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } },
            body: activityUpdateBody(v),
          }),
        );
      } else {
        await call(api.POST('/api/v1/activities', { body: activityCreateBody(v) }));
      }
      qc.invalidateQueries({ queryKey: activityKeys.all });
      qc.invalidateQueries({ queryKey: keys.account(account.id) }); // hotness moved
      qc.invalidateQueries({ queryKey: keys.accounts });
      message.success(t(activity ? 'common.savedOk' : 'activity.loggedOk'));
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
      width={640}
      title={t(activity ? 'activity.editFor' : 'activity.logFor', { name: account.name })}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="activity-save"
    >
      <FormBanner banner={errors.banner} onReload={() => setBanner(null)} />
      <Form<ActivityFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Space wrap align="start" size="large">
          <Form.Item name="channel" label={t('activity.channel')} rules={[{ required: true, message: t('reason.required') }]}>
            <Select style={{ width: 160 }} options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="activity-channel" />
          </Form.Item>
          <Form.Item name="direction" label={t('activity.direction')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'outbound', label: t('direction.outbound') },
                { value: 'inbound', label: t('direction.inbound') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="occurred_at"
            label={t('activity.occurredAt')}
            extra={t('activity.occurredNow')}
            {...instantValue}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="subject" label={t('activity.subject')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="activity-subject" />
        </Form.Item>
        <Form.Item name="contact_ids" label={t('activity.contacts')}>
          <Select
            mode="multiple"
            allowClear
            loading={contacts.isLoading}
            optionFilterProp="label"
            options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
            data-testid="activity-contacts"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('activity.notes')}>
          <Input.TextArea maxLength={2000} rows={4} data-testid="activity-notes" />
        </Form.Item>
        <Form.Item name="outcome" label={t('activity.outcome')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item
          name="next_step"
          label={t('activity.nextStep')}
          extra={t('activity.nextStepHint')}
          rules={due ? [{ required: true, whitespace: true, message: t('reason.required') }] : []}
        >
          <Input maxLength={200} data-testid="activity-next-step" />
        </Form.Item>
        <Space wrap align="start" size="large">
          <DueFields day="next_step_due" time="next_step_time" dayLabel={t('activity.nextStepDue')} dayTestId="activity-next-step-due" />
        </Space>
      </Form>
    </FormDrawer>
  );
}
