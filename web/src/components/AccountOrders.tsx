import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, call, type Account, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { errorText } from './errorText';
import { OrderFormDrawer } from './OrderFormDrawer';

type Order = Schemas['Order'];

export const orderStatusColor: Record<string, string> = { draft: 'default', confirmed: 'blue', completed: 'green', cancelled: 'red' };

/** The account's purchase figures and its orders, newest first. */
export function AccountOrders({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Order | undefined>();
  const money = (fen?: number) => (fen === undefined ? '—' : formatMoney(fen, 'CNY', locale));
  const stats = useQuery({
    queryKey: keys.stats(account.id),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}/stats', { params: { path: { id: account.id } } })),
  });
  const orders = useInfiniteQuery({
    queryKey: keys.accountOrders(account.id),
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/orders', { params: { query: { account_id: account.id, limit: 20, cursor: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
  });
  const items = orders.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const st = stats.data;
  const seeCost = me.permissions.see_cost;

  const columns = [
    { title: t('order.number'), dataIndex: 'number', key: 'number' },
    { title: t('order.date'), dataIndex: 'order_date', key: 'date', width: 120 },
    {
      title: t('order.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: string) => <Tag color={orderStatusColor[s]}>{label('order_status', s)}</Tag>,
    },
    {
      title: t('order.lines'),
      key: 'lines',
      render: (_: unknown, o: Order) => (
        <span className="gx-order-lines-summary">{(o.lines ?? []).map((l) => `${l.product_name} × ${l.quantity}`).join('，')}</span>
      ),
    },
    { title: t('order.revenue'), dataIndex: 'revenue', key: 'revenue', align: 'right' as const, render: (v: number) => money(v) },
    ...(seeCost
      ? [{ title: t('order.grossProfit'), dataIndex: 'gross_profit', key: 'gp', align: 'right' as const, render: (v?: number) => money(v) }]
      : []),
    ...(canWrite
      ? [
          {
            title: t('order.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, o: Order) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} data-testid={`order-edit-${o.number}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="account-orders">
      <Card size="small" className="gx-mb" loading={stats.isLoading}>
        {stats.isError ? (
          <Alert type="error" showIcon message={errorText(t, stats.error)} />
        ) : (
          <Row gutter={[24, 12]}>
            <Col xs={12} md={4}>
              <Statistic title={t('stats.orders')} value={st?.order_count ?? 0} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('stats.revenue')} value={money(st?.revenue ?? 0)} />
            </Col>
            <Col xs={12} md={5}>
              {seeCost ? (
                <Statistic title={t('stats.profit')} value={money(st?.profit)} />
              ) : (
                <Tooltip title={t('stats.costHidden')}>
                  <Statistic title={t('stats.profit')} value="—" />
                </Tooltip>
              )}
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('stats.products')} value={st?.products_held ?? 0} />
            </Col>
            <Col xs={24} md={6}>
              <Statistic
                title={t('stats.firstLast')}
                value={st?.first_order_date ? `${st.first_order_date} → ${st.last_order_date}` : t('stats.noOrders')}
                valueStyle={{ fontSize: 16 }}
              />
            </Col>
          </Row>
        )}
      </Card>
      <Space className="gx-mb" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('order.countedHint')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="order-new">
            {t('order.newShort')}
          </Button>
        )}
      </Space>
      {orders.isError ? (
        <Alert type="error" showIcon message={errorText(t, orders.error)} />
      ) : (
        <Table<Order>
          size="small"
          rowKey="id"
          loading={orders.isLoading}
          dataSource={items}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <Empty description={t('order.none')} /> }}
          data-testid="orders-table"
        />
      )}
      {orders.hasNextPage && (
        <Button block className="gx-mt" onClick={() => orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <OrderFormDrawer open={adding} account={account} onClose={() => setAdding(false)} />
      <OrderFormDrawer open={editing !== undefined} account={account} order={editing} onClose={() => setEditing(undefined)} />
    </div>
  );
}
