import { InboxOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { errorText } from '../components/errorText';
import { useI18n } from '../i18n/I18nProvider';
import { allowanceLevel, canUsePool, daysSince } from '../lib/pool';
import { NotFoundPage } from './NotFoundPage';

type PoolAccount = Schemas['PoolAccount'];

const poolKey = (q: string) => ['pool', q] as const;

/**
 * The public pool (公海): accounts whose owner let them lapse or put them
 * back, with when and from whom they came, and a Claim button limited by
 * the caller's remaining allowance.
 */
export function PoolPage() {
  const me = useMe();
  if (!canUsePool(me.user.role)) return <NotFoundPage />;
  return <Pool />;
}

function Pool() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [claiming, setClaiming] = useState<string | null>(null);
  const pool = useInfiniteQuery({
    queryKey: poolKey(q),
    initialPageParam: '',
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/pool', { params: { query: { q: q || undefined, cursor: pageParam || undefined } } })),
    getNextPageParam: (last) => last.next_cursor || undefined,
  });
  const first = pool.data?.pages[0];
  const items = pool.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const allowance = first?.allowance;
  const level = allowance ? allowanceLevel(allowance) : 'ok';

  const claim = async (a: PoolAccount) => {
    setClaiming(a.id);
    try {
      const acc = await call(api.POST('/api/v1/pool/{id}/claim', { params: { path: { id: a.id } } }));
      message.success({
        content: (
          <span data-testid="pool-claimed">
            {t('pool.claimed', { name: acc.name })}{' '}
            <Button size="small" type="link" onClick={() => navigate(`/accounts/${acc.id}`)}>
              {t('pool.open')}
            </Button>
          </span>
        ),
      });
      qc.invalidateQueries({ queryKey: ['pool'] });
      qc.invalidateQueries({ queryKey: keys.accounts });
    } catch (e) {
      message.error(errorText(t, e));
      qc.invalidateQueries({ queryKey: ['pool'] });
    } finally {
      setClaiming(null);
    }
  };

  return (
    <div className="gx-page" data-testid="pool-page">
      <div className="gx-page-head">
        <div>
          <Typography.Title level={3} className="gx-page-title">
            {t('pool.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {first && first.pool_days > 0 ? t('pool.subtitle', { days: first.pool_days }) : t('pool.subtitleOff')}
          </Typography.Text>
        </div>
        {allowance && (
          <Tag color={level === 'none' ? 'red' : level === 'low' ? 'orange' : 'green'} className="gx-pool-allowance" data-testid="pool-allowance">
            {t('pool.allowance', { remaining: allowance.remaining, limit: allowance.limit })}
          </Tag>
        )}
      </div>
      {level === 'none' && allowance && <Alert type="warning" showIcon message={t('pool.limitReached', { limit: allowance.limit })} />}
      <Card className="gx-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Input.Search allowClear placeholder={t('pool.search')} onSearch={(v) => setQ(v.trim())} style={{ maxWidth: 360 }} data-testid="pool-search" />
          {pool.isError ? (
            <Alert type="error" showIcon message={errorText(t, pool.error)} />
          ) : (
            <Table<PoolAccount>
              rowKey="id"
              size="middle"
              loading={pool.isLoading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: <Empty image={<InboxOutlined style={{ fontSize: 40 }} />} description={t('pool.empty')} /> }}
              columns={[
                { key: 'name', title: t('field.name'), render: (_, a) => <Typography.Text strong>{a.name}</Typography.Text> },
                { key: 'industry', title: t('field.industry'), render: (_, a) => (a.industry ? label('industry', a.industry) : '') },
                { key: 'region', title: t('field.region'), dataIndex: 'region' },
                {
                  key: 'from',
                  title: t('pool.from'),
                  render: (_, a) => a.pooled_from_name || <Typography.Text type="secondary">{t('pool.fromNobody')}</Typography.Text>,
                },
                {
                  key: 'pooled_at',
                  title: t('pool.pooledAt'),
                  render: (_, a) => <Tooltip title={dayjs(a.pooled_at).format('YYYY-MM-DD HH:mm')}>{dayjs(a.pooled_at).format('YYYY-MM-DD')}</Tooltip>,
                },
                {
                  key: 'follow',
                  title: t('pool.lastFollowUp'),
                  render: (_, a) => (a.last_follow_up_at ? t('pool.daysAgo', { days: daysSince(a.last_follow_up_at) }) : ''),
                },
                {
                  key: 'claim',
                  title: '',
                  align: 'right',
                  render: (_, a) => (
                    <Button
                      type="primary"
                      size="small"
                      disabled={level === 'none'}
                      loading={claiming === a.id}
                      onClick={() => void claim(a)}
                      data-testid={`pool-claim-${a.name}`}
                    >
                      {t('pool.claim')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
          {pool.hasNextPage && (
            <Button onClick={() => void pool.fetchNextPage()} loading={pool.isFetchingNextPage}>
              {t('pool.more')}
            </Button>
          )}
        </Space>
      </Card>
    </div>
  );
}
