import { RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, call, ifMatch, type Account } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { errorText } from './errorText';

/** Puts an owned account back into the public pool, after a confirmation. */
export function ReleaseAccountButton({ account }: { account: Account }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!account.owner_id || account.deleted_at) return null;
  const release = () =>
    modal.confirm({
      title: t('pool.releaseConfirm', { name: account.name }),
      content: t('pool.releaseWarn'),
      okText: t('pool.release'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/accounts/{id}/release', { params: { path: { id: account.id }, header: { 'If-Match': ifMatch(account.version) } } }));
          message.success(t('pool.released', { name: account.name }));
          qc.invalidateQueries({ queryKey: keys.accounts });
          qc.invalidateQueries({ queryKey: ['pool'] });
          navigate('/pool');
        } catch (e) {
          message.error(errorText(t, e));
          qc.invalidateQueries({ queryKey: keys.account(account.id) });
        }
      },
    });
  return (
    <Button icon={<RollbackOutlined />} onClick={release} data-testid="record-release">
      {t('pool.release')}
    </Button>
  );
}
