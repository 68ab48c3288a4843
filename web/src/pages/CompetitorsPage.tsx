import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, ifMatch } from '../api/client';
import { competitorKeys, useWinLossReport, type Competitor, type CompetitorFields, type WinLoss } from '../api/competitors';
import { useMe } from '../auth/AuthProvider';
import { errorText } from '../components/errorText';
import { SafeLink } from '../components/fields';
import { FormBanner } from '../components/FormBanner';
import { FormDrawer } from '../components/FormDrawer';
import { useApiFormErrors } from '../components/useApiFormErrors';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { formatWinRate } from '../lib/competitors';

const competitorFields = new Set(['name', 'website', 'products', 'strengths', 'weaknesses', 'pricing_notes', 'notes', 'tags']);

/** Competitors (竞争对手): the records, and how we win and lose against each. */
export function CompetitorsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...competitorKeys.list(q), 'pages'],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/competitors', { params: { query: { q: q || undefined, limit: 50, cursor: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
  const report = useWinLossReport();
  const byId = useMemo(() => new Map((report.data?.competitors ?? []).map((w) => [w.competitor_id, w])), [report.data]);
  const items = list.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const money = (fen?: number) => formatMoney(fen ?? 0, 'CNY', locale);
  const openId = sp.get('open') ?? '';
  const canEdit = me.permissions.edit_competitors;

  return (
    <Card
      title={t('competitor.title')}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="competitor-new">
            {t('competitor.new')}
          </Button>
        )
      }
    >
      <Space className="gx-mb" wrap>
        <Input.Search allowClear placeholder={t('competitor.search')} onSearch={setQ} style={{ width: 280 }} data-testid="competitor-search" />
        <Typography.Text type="secondary">{t('competitor.winLossHint')}</Typography.Text>
      </Space>
      {(list.isError || report.isError) && <Alert type="error" showIcon message={errorText(t, list.error ?? report.error)} />}
      <Table<Competitor>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="competitors-table"
        onRow={(k) => ({ onClick: () => setSp({ open: k.id }), className: 'gx-clickable' })}
        columns={[
          {
            key: 'name',
            title: t('competitor.name'),
            render: (_, k) => (
              <Space direction="vertical" size={0}>
                <Typography.Link data-testid="competitor-name">{k.name}</Typography.Link>
                <Space size={2} wrap>
                  {(k.tags ?? []).map((tag) => (
                    <Tag key={tag}>{tag}</Tag>
                  ))}
                </Space>
              </Space>
            ),
          },
          { key: 'products', title: t('competitor.products'), dataIndex: 'products', render: (v?: string) => v || '—' },
          { key: 'won', title: t('competitor.won'), align: 'right', render: (_, k) => byId.get(k.id)?.won ?? 0 },
          { key: 'lost', title: t('competitor.lost'), align: 'right', render: (_, k) => byId.get(k.id)?.lost ?? 0 },
          { key: 'rate', title: t('competitor.winRate'), align: 'right', render: (_, k) => formatWinRate(byId.get(k.id)?.win_rate) },
          { key: 'open', title: t('competitor.openPipeline'), align: 'right', render: (_, k) => money(byId.get(k.id)?.open_amount) },
        ]}
      />
      {list.hasNextPage && (
        <Button block className="gx-mt" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <CompetitorDrawer id={openId} onClose={() => setSp({})} onEdit={(k) => setEditing(k)} />
      <CompetitorFormDrawer competitor={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function CompetitorDrawer({ id, onClose, onEdit }: { id: string; onClose: () => void; onEdit: (k: Competitor) => void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const open = id !== '';
  const k = useQuery({ queryKey: competitorKeys.one(id), queryFn: () => call(api.GET('/api/v1/competitors/{id}', { params: { path: { id } } })), enabled: open });
  const wl = useQuery({ queryKey: competitorKeys.winLoss(id), queryFn: () => call(api.GET('/api/v1/competitors/{id}/win-loss', { params: { path: { id } } })), enabled: open });
  const accounts = useQuery({
    queryKey: competitorKeys.accountsOf(id),
    queryFn: () => call(api.GET('/api/v1/competitors/{id}/accounts', { params: { path: { id }, query: { limit: 200 } } })),
    enabled: open,
  });
  const money = (fen?: number) => formatMoney(fen ?? 0, 'CNY', locale);
  const c = k.data;

  const remove = () =>
    c &&
    modal.confirm({
      title: t('common.confirmDelete', { name: c.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/competitors/{id}', { params: { path: { id: c.id }, header: { 'If-Match': ifMatch(c.version) } } }));
          message.success(t('common.deletedOk'));
          qc.invalidateQueries({ queryKey: competitorKeys.all });
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      },
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      title={c?.name ?? t('competitor.title')}
      destroyOnHidden
      extra={
        c &&
        me.permissions.edit_competitors && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => onEdit(c)} data-testid="competitor-edit">
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={remove}>
              {t('common.delete')}
            </Button>
          </Space>
        )
      }
    >
      {k.isError && <Alert type="error" showIcon message={errorText(t, k.error)} />}
      {c && (
        <div data-testid="competitor-detail">
          <Descriptions column={1} size="small" bordered className="gx-mb">
            <Descriptions.Item label={t('competitor.website')}>
              <SafeLink href={c.website} />
            </Descriptions.Item>
            <Descriptions.Item label={t('competitor.products')}>{c.products || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('competitor.strengths')}>{c.strengths || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('competitor.weaknesses')}>{c.weaknesses || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('competitor.pricing_notes')}>{c.pricing_notes || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.note')}>{c.notes || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('competitor.winLoss')}</Typography.Title>
          {wl.data && <WinLossCards w={wl.data} money={money} />}
          <Typography.Title level={5} className="gx-mt">
            {t('competitor.presentAt')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            loading={accounts.isLoading}
            dataSource={accounts.data ?? []}
            pagination={false}
            locale={{ emptyText: t('competitor.presentAtEmpty') }}
            data-testid="competitor-accounts"
            columns={[
              { key: 'account', title: t('nav.accounts'), render: (_, p) => <Link to={`/accounts/${p.account_id}?tab=competitors`}>{p.account_name}</Link> },
              { key: 'products', title: t('competitor.presence.products'), dataIndex: 'products', render: (v?: string) => v || '—' },
              { key: 'sat', title: t('competitor.presence.satisfaction'), dataIndex: 'satisfaction', render: (v?: number) => (v ? `${v} / 5` : '—') },
              { key: 'rep', title: t('competitor.presence.rep_name'), dataIndex: 'rep_name', render: (v?: string) => v || '—' },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}

function WinLossCards({ w, money }: { w: WinLoss; money: (fen?: number) => string }) {
  const { t } = useI18n();
  return (
    <div data-testid="competitor-win-loss">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('competitor.won')} value={w.won} suffix={<Typography.Text type="secondary" className="gx-small">{money(w.won_amount)}</Typography.Text>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('competitor.lost')} value={w.lost} suffix={<Typography.Text type="secondary" className="gx-small">{money(w.lost_amount)}</Typography.Text>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('competitor.winRate')} value={formatWinRate(w.win_rate)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('competitor.openPipeline')} value={money(w.open_amount)} suffix={<Typography.Text type="secondary" className="gx-small">× {w.open}</Typography.Text>} />
        </Col>
      </Row>
      <Typography.Paragraph strong className="gx-mt">
        {t('competitor.lossReasons')}
      </Typography.Paragraph>
      {(w.loss_reasons ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('competitor.noLosses')} />
      ) : (
        <ul data-testid="loss-reasons">
          {(w.loss_reasons ?? []).map((r) => (
            <li key={r.reason}>
              {r.reason || '—'} × {r.count}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CompetitorFormDrawer({ competitor, onClose }: { competitor: Competitor | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CompetitorFields>();
  const errors = useApiFormErrors(form, (f) => (competitorFields.has(f) ? [f] : undefined));
  const [saving, setSaving] = useState(false);
  const open = competitor !== null;
  const base = competitor === 'new' ? undefined : (competitor ?? undefined);

  useEffect(() => {
    if (!open) return;
    errors.setBanner(null);
    form.resetFields();
    if (base) form.setFieldsValue({ ...base, tags: base.tags ?? [] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [competitor]);

  const submit = async (v: CompetitorFields) => {
    setSaving(true);
    errors.setBanner(null);
    const body = { name: v.name ?? '', website: v.website ?? '', products: v.products ?? '', strengths: v.strengths ?? '', weaknesses: v.weaknesses ?? '', pricing_notes: v.pricing_notes ?? '', notes: v.notes ?? '', tags: v.tags ?? [] };
    try {
      if (base) await call(api.PATCH('/api/v1/competitors/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
      else await call(api.POST('/api/v1/competitors', { body }));
      qc.invalidateQueries({ queryKey: competitorKeys.all });
      message.success(base ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={base ? t('competitor.edit', { name: base.name }) : t('competitor.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="competitor-save"
    >
      <FormBanner banner={errors.banner} onReload={onClose} />
      <Form<CompetitorFields> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('competitor.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="competitor-name-input" />
        </Form.Item>
        <Form.Item name="website" label={t('competitor.website')} extra={t('competitor.websiteHint')}>
          <Input maxLength={2000} placeholder="https://" data-testid="competitor-website" />
        </Form.Item>
        <Form.Item name="products" label={t('competitor.products')}>
          <Input.TextArea maxLength={2000} rows={2} data-testid="competitor-products" />
        </Form.Item>
        <Form.Item name="strengths" label={t('competitor.strengths')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item name="weaknesses" label={t('competitor.weaknesses')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item name="pricing_notes" label={t('competitor.pricing_notes')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item name="tags" label={t('field.tags')}>
          <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="notes" label={t('field.note')}>
          <Input.TextArea maxLength={10000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
