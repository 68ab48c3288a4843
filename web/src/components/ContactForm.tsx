import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Col, Divider, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call, ifMatch, type Contact } from '../api/client';
import { keys, useAccountContacts, useFieldDefinitions } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { consentChannels, contactFunctions, contactLevels } from '../i18n/enums';
import { contactCreateBody, contactFieldPath, contactToValues, contactUpdateBody, profileFormOrder, shortProfileFields, type ContactFormValues } from '../lib/contactForm';
import { AccountSelect, CustomFieldInput, DateStringInput, UserSelect } from './fields';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';
import { UserName } from './UserName';

interface Props {
  open: boolean;
  contact?: Contact;
  /** When creating from an account page: the account, fixed. */
  account?: { id: string; name: string };
  onClose: () => void;
  onSaved?: (c: Contact) => void;
}

/** Creates or edits a contact in a drawer. */
export function ContactFormDrawer({ open, contact, account, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ContactFormValues>();
  const { defs } = useFieldDefinitions('contact');
  const known = useMemo(() => contactFieldPath(defs), [defs]);
  const errors = useApiFormErrors(form, known, defs);
  const { setBanner } = errors;
  const [base, setBase] = useState<Contact | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const accountId = Form.useWatch('account_id', form) ?? contact?.account_id ?? account?.id;
  const colleagues = useAccountContacts(accountId ?? '');
  const editing = !!contact;
  const profileAllowed = !base?.redacted?.includes('personal_profile');

  useEffect(() => {
    if (!open) return;
    setBase(contact);
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(contactToValues(contact, account?.id) as never);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const reportsToOptions = useMemo(
    () =>
      (accountId ? colleagues.data?.items ?? [] : [])
        .filter((c) => c.id !== base?.id)
        .map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name })),
    [colleagues.data, base?.id, accountId],
  );

  const reload = async () => {
    if (!contact) return;
    setReloading(true);
    try {
      const fresh = await qc.fetchQuery({
        queryKey: keys.contact(contact.id),
        queryFn: () => call(api.GET('/api/v1/contacts/{id}', { params: { path: { id: contact.id } } })),
        staleTime: 0,
      });
      setBase(fresh);
      form.resetFields();
      form.setFieldsValue(contactToValues(fresh) as never);
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
    const v = form.getFieldsValue(true) as ContactFormValues;
    setSaving(true);
    setBanner(null);
    try {
      let saved: Contact;
      if (base) {
        const body = contactUpdateBody(v, base, profileAllowed);
        saved =
          Object.keys(body).length === 0
            ? base
            : await call(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
      } else {
        saved = await call(api.POST('/api/v1/contacts', { body: contactCreateBody({ ...v, account_id: v.account_id ?? account?.id }, true) }));
      }
      qc.setQueryData(keys.contact(saved.id), saved);
      qc.invalidateQueries({ queryKey: keys.contacts });
      qc.invalidateQueries({ queryKey: keys.history('contact', saved.id) });
      message.success(editing ? t('common.savedOk') : t('common.createdOk'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const conflict = errors.banner?.kind === 'conflict';
  const fixedAccount = editing ? { id: contact!.account_id, name: contact!.account_name ?? '' } : account;

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={760}
      title={editing ? t('contact.edit') : t('contact.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="contact-save"
      saveDisabled={conflict}
    >
      <FormBanner banner={errors.banner} onReload={reload} reloading={reloading} />
      <Form<ContactFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError disabled={conflict}>
        <Divider orientation="left" orientationMargin={0}>
          {t('contact.section.basic')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('field.contact_name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
              <Input maxLength={200} data-testid="contact-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {fixedAccount ? (
              <Form.Item label={t('field.account_id')}>
                <Typography.Text strong>{fixedAccount.name}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="account_id" label={t('field.account_id')} rules={[{ required: true, message: t('reason.required') }]}>
                <AccountSelect placeholder={t('link.searchAccount')} />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="title" label={t('field.title')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="department" label={t('field.department')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reports_to_id" label={t('field.reports_to_id')}>
              <Select allowClear showSearch optionFilterProp="label" options={reportsToOptions} loading={colleagues.isLoading} disabled={!accountId || conflict} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('field.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('list.tagsPlaceholder')} maxCount={20} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('contact.section.role')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="level" label={t('field.level')} rules={[{ required: true, message: t('reason.required') }]}>
              <Radio.Group optionType="button" options={contactLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))} data-testid="contact-level" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="function" label={t('field.function')} rules={[{ required: true, message: t('reason.required') }]}>
              <Radio.Group optionType="button" options={contactFunctions.map((f) => ({ value: f, label: t(`function.${f}`) }))} data-testid="contact-function" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="concerns" label={t('field.concerns')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('contact.section.channels')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="mobile" label={t('field.mobile')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
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
            <Form.Item name="wechat" label={t('field.wechat')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('field.address')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('field.consent')} extra={t('contact.consentHint')}>
              <Space wrap>
                {consentChannels.map((ch) => (
                  <Form.Item key={ch} name={['consent', ch]} valuePropName="checked" noStyle>
                    <Checkbox>{t(`consent.${ch}`)}</Checkbox>
                  </Form.Item>
                ))}
              </Space>
            </Form.Item>
          </Col>
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

        {defs.length > 0 && (
          <>
            <Divider orientation="left" orientationMargin={0}>
              {t('contact.section.custom')}
            </Divider>
            <Row gutter={16}>
              {defs.map((d) => (
                <Col span={d.type === 'long_text' ? 24 : 12} key={d.id}>
                  <Form.Item name={['custom', d.key]} label={d.label} rules={d.required ? [{ required: true, message: t('reason.required') }] : undefined}>
                    <CustomFieldInput def={d} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}

        {profileAllowed && (
          <>
            <Divider orientation="left" orientationMargin={0}>
              {t('contact.section.profile')} <Typography.Text type="secondary" className="gx-small">({t('contact.profileHint')})</Typography.Text>
            </Divider>
            <Row gutter={16}>
              {profileFormOrder.map((f) => (
                <Col span={shortProfileFields.includes(f) ? 8 : 12} key={f}>
                  <Form.Item name={['personal_profile', f]} label={t(`profile.${f}`)}>
                    {f === 'birthday' ? <DateStringInput disabledFuture /> : f === 'hometown' || f === 'university' ? <Input maxLength={100} /> : <Input.TextArea rows={2} maxLength={2000} />}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
