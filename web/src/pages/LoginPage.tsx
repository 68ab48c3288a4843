import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorCode } from '../api/errors';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../layout/AppLayout';
import type { MessageKey } from '../i18n/messages';

interface LoginForm {
  email: string;
  password: string;
}

/** Only same-site paths are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/accounts';
}

export function LoginPage() {
  const { t } = useI18n();
  const { status, login, notice } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.email.trim(), v.password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      const code = errorCode(e);
      setError(code === 'unauthorized' ? 'login.wrong' : code === 'rate_limited' ? 'login.rateLimited' : code === 'network' ? 'error.network' : 'error.internal');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gx-login">
      <div className="gx-login-lang">
        <LanguageSwitch />
      </div>
      <div className="gx-login-brand">
        <span className="gx-logo-mark gx-logo-mark-lg">关</span>
        <Typography.Title level={2} className="gx-login-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </div>
      <Card className="gx-login-card" title={t('login.title')}>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {notice && !error && (
          <Alert
            className="gx-mb"
            type={notice === 'passwordChanged' ? 'success' : 'info'}
            showIcon
            message={t(notice === 'passwordChanged' ? 'login.passwordChanged' : 'login.sessionExpired')}
            data-testid="login-notice"
          />
        )}
        {error && <Alert className="gx-mb" type="error" showIcon message={t(error)} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, whitespace: true, message: t('login.emailRequired') }]}>
            <Input prefix={<MailOutlined />} autoComplete="username" type="email" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
