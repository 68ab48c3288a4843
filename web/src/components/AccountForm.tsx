import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Divider, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call, ifMatch, type Account } from '../api/client';
import { keys, useFieldDefinitions } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { creditCodeProblem, normalizeCreditCode } from '../lib/creditCode';
import { accountCreateBody, accountFieldPath, accountToValues, accountUpdateBody, type AccountFormValues } from '../lib/accountForm';
import { parseYuan } from '../lib/money';
import { CustomFieldInput, EnumSelect, UserSelect } from './fields';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';
import { UserName } from './UserName';

interface Props {
  open: boolean;
  /** The account to edit; none to create one. */
  account?: Account;
  onClose: () => void;
  onSaved?: (a: Account) => void;
}

/** Creates or edits an account in a drawer. */
export function AccountFormDrawer({ open, account, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AccountFormValues>();
  const { defs } = useFieldDefinitions('account');
  const known = useMemo(() => accountFieldPath(defs), [defs]);
  const errors = useApiFormErrors(form, known, defs);
  const [base, setBase] = useState<Account | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const kind = Form.useWatch('kind', form);
  const finance = me.permissions.see_finance;
  const editing = !!account;
  const { setBanner } = errors;

  // The version the user edits is the one shown when the drawer opened; a
  // background refresh must not silently move it forward.
  useEffect(() => {
    if (!open) return;
    setBase(account);
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(accountToValues(account) as never);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const reload = async () => {
    if (!account) return;
    setReloading(true);
    try {
      const fresh = await qc.fetchQuery({
        queryKey: keys.account(account.id),
        queryFn: () => call(api.GET('/api/v1/accounts/{id}', { params: { path: { id: account.id } } })),
        staleTime: 0,
      });
      setBase(fresh);
      form.resetFields();
      form.setFieldsValue(accountToValues(fresh) as never);
      setBanner(null);
    } catch (e) {
      errors.handle(e);
    } finally {
      setReloading(false);
    }
  };

  // The whole form store, not only the mounted fields: a field the user
  // cannot see (owner without the right to assign, hidden finance fields)
  // keeps the value it was loaded with and so is never sent as cleared.
  const submit = async () => {
    const v = form.getFieldsValue(true) as AccountFormValues;
    setSaving(true);
    setBanner(null);
    try {
      let saved: Account;
      if (base) {
        const body = accountUpdateBody(v, base, finance);
        saved =
          Object.keys(body).length === 0
            ? base
            : await call(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
      } else {
        saved = await call(api.POST('/api/v1/accounts', { body: accountCreateBody(v, finance) }));
      }
      qc.setQueryData(keys.account(saved.id), saved);
      qc.invalidateQueries({ queryKey: keys.accounts });
      qc.invalidateQueries({ queryKey: keys.history('account', saved.id) });
      message.success(editing ? t('common.savedOk') : t('common.createdOk'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const hiddenFinance = !finance || !!base?.redacted?.some((f) => f === 'credit_rating' || f === 'credit_limit');

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={760}
      title={editing ? t('account.edit') : t('account.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="account-save"
      saveDisabled={errors.banner?.kind === 'conflict'}
    >
      <FormBanner banner={errors.banner} onReload={reload} reloading={reloading} />
      <Form<AccountFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError disabled={errors.banner?.kind === 'conflict'}>
        <Divider orientation="left" orientationMargin={0}>
          {t('account.section.basic')}
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('reason.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'organization', label: t('kind.organization') }, { value: 'individual', label: t('kind.individual') }]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 200, message: t('reason.too_long') }]}>
              <Input maxLength={200} data-testid="account-name" />
            </Form.Item>
          </Col>
          {kind === 'organization' && (
            <Col span={12}>
              <Form.Item
                name="credit_code"
                label={t('field.credit_code')}
                extra={t('account.creditCodeHint')}
                normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
                rules={[
                  { required: true, message: t('reason.required') },
                  {
                    validator: (_, v: string) => {
                      if (!v) return Promise.resolve();
                      const p = creditCodeProblem(normalizeCreditCode(v));
                      if (p === 'length') return Promise.reject(new Error(t('account.creditCodeLength')));
                      if (p === 'check') return Promise.reject(new Error(t('account.creditCodeBad')));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input maxLength={18} showCount className="gx-mono" data-testid="account-credit-code" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="industry" label={t('field.industry')}>
              <EnumSelect name="industry" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="size" label={t('field.size')}>
              <EnumSelect name="size" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="source" label={t('field.source')}>
              <EnumSelect name="source" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('field.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('list.tagsPlaceholder')} maxCount={20} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('account.section.channels')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="phone" label={t('field.phone')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('field.email')} rules={[{ type: 'email', message: t('reason.invalid') }]}>
              <Input maxLength={254} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="website" label={t('field.website')} rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('reason.invalid') }]}>
              <Input maxLength={2000} placeholder="https://" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="region" label={t('field.region')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('field.address')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('account.section.ownership')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            {me.permissions.assign_owners ? (
              <Form.Item name="owner_id" label={t('field.owner_id')}>
                <UserSelect />
              </Form.Item>
            ) : (
              <Form.Item label={t('field.owner_id')}>
                <Typography.Text type="secondary">{base ? <UserName id={base.owner_id} /> : me.user.name}</Typography.Text>
              </Form.Item>
            )}
          </Col>
        </Row>

        {!hiddenFinance && (
          <>
            <Divider orientation="left" orientationMargin={0}>
              {t('account.section.finance')}
            </Divider>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="credit_rating" label={t('field.credit_rating')}>
                  <EnumSelect name="credit_rating" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item
                  name="credit_limit_yuan"
                  label={`${t('field.credit_limit')} · ${t('account.amountYuan')}`}
                  rules={[{ validator: (_, v: string) => (!v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('reason.invalid')))) }]}
                >
                  <Input inputMode="decimal" placeholder="0.00" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="credit_limit_currency" label={t('field.credit_limit.currency')} normalize={(v: string) => (v ?? '').toUpperCase()}>
                  <Input maxLength={3} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        {defs.length > 0 && (
          <>
            <Divider orientation="left" orientationMargin={0}>
              {t('account.section.custom')}
            </Divider>
            <Row gutter={16}>
              {defs.map((d) => (
                <Col span={d.type === 'long_text' ? 24 : 12} key={d.id}>
                  <Form.Item name={['custom', d.key]} label={d.label} rules={d.required ? [{ required: true, message: t('reason.required') }] : undefined} valuePropName="value">
                    <CustomFieldInput def={d} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}

        <Divider orientation="left" orientationMargin={0}>
          {t('account.section.background')}
        </Divider>
        <Form.Item name="description">
          <Input.TextArea rows={4} maxLength={10000} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
