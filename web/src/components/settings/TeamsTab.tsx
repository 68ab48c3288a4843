import { ApartmentOutlined, DeleteOutlined, DisconnectOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, call, type Team } from '../../api/client';
import { errorCode, isApiError } from '../../api/errors';
import { keys, useTeams, useUsers } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { buildTeamTree, treeIds, type TeamNode } from '../../lib/teamTree';
import { ErrorState } from '../ErrorState';
import { errorText } from '../errorText';
import { TeamFormModal } from './TeamFormModal';

interface Row {
  key: string;
  team: Team;
  cycle?: boolean;
  missingParent?: boolean;
  /** Direct sub-teams. */
  subs: number;
  children?: Row[];
}

/** The team hierarchy: add, rename, move and delete teams. */
export function TeamsTab() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { teams, isLoading, isError, error, refetch } = useTeams();
  const { users } = useUsers();
  const [dialog, setDialog] = useState<{ open: boolean; team?: Team; parentId?: string }>({ open: false });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const members = useMemo(() => {
    const m = new Map<string, number>();
    for (const u of users) if (u.team_id) m.set(u.team_id, (m.get(u.team_id) ?? 0) + 1);
    return m;
  }, [users]);

  const { rows, withChildren } = useMemo(() => {
    const tree = buildTeamTree(teams);
    const toRow = (n: TeamNode<Team>): Row => ({
      key: n.team.id,
      team: n.team,
      cycle: n.cycle,
      missingParent: n.missingParent,
      subs: n.children.length,
      // An empty list would still draw an expand button.
      children: n.children.length ? n.children.map(toRow) : undefined,
    });
    const parents = new Set(teams.map((x) => x.parent_id).filter(Boolean) as string[]);
    return { rows: tree.map(toRow), withChildren: treeIds(tree).filter((id) => parents.has(id)) };
  }, [teams]);

  if (isError) return <ErrorState error={error} backTo="/accounts" onRetry={() => refetch()} />;

  const remove = (team: Team) =>
    modal.confirm({
      title: t('team.confirmDelete', { name: team.name }),
      content: t('team.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/teams/{id}', { params: { path: { id: team.id } } }));
          message.success(t('team.deletedOk'));
        } catch (e) {
          if (errorCode(e) === 'conflict') {
            const subs = teams.filter((x) => x.parent_id === team.id).length;
            const count = members.get(team.id) ?? 0;
            modal.error({
              title: t('team.deleteConflict', { name: team.name }),
              content: (
                <div data-testid="team-delete-conflict">
                  <p>{t('team.deleteConflictDesc')}</p>
                  <p>{count || subs ? t('team.deleteConflictCounts', { members: count, subs }) : t('team.deleteConflictRecords')}</p>
                  {isApiError(e) && e.problem?.detail && (
                    <Typography.Text type="secondary" className="gx-small">
                      {t('team.serverSays', { detail: e.problem.detail })}
                    </Typography.Text>
                  )}
                </div>
              ),
              okText: t('common.close'),
            });
          } else {
            message.error(errorText(t, e));
          }
        } finally {
          qc.invalidateQueries({ queryKey: keys.teams });
        }
      },
    });

  return (
    <div>
      <div className="gx-toolbar">
        <Typography.Text type="secondary">
          <ApartmentOutlined /> {t('team.hint')}
        </Typography.Text>
        <Space>
          <Typography.Text type="secondary">{t('team.count', { n: teams.length })}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })} data-testid="team-new">
            {t('team.new')}
          </Button>
        </Space>
      </div>
      <Table<Row>
        size="middle"
        loading={isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="team-table"
        locale={{ emptyText: t('team.empty') }}
        expandable={{
          expandedRowKeys: withChildren.filter((id) => !collapsed.has(id)),
          onExpand: (open, r) =>
            setCollapsed((c) => {
              const next = new Set(c);
              if (open) next.delete(r.key);
              else next.add(r.key);
              return next;
            }),
        }}
        columns={[
          {
            key: 'name',
            title: t('team.name'),
            render: (_, r) => (
              <Space size={6} data-testid="team-row">
                <span className="gx-strong-link">{r.team.name}</span>
                {r.cycle && (
                  <Tag color="warning" icon={<SyncOutlined />} className="gx-tag-sm">
                    {t('team.cycle')}
                  </Tag>
                )}
                {r.missingParent && (
                  <Tooltip title={t('team.missingParent')}>
                    <DisconnectOutlined className="gx-warn-icon" />
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { key: 'members', title: t('team.members'), width: 120, render: (_, r) => members.get(r.team.id) ?? 0 },
          { key: 'subs', title: t('team.subTeams'), width: 120, render: (_, r) => r.subs },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 300,
            render: (_, r) => (
              <Space size="small">
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, parentId: r.team.id })}>
                  {t('team.newSub')}
                </Button>
                <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ open: true, team: r.team })} data-testid={`team-edit-${r.team.name}`}>
                  {t('common.edit')}
                </Button>
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(r.team)} data-testid={`team-delete-${r.team.name}`}>
                  {t('common.delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <TeamFormModal open={dialog.open} team={dialog.team} parentId={dialog.parentId} onClose={() => setDialog((d) => ({ ...d, open: false }))} />
    </div>
  );
}
