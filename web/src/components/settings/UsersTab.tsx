import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { User } from '../../api/client';
import { useTeams, useUsers } from '../../api/queries';
import { useMe } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { roles } from '../../i18n/enums';
import { buildTeamTree, teamPath, treeIds } from '../../lib/teamTree';
import { filterUsers, noTeam, sortUsers, type UserFilter } from '../../lib/userForm';
import { ErrorState } from '../ErrorState';
import { Empty } from '../Hidden';
import { RolesGuide } from './RolesGuide';
import { UserFormDrawer } from './UserFormDrawer';

const roleColor: Record<string, string> = { admin: 'red', manager: 'gold', sales: 'blue', finance: 'purple' };

/** The workspace's users: search, filter, add and change them. */
export function UsersTab() {
  const { t, label } = useI18n();
  const me = useMe();
  const { users, isLoading, isError, error, refetch } = useUsers();
  const { teams } = useTeams();
  const [filter, setFilter] = useState<UserFilter>({});
  // Kept while the drawer closes, so that its title does not change mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; user?: User }>({ open: false });
  const shown = useMemo(() => sortUsers(filterUsers(users, filter)), [users, filter]);
  // Teams in hierarchy order, named by their path ("销售中心 / 华东销售部").
  const teamOptions = useMemo(() => {
    const ordered = treeIds(buildTeamTree(teams));
    return ordered.map((id) => ({ value: id, label: teamPath(teams, id).join(' / ') }));
  }, [teams]);
  const teamLabel = useMemo(() => new Map(teamOptions.map((o) => [o.value, o.label])), [teamOptions]);
  const set = (patch: Partial<UserFilter>) => setFilter((f) => ({ ...f, ...patch }));

  if (isError) return <ErrorState error={error} backTo="/accounts" onRetry={() => refetch()} />;

  return (
    <div>
      <div className="gx-toolbar">
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('user.search')}
            className="gx-settings-search"
            value={filter.q}
            onChange={(e) => set({ q: e.target.value })}
            data-testid="user-search"
          />
          <Select
            allowClear
            placeholder={t('user.allRoles')}
            className="gx-settings-filter"
            value={filter.role}
            onChange={(role) => set({ role })}
            options={roles.map((r) => ({ value: r, label: label('role', r) }))}
            data-testid="user-filter-role"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('user.allTeams')}
            className="gx-settings-filter-wide"
            value={filter.team}
            onChange={(team) => set({ team })}
            options={[{ value: noTeam, label: t('user.noTeam') }, ...teamOptions]}
            data-testid="user-filter-team"
          />
          <Select
            allowClear
            placeholder={t('user.allStatus')}
            className="gx-settings-filter"
            value={filter.status}
            onChange={(status) => set({ status })}
            options={[
              { value: 'active', label: t('user.active') },
              { value: 'inactive', label: t('user.inactive') },
            ]}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('user.shown', { shown: shown.length, total: users.length })}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })} data-testid="user-new">
            {t('user.new')}
          </Button>
        </Space>
      </div>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        data-testid="user-table"
        rowClassName={(u) => (u.active ? '' : 'gx-row-muted')}
        columns={[
          {
            key: 'name',
            title: t('user.name'),
            sorter: (a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'),
            render: (_, u) => (
              <Space size={4}>
                <span className="gx-strong-link">{u.name}</span>
                {u.id === me.user.id && <Tag className="gx-tag-sm">{t('user.you')}</Tag>}
              </Space>
            ),
          },
          { key: 'email', title: t('user.email'), dataIndex: 'email', sorter: (a, b) => a.email.localeCompare(b.email) },
          {
            key: 'role',
            title: t('user.role'),
            render: (_, u) => (
              <Tooltip title={label('roleDesc', u.role)}>
                <Tag color={roleColor[u.role]}>{label('role', u.role)}</Tag>
              </Tooltip>
            ),
          },
          { key: 'team', title: t('user.team'), render: (_, u) => (u.team_id ? teamLabel.get(u.team_id) ?? '…' : <Empty />) },
          { key: 'locale', title: t('user.locale'), render: (_, u) => t(`lang.${u.locale}`) },
          {
            key: 'active',
            title: t('user.status'),
            render: (_, u) => <Badge status={u.active ? 'success' : 'default'} text={u.active ? t('user.active') : t('user.inactive')} />,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right',
            render: (_, u) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, user: u })} data-testid={`user-edit-${u.email}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <RolesGuide />
      <UserFormDrawer open={drawer.open} user={drawer.user} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
    </div>
  );
}
