import { Link } from 'react-router-dom';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call, type Account, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { errorText } from './errorText';
import { OpportunityFormDrawer, useStageLabel } from './OpportunityFormDrawer';
import { UserName } from './UserName';

type Opportunity = Schemas['Opportunity'];

export const stageKindColor: Record<string, string> = { open: 'blue', won: 'green', lost: 'default' };

/** The account's opportunities by expected close, with create and edit. */
export function AccountOpportunities({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const stageLabel = useStageLabel();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Opportunity | undefined>();
  const list = useInfiniteQuery({
    queryKey: keys.accountOpportunities(account.id),
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/opportunities', { params: { query: { account_id: account.id, limit: 20, cursor: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const money = (fen: number) => formatMoney(fen, 'CNY', locale);

  const columns = [
    {
      title: t('opportunity.name'),
      key: 'name',
      render: (_: unknown, o: Opportunity) => (
        <Link to={`/opportunities/${o.id}`} data-testid={`opportunity-link-${o.id}`}>
          {o.name}
        </Link>
      ),
    },
    {
      title: t('opportunity.stage'),
      key: 'stage',
      render: (_: unknown, o: Opportunity) => <Tag color={stageKindColor[o.stage_kind]}>{stageLabel({ key: o.stage })}</Tag>,
    },
    { title: t('field.amount'), dataIndex: 'amount', key: 'amount', align: 'right' as const, render: (v: number) => money(v) },
    { title: t('field.probability'), dataIndex: 'probability', key: 'probability', align: 'right' as const, width: 100 },
    { title: t('field.expected_close'), dataIndex: 'expected_close', key: 'close', width: 130 },
    { title: t('opportunity.owner'), key: 'owner', render: (_: unknown, o: Opportunity) => <UserName id={o.owner_id} /> },
    ...(canWrite
      ? [
          {
            title: t('opportunity.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, o: Opportunity) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} data-testid={`opportunity-edit-${o.id}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="account-opportunities">
      <Space className="gx-mb" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('pipeline.hint')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="account-opportunity-new">
            {t('opportunity.new')}
          </Button>
        )}
      </Space>
      {list.isError ? (
        <Alert type="error" showIcon message={errorText(t, list.error)} />
      ) : (
        <Table<Opportunity>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <Empty description={t('opportunity.none')} /> }}
          data-testid="opportunities-table"
        />
      )}
      {list.hasNextPage && (
        <Button block className="gx-mt" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <OpportunityFormDrawer open={adding} account={account} onClose={() => setAdding(false)} />
      <OpportunityFormDrawer open={editing !== undefined} opportunity={editing} onClose={() => setEditing(undefined)} />
    </div>
  );
}
