import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorCode } from '../api/errors';
import { useI18n } from '../i18n/I18nProvider';
import { errorText } from './errorText';

/**
 * A page-level error. Not found and no access look the same on purpose:
 * the API does not tell them apart, so a record's existence does not leak.
 */
export function ErrorState({ error, backTo, onRetry }: { error: unknown; backTo: string; onRetry?: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const code = errorCode(error);
  const notFound = code === 'not_found' || code === 'forbidden';
  return (
    <div data-testid={notFound ? 'not-found' : 'page-error'}>
    <Result
      status={notFound ? '404' : code === 'network' ? 'warning' : '500'}
      title={notFound ? t('notFound.title') : t('error.title')}
      subTitle={notFound ? t('notFound.desc') : errorText(t, error)}
      extra={[
        <Button key="back" type="primary" onClick={() => navigate(backTo)}>
          {t('notFound.back')}
        </Button>,
        !notFound && onRetry ? (
          <Button key="retry" onClick={onRetry}>
            {t('common.reload')}
          </Button>
        ) : null,
      ]}
    />
    </div>
  );
}
