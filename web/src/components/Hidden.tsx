import { LockOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Stands in for a value a field rule hides: never shown as empty. */
export function Hidden() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('common.hiddenTip')}>
      <Typography.Text type="secondary" className="gx-hidden" data-testid="hidden-field">
        <LockOutlined /> {t('common.hidden')}
      </Typography.Text>
    </Tooltip>
  );
}

/** A dash for an empty value. */
export function Empty() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}
