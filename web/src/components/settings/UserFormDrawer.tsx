import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, ifMatch, type User } from '../../api/client';
import { keys } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { roles } from '../../i18n/enums';
import { locales } from '../../i18n/messages';
import { endsSessions, minPasswordLength, userCreateBody, userFieldPath, userToValues, userUpdateBody, type UserFormValues } from '../../lib/userForm';
import { FormBanner } from '../FormBanner';
import { FormDrawer } from '../FormDrawer';
import { useApiFormErrors } from '../useApiFormErrors';
import { TeamTreeSelect } from './TeamTreeSelect';

interface Props {
  open: boolean;
  /** The user to edit; none to add one. */
  user?: User;
  onClose: () => void;
}

/** Adds a user or changes one (admins). */
export function UserFormDrawer({ open, user, onClose }: Props) {
  const { t, label } = useI18n();
  const me = useMe();
  const { setUser, refresh, endSession } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const errors = useApiFormErrors(form, userFieldPath);
  const [base, setBase] = useState<User | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const role = Form.useWatch('role', form);
  const active = Form.useWatch('active', form);
  const password = Form.useWatch('password', form);
  const editing = !!user;
  const self = !!user && user.id === me.user.id;
  const { setBanner } = errors;

  useEffect(() => {
    if (!open) return;
    setBase(user);
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(userToValues(user));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const reload = async () => {
    if (!user) return;
    setReloading(true);
    try {
      const fresh = await call(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } }));
      setBase(fresh);
      form.resetFields();
      form.setFieldsValue(userToValues(fresh));
      setBanner(null);
      qc.invalidateQueries({ queryKey: keys.users });
    } catch (e) {
      errors.handle(e);
    } finally {
      setReloading(false);
    }
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as UserFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (base) {
        const body = userUpdateBody(v, base, self);
        if (Object.keys(body).length > 0) {
          const saved = await call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
          qc.invalidateQueries({ queryKey: keys.users });
          if (self && body.password) {
            // The server has just ended every session of ours, this one too.
            endSession('passwordChanged');
            return;
          }
          if (self) {
            setUser(saved);
            await refresh().catch(() => {});
          }
        }
        message.success(t('common.savedOk'));
      } else {
        await call(api.POST('/api/v1/users', { body: userCreateBody(v) }));
        qc.invalidateQueries({ queryKey: keys.users });
        message.success(t('common.createdOk'));
      }
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const conflict = errors.banner?.kind === 'conflict';
  // Whether saving now would sign the user out everywhere.
  const signsOut = !!base && !self && endsSessions({ role, active, password: password || undefined }, base);
  const passwordRules = [
    ...(editing ? [] : [{ required: true, message: t('reason.required') }]),
    { min: minPasswordLength, message: t('user.passwordTooShort') },
  ];

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={editing ? t('user.edit') : t('user.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="user-save"
      saveDisabled={conflict}
    >
      <FormBanner banner={errors.banner} onReload={reload} reloading={reloading} />
      {self && <Alert className="gx-mb" type="info" showIcon message={t('user.selfHint')} />}
      {signsOut && <Alert className="gx-mb" type="warning" showIcon message={t('user.sessionsHint')} data-testid="user-signs-out" />}
      <Form<UserFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError disabled={conflict} data-testid="user-form">
        <Form.Item
          name="email"
          label={t('user.email')}
          extra={editing ? t('user.emailFixed') : undefined}
          rules={editing ? undefined : [{ required: true, whitespace: true, message: t('reason.required') }, { type: 'email', message: t('reason.invalid') }]}
        >
          <Input maxLength={254} disabled={editing} autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="name" label={t('user.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 200, message: t('reason.too_long') }]}>
          <Input maxLength={200} data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} extra={role ? label('roleDesc', role) : undefined} rules={[{ required: true, message: t('reason.required') }]}>
          <Select
            disabled={self}
            data-testid="user-role"
            options={roles.map((r) => ({ value: r, label: label('role', r), desc: label('roleDesc', r) }))}
            optionRender={(o) => (
              <div className="gx-option-with-desc">
                <div>{o.data.label}</div>
                <Typography.Text type="secondary" className="gx-small">
                  {o.data.desc}
                </Typography.Text>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item name="team_id" label={t('user.team')} extra={t('user.teamHint')}>
          <TeamTreeSelect placeholder={t('user.noTeam')} data-testid="user-team" />
        </Form.Item>
        <Form.Item name="locale" label={t('user.locale')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('user.active')} valuePropName="checked" extra={self ? undefined : t('user.activeHint')}>
            <Switch disabled={self} data-testid="user-active" />
          </Form.Item>
        )}
        {self ? (
          <Typography.Paragraph type="secondary" data-testid="user-own-password-hint">
            {t('user.ownPasswordHint')}
          </Typography.Paragraph>
        ) : (
          <>
            <Form.Item
              name="password"
              label={editing ? t('user.resetPassword') : t('user.password')}
              extra={editing ? t('user.resetPasswordHint') : t('user.passwordHint')}
              rules={passwordRules}
            >
              <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
            <Form.Item
              name="password_confirm"
              label={t('user.passwordConfirm')}
              dependencies={['password']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    (v ?? '') === (getFieldValue('password') ?? '') ? Promise.resolve() : Promise.reject(new Error(t('user.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-password-confirm" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
