import { UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { orderStatusColor } from '../components/AccountOrders';
import { errorText } from '../components/errorText';
import { ImportOrdersDrawer } from '../components/ImportOrdersDrawer';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';

type Order = Schemas['Order'];
type Status = 'draft' | 'confirmed' | 'completed' | 'cancelled';

/** Every order the caller may see, with filters, and the CSV import. */
export function OrdersPage() {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [importing, setImporting] = useState(false);
  const dateFrom = range?.[0]?.format('YYYY-MM-DD');
  const dateTo = range?.[1]?.format('YYYY-MM-DD');
  const list = useInfiniteQuery({
    queryKey: [...keys.orders, 'list', q, status, dateFrom, dateTo],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/orders', {
          params: { query: { q: q || undefined, status, date_from: dateFrom, date_to: dateTo, limit: 50, cursor: pageParam || undefined } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const money = (fen?: number) => (fen === undefined ? '—' : formatMoney(fen, 'CNY', locale));
  const canImport = me.permissions.orders?.write !== 'none';

  return (
    <Card
      title={t('orders.title')}
      extra={
        canImport && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="orders-import">
            {t('import.button')}
          </Button>
        )
      }
    >
      <Space className="gx-mb" wrap>
        <Input.Search allowClear placeholder={t('orders.search')} onSearch={setQ} className="gx-w-260" data-testid="orders-search" />
        <Select<Status>
          allowClear
          placeholder={t('orders.allStatuses')}
          className="gx-w-180"
          value={status}
          onChange={setStatus}
          options={(['draft', 'confirmed', 'completed', 'cancelled'] as const).map((s) => ({ value: s, label: label('order_status', s) }))}
        />
        <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} />
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorText(t, list.error)} />}
      <Table<Order>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('order.none')} /> }}
        data-testid="orders-list"
        columns={[
          { title: t('order.number'), dataIndex: 'number', width: 160 },
          {
            title: t('orders.account'),
            key: 'account',
            render: (_: unknown, o: Order) => <Link to={`/accounts/${o.account_id}`}>{o.account_name}</Link>,
          },
          { title: t('order.date'), dataIndex: 'order_date', width: 120 },
          {
            title: t('order.status'),
            dataIndex: 'status',
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
          { title: t('order.revenue'), dataIndex: 'revenue', align: 'right', render: (v: number) => money(v) },
        ]}
      />
      {list.hasNextPage && (
        <Button block className="gx-mt" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <ImportOrdersDrawer open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
