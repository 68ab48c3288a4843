import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Banner } from './useApiFormErrors';

/**
 * The message above a form after a failed save. A conflict (someone else
 * saved first) offers to reload the latest version; the failed save
 * changed nothing on the server.
 */
export function FormBanner({ banner, onReload, reloading }: { banner: Banner; onReload: () => void; reloading?: boolean }) {
  const { t } = useI18n();
  if (!banner) return null;
  if (banner.kind === 'conflict') {
    return (
      <Alert
        className="gx-mb"
        type="warning"
        showIcon
        data-testid="conflict-alert"
        message={t('conflict.title')}
        description={t('conflict.desc')}
        action={
          <Button type="primary" icon={<ReloadOutlined />} onClick={onReload} loading={reloading} data-testid="conflict-reload">
            {t('conflict.reload')}
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      className="gx-mb"
      type="error"
      showIcon
      data-testid="form-error"
      message={banner.title}
      description={
        banner.messages.length ? (
          <ul className="gx-error-list">
            {banner.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
