import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, ifMatch, type Schemas } from '../api/client';
import { activityKeys, useAccountPlans } from '../api/activityQueries';
import { useAccountContacts, useUsers } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { dayValue } from '../lib/dateValues';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { UserName } from './UserName';
import { errorText } from './errorText';
import { useApiFormErrors } from './useApiFormErrors';

type Plan = Schemas['KeyAccountPlan'];
type PlanFields = Schemas['KeyAccountPlanFields'];

const planFields = new Set(['kind', 'title', 'due_date', 'attendee_user_ids', 'attendee_contact_ids', 'notes']);

/**
 * An account's key-account plans (大客户座谈会, 高层拜访): planned ones past
 * their day are overdue, and also show in the owner's and their managers'
 * to-do centres.
 */
export function KeyAccountPlans({ account, canWrite }: { account: { id: string; name: string }; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useAccountPlans(account.id);
  const [adding, setAdding] = useState(false);

  const setStatus = async (p: Plan, status: 'done' | 'cancelled') => {
    try {
      await call(api.PATCH('/api/v1/key-account-plans/{id}', { params: { path: { id: p.id }, header: { 'If-Match': ifMatch(p.version) } }, body: { status } }));
      qc.invalidateQueries({ queryKey: activityKeys.all });
      message.success(t('common.savedOk'));
    } catch (e) {
      message.error(errorText(t, e));
      qc.invalidateQueries({ queryKey: activityKeys.plans(account.id) });
    }
  };

  return (
    <div data-testid="plans">
      <Space className="gx-timeline-actions" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          <FlagOutlined /> {t('plan.title')}
        </Typography.Title>
        {canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="plan-new">
            {t('plan.new')}
          </Button>
        )}
      </Space>
      {q.isLoading ? (
        <Spin />
      ) : (q.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.empty')} />
      ) : (
        <List
          size="small"
          dataSource={q.data ?? []}
          renderItem={(p) => (
            <List.Item
              actions={
                canWrite && p.status === 'planned'
                  ? [
                      <a key="done" onClick={() => setStatus(p, 'done')}>
                        {t('plan.markDone')}
                      </a>,
                      <a key="cancel" onClick={() => setStatus(p, 'cancelled')}>
                        {t('plan.cancel')}
                      </a>,
                    ]
                  : []
              }
            >
              <Space wrap size={[8, 0]}>
                <Tag color="purple">{t(`plan.kind.${p.kind}`)}</Tag>
                <Typography.Text strong>{p.title}</Typography.Text>
                <Typography.Text type="secondary">{p.due_date}</Typography.Text>
                <Tag color={p.status === 'done' ? 'green' : p.status === 'cancelled' ? 'default' : 'blue'}>{t(`plan.status.${p.status}`)}</Tag>
                {p.overdue && <Tag color="red">{t('plan.overdue')}</Tag>}
                {(p.attendee_user_ids ?? []).map((u) => (
                  <Tag key={u} className="gx-tag-sm">
                    <UserName id={u} />
                  </Tag>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
      <PlanFormDrawer open={adding} account={account} onClose={() => setAdding(false)} />
    </div>
  );
}

function PlanFormDrawer({ open, account, onClose }: { open: boolean; account: { id: string; name: string }; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanFields>();
  const errors = useApiFormErrors(form, (f) => (planFields.has(f) ? [f] : undefined));
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const users = useUsers();
  const contacts = useAccountContacts(open ? account.id : '');

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue({ account_id: account.id, kind: 'key_account_meeting' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as PlanFields;
    setSaving(true);
    try {
      await call(api.POST('/api/v1/key-account-plans', { body: { ...v, title: (v.title ?? '').trim(), account_id: account.id } }));
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
      width={560}
      title={t('plan.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="plan-save"
    >
      <FormBanner banner={errors.banner} onReload={() => setBanner(null)} />
      <Form<PlanFields> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t('plan.kind')}>
          <Select
            options={[
              { value: 'key_account_meeting', label: t('plan.kind.key_account_meeting') },
              { value: 'executive_visit', label: t('plan.kind.executive_visit') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('plan.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="plan-title" />
        </Form.Item>
        <Form.Item
          name="due_date"
          label={t('plan.due')}
          rules={[{ required: true, message: t('reason.required') }]}
          {...dayValue}
        >
          <DatePicker data-testid="plan-due" />
        </Form.Item>
        <Form.Item name="attendee_user_ids" label={t('plan.ourAttendees')}>
          <Select mode="multiple" optionFilterProp="label" options={users.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="attendee_contact_ids" label={t('plan.customerAttendees')}>
          <Select mode="multiple" optionFilterProp="label" options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('plan.notes')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
