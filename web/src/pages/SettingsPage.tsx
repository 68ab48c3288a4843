import { Card, Tabs, Typography } from 'antd';
import { PipelineStagesTab } from '../components/settings/PipelineStagesTab';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/AuthProvider';
import { FieldDefsTab } from '../components/settings/FieldDefsTab';
import { PoolSettingsTab } from '../components/settings/PoolSettingsTab';
import { TeamsTab } from '../components/settings/TeamsTab';
import { UsersTab } from '../components/settings/UsersTab';
import { useI18n } from '../i18n/I18nProvider';
import { NotFoundPage } from './NotFoundPage';

const tabs = ['users', 'teams', 'fields', 'stages', 'pool'] as const;
type TabKey = (typeof tabs)[number];

/** Workspace administration: users, teams, custom fields, pool rules. Admins only. */
export function SettingsPage() {
  const me = useMe();
  // Others see what any unknown address shows; the server refuses them anyway.
  if (!me.permissions.admin) return <NotFoundPage />;
  return <Settings />;
}

function Settings() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = (tabs as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : 'users';
  return (
    <div className="gx-page" data-testid="settings-page">
      <div className="gx-page-head">
        <div>
          <Typography.Title level={3} className="gx-page-title">
            {t('settings.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('settings.subtitle')}</Typography.Text>
        </div>
      </div>
      <Card className="gx-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setSp(k === 'users' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'users', label: <span data-testid="settings-tab-users">{t('settings.tab.users')}</span>, children: <UsersTab /> },
            { key: 'teams', label: <span data-testid="settings-tab-teams">{t('settings.tab.teams')}</span>, children: <TeamsTab /> },
            { key: 'fields', label: <span data-testid="settings-tab-fields">{t('settings.tab.fields')}</span>, children: <FieldDefsTab /> },
            { key: 'stages', label: <span data-testid="settings-tab-stages">{t('stages.tab')}</span>, children: <PipelineStagesTab /> },
            { key: 'pool', label: <span data-testid="settings-tab-pool">{t('settings.tab.pool')}</span>, children: <PoolSettingsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
