import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';

/**
 * An unknown page, and a page the user may not open: the two look the
 * same, so the settings page does not announce itself to non-admins.
 */
export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={t('notFound.page')}
        extra={
          <Button type="primary" onClick={() => navigate('/accounts')}>
            {t('notFound.back')}
          </Button>
        }
      />
    </div>
  );
}
