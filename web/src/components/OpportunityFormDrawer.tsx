import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { api, call, ifMatch, type Schemas } from '../api/client';
import { keys, usePipelineStages } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { hasKey } from '../i18n/messages';
import { dayValue } from '../lib/dateValues';
import { parseYuan } from '../lib/money';
import {
  newOpportunityValues,
  opportunityCreateBody,
  opportunityFieldPath,
  opportunityUpdateBody,
  opportunityValuesFrom,
  type OpportunityFormValues,
} from '../lib/opportunityForm';
import { isClosed } from '../lib/pipelineBoard';
import { stageName } from '../lib/opportunityPage';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';

type Opportunity = Schemas['Opportunity'];
type Stage = Schemas['PipelineStage'];

/**
 * A stage's label in the reader's language: the workspace's own (admins
 * rename stages in both languages), else the UI's label for a default key,
 * else the key.
 */
export function useStageLabel() {
  const { t, locale } = useI18n();
  const { stages } = usePipelineStages();
  return (stage: Pick<Stage, 'key'> & { name?: string; name_zh?: string }) => {
    const stored = stages.find((s) => s.key === stage.key) ?? stage;
    const own = stageName(stored, locale);
    if (own) return own;
    const k = `pipelineStage.${stage.key}`;
    return hasKey(k) ? t(k) : stage.key;
  };
}

/** Accounts found by name for the account picker (one page of 20). */
function useAccountSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['accounts', 'pick', q],
    queryFn: () => call(api.GET('/api/v1/accounts', { params: { query: { q: q || undefined, limit: 20 } } })),
    enabled,
    staleTime: 30_000,
  });
}

/**
 * Creates an opportunity (on a fixed account, or one picked) or edits one.
 * The stage is chosen on create; afterwards it changes by moving the card
 * on the pipeline board.
 */
export function OpportunityFormDrawer({
  open,
  account,
  opportunity,
  onClose,
}: {
  open: boolean;
  account?: { id: string; name: string };
  opportunity?: Opportunity;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OpportunityFormValues>();
  const errors = useApiFormErrors(form, opportunityFieldPath);
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState('');
  const { stages } = usePipelineStages();
  const stageLabel = useStageLabel();
  const accounts = useAccountSearch(search, open && !account && !opportunity);
  const stage = Form.useWatch('stage', form);
  const closing = isClosed(stages.find((s) => s.key === (stage ?? opportunity?.stage))?.kind);

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(opportunity ? opportunityValuesFrom(opportunity) : newOpportunityValues(account?.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as OpportunityFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (opportunity) {
        const body = opportunityUpdateBody(v, opportunity);
        if (Object.keys(body).length > 0) {
          await call(
            api.PATCH('/api/v1/opportunities/{id}', { params: { path: { id: opportunity.id }, header: { 'If-Match': ifMatch(opportunity.version) } }, body }),
          );
        }
      } else {
        await call(api.POST('/api/v1/opportunities', { body: opportunityCreateBody(v) }));
      }
      qc.invalidateQueries({ queryKey: keys.opportunities });
      qc.invalidateQueries({ queryKey: keys.pipeline });
      message.success(opportunity ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const amountRule = (required: boolean) => ({
    validator: (_: unknown, v?: string) => {
      if (!v?.trim()) return required ? Promise.reject(new Error(t('reason.required'))) : Promise.resolve();
      const fen = parseYuan(v);
      return fen === null || fen < 0 ? Promise.reject(new Error(t('opportunity.notAmount'))) : Promise.resolve();
    },
  });
  const title = opportunity
    ? t('opportunity.edit', { name: opportunity.name })
    : account
      ? t('opportunity.newFor', { name: account.name })
      : t('opportunity.new');

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={720}
      title={title}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="opportunity-save"
      actions={
        opportunity && (
          <Link to={`/opportunities/${opportunity.id}`} data-testid="opportunity-page-link">
            {t('oppPage.open')}
          </Link>
        )
      }
    >
      <FormBanner banner={errors.banner} onReload={() => setBanner(null)} />
      <Form<OpportunityFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        {!account && !opportunity && (
          <Form.Item name="account_id" label={t('opportunity.account')} rules={[{ required: true, message: t('reason.required') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={t('opportunity.pickAccount')}
              loading={accounts.isFetching}
              options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="opportunity-account"
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('opportunity.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="opportunity-name" />
        </Form.Item>
        <Space wrap align="start" size="large">
          <Form.Item name="stage" label={t('opportunity.stage')}>
            <Select
              style={{ width: 200 }}
              disabled={!!opportunity}
              placeholder={stages[0] ? stageLabel(stages[0]) : undefined}
              options={stages.map((s) => ({ value: s.key, label: stageLabel(s) }))}
              data-testid="opportunity-stage"
            />
          </Form.Item>
          <Form.Item name="amount" label={t('field.amount')} rules={[amountRule(true)]} extra={t('opportunity.amountHint')}>
            <Input addonBefore="¥" inputMode="decimal" style={{ width: 200 }} data-testid="opportunity-amount" />
          </Form.Item>
          <Form.Item name="probability" label={t('field.probability')} extra={t('opportunity.probabilityHint')}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="expected_close"
            label={t('field.expected_close')}
            rules={[{ required: true, message: t('reason.required') }]}
            {...dayValue}
          >
            <DatePicker data-testid="opportunity-close" />
          </Form.Item>
          <Form.Item name="budget" label={t('field.budget')} rules={[amountRule(false)]} extra={t('opportunity.budgetHint')}>
            <Input addonBefore="¥" inputMode="decimal" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('opportunity.buyingProcess')}</Typography.Title>
        {(['problem', 'purchase_plan', 'purchase_timeline', 'purchasing_process', 'competitors'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`field.${k}`)}>
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
        ))}
        <Form.Item
          name="win_loss_reason"
          label={t('field.win_loss_reason')}
          rules={closing ? [{ required: true, whitespace: true, message: t('reason.required') }] : []}
        >
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
