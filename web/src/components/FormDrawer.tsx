import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

// FormDrawer is the shell every create/edit drawer shares: a title, Cancel
// and Save in the header (Save submits the drawer's form), and a drawer
// that a stray click outside cannot close and that forgets its form when
// hidden. `actions` go before Cancel.
export function FormDrawer({
  open,
  onClose,
  width,
  title,
  saving,
  onSave,
  saveTestId,
  saveDisabled,
  actions,
  children,
}: {
  open: boolean;
  onClose: () => void;
  width: number;
  title: ReactNode;
  saving: boolean;
  onSave: () => void;
  saveTestId: string;
  saveDisabled?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={width}
      title={title}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          {actions}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} disabled={saveDisabled} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
