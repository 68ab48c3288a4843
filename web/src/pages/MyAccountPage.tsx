import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../api/client';
import type { NamePath } from '../api/errors';
import { keys, useTeams } from '../api/queries';
import { useAuth, useMe } from '../auth/AuthProvider';
import { ApiTokens } from '../components/ApiTokens';
import { Empty } from '../components/Hidden';
import { FormBanner } from '../components/FormBanner';
import { useApiFormErrors } from '../components/useApiFormErrors';
import { useI18n } from '../i18n/I18nProvider';
import { isLocale, locales, type Locale } from '../i18n/messages';
import { teamPath } from '../lib/teamTree';
import { minPasswordLength } from '../lib/userForm';

interface ProfileValues {
  name: string;
  locale: Locale;
}

interface PasswordValues {
  current_password: string;
  password: string;
  password_confirm: string;
}

const profileField = (f: string): NamePath | undefined => (f === 'name' || f === 'locale' ? [f] : undefined);
const passwordField = (f: string): NamePath | undefined => (f === 'password' || f === 'current_password' ? [f] : undefined);

/** The signed-in user's own settings: name, language, password, API tokens. */
export function MyAccountPage() {
  const { t } = useI18n();
  return (
    <div className="gx-page" data-testid="my-account">
      <div className="gx-page-head">
        <Typography.Title level={3} className="gx-page-title">
          {t('me.title')}
        </Typography.Title>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <ProfileCard />
        </Col>
        <Col xs={24} xl={12}>
          <PasswordCard />
        </Col>
        <Col span={24}>
          <Card className="gx-card" title={t('token.title')}>
            <ApiTokens />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function ProfileCard() {
  const { t, label, locale, setLocale } = useI18n();
  const me = useMe();
  const { setUser } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { teams } = useTeams();
  const [form] = Form.useForm<ProfileValues>();
  const errors = useApiFormErrors(form, profileField);
  const [saving, setSaving] = useState(false);
  const team = useMemo(() => (me.user.team_id ? teamPath(teams, me.user.team_id).join(' / ') : ''), [teams, me.user.team_id]);

  // The header's language switch changes the same setting.
  useEffect(() => {
    form.setFieldsValue({ locale: isLocale(me.user.locale) ? me.user.locale : locale });
  }, [form, me.user.locale, locale]);

  const submit = async (v: ProfileValues) => {
    const body: { name?: string; locale?: Locale } = {};
    if (v.name.trim() !== me.user.name) body.name = v.name.trim();
    if (v.locale !== me.user.locale) body.locale = v.locale;
    setSaving(true);
    errors.setBanner(null);
    try {
      if (Object.keys(body).length) {
        const u = await call(api.PATCH('/api/v1/me', { body }));
        setUser(u);
        if (body.locale) setLocale(body.locale);
        qc.invalidateQueries({ queryKey: keys.users });
      }
      message.success(t('common.savedOk'));
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card className="gx-card" title={t('me.profile')}>
      <Descriptions size="small" column={1} bordered className="gx-mb">
        <Descriptions.Item label={t('me.email')}>{me.user.email}</Descriptions.Item>
        <Descriptions.Item label={t('me.role')}>
          <Tag>{label('role', me.user.role)}</Tag>
          <Typography.Text type="secondary" className="gx-small">
            {label('roleDesc', me.user.role)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('me.team')}>{team || <Empty />}</Descriptions.Item>
      </Descriptions>
      <FormBanner banner={errors.banner} onReload={() => {}} />
      <Form<ProfileValues> form={form} layout="vertical" onFinish={submit} initialValues={{ name: me.user.name, locale: me.user.locale }} data-testid="profile-form">
        <Form.Item name="name" label={t('me.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 200, message: t('reason.too_long') }]}>
          <Input maxLength={200} data-testid="profile-name" />
        </Form.Item>
        <Form.Item name="locale" label={t('me.language')} extra={t('me.languageHint')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useI18n();
  const me = useMe();
  const { endSession } = useAuth();
  const [form] = Form.useForm<PasswordValues>();
  const errors = useApiFormErrors(form, passwordField);
  const [saving, setSaving] = useState(false);

  const submit = async (v: PasswordValues) => {
    setSaving(true);
    errors.setBanner(null);
    try {
      await call(api.PATCH('/api/v1/me', { body: { password: v.password, current_password: v.current_password } }));
      // The server has ended every session of this user, this one included:
      // say so on the login page instead of "your session has expired".
      endSession('passwordChanged');
    } catch (e) {
      errors.handle(e);
      setSaving(false);
    }
  };

  return (
    <Card className="gx-card" title={t('me.password')}>
      <Typography.Paragraph type="secondary">{t('me.passwordHint')}</Typography.Paragraph>
      <FormBanner banner={errors.banner} onReload={() => {}} />
      <Form<PasswordValues> form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={me.user.email} readOnly hidden />
        <Form.Item name="current_password" label={t('me.currentPassword')} rules={[{ required: true, message: t('reason.required') }]}>
          <Input.Password maxLength={200} autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('me.newPassword')}
          rules={[
            { required: true, message: t('reason.required') },
            { min: minPasswordLength, message: t('user.passwordTooShort') },
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="password_confirm"
          label={t('me.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('reason.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('user.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" icon={<LockOutlined />} loading={saving} data-testid="password-save">
          {t('me.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
