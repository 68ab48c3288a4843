import { useTeams, useUsers } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { Empty } from './Hidden';

/** A user's name from the workspace's user list. */
export function UserName({ id }: { id?: string | null }) {
  const { byId, isLoading } = useUsers();
  const { t } = useI18n();
  if (!id) return <Empty />;
  const u = byId.get(id);
  if (u) return <>{u.name}</>;
  return <>{isLoading ? '…' : t('common.unknownUser')}</>;
}

export function TeamName({ id }: { id?: string | null }) {
  const { byId, isLoading } = useTeams();
  if (!id) return <Empty />;
  return <>{byId.get(id)?.name ?? (isLoading ? '…' : id)}</>;
}
