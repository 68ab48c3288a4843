import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call, ifMatch } from '../api/client';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { errorText } from '../components/errorText';
import { FormBanner } from '../components/FormBanner';
import { FormDrawer } from '../components/FormDrawer';
import { useApiFormErrors } from '../components/useApiFormErrors';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { amountOf, productCreateBody, productToValues, productUpdateBody, type Product, type ProductFormValues } from '../lib/productForm';

const productFields = new Set(['code', 'name', 'category', 'unit', 'list_price', 'unit_cost', 'description', 'active']);

/** The product catalogue: everyone reads it, admins, managers and warehouse change it. */
export function ProductsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...keys.products, 'list', q, category],
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/products', { params: { query: { q: q || undefined, category, sort: 'code', limit: 100, cursor: pageParam || undefined } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const categories = useMemo(() => [...new Set(items.map((p) => p.category).filter(Boolean) as string[])].sort(), [items]);
  const money = (fen?: number) => (fen === undefined ? '—' : formatMoney(fen, 'CNY', locale));
  const canEdit = me.permissions.edit_products;

  return (
    <Card
      title={t('product.title')}
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-new">
            {t('product.new')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('product.readOnly')}</Typography.Text>
        )
      }
    >
      <Space className="gx-mb" wrap>
        <Input.Search allowClear placeholder={t('product.search')} onSearch={setQ} style={{ width: 260 }} data-testid="product-search" />
        <Select
          allowClear
          placeholder={t('product.allCategories')}
          style={{ width: 180 }}
          value={category}
          onChange={setCategory}
          options={categories.map((c) => ({ value: c, label: c }))}
        />
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorText(t, list.error)} />}
      <Table<Product>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        data-testid="products-table"
        columns={[
          { title: t('product.code'), dataIndex: 'code', width: 160 },
          { title: t('product.name'), dataIndex: 'name' },
          { title: t('product.category'), dataIndex: 'category', width: 120 },
          { title: t('product.unit'), dataIndex: 'unit', width: 80 },
          { title: t('product.listPrice'), dataIndex: 'list_price', align: 'right', render: (v: number) => money(v) },
          ...(me.permissions.see_cost ? [{ title: t('product.unitCost'), dataIndex: 'unit_cost', align: 'right' as const, render: (v?: number) => money(v) }] : []),
          {
            title: t('common.actions'),
            key: 'status',
            width: 160,
            render: (_: unknown, p: Product) => (
              <Space>
                {p.active === false ? <Tag>{t('product.inactive')}</Tag> : <Tag color="green">{t('product.active')}</Tag>}
                {canEdit && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('common.edit')} />}
              </Space>
            ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button block className="gx-mt" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <ProductFormDrawer product={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function ProductFormDrawer({ product, onClose }: { product: Product | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProductFormValues>();
  const errors = useApiFormErrors(form, (f) => (productFields.has(f) ? [f] : undefined));
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const open = product !== null;
  const base = product === 'new' ? undefined : (product ?? undefined);
  const withCost = me.permissions.see_cost;

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(productToValues(base));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [product]);

  const amountRule = (required: boolean) => ({
    validator: (_: unknown, v?: string) =>
      !v?.trim() ? (required ? Promise.reject(new Error(t('reason.required'))) : Promise.resolve()) : amountOf(v) === undefined ? Promise.reject(new Error(t('product.amountInvalid'))) : Promise.resolve(),
  });

  const submit = async () => {
    const v = form.getFieldsValue(true) as ProductFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (base) {
        const body = productUpdateBody(v, base, withCost);
        if (Object.keys(body).length)
          await call(api.PATCH('/api/v1/products/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
      } else {
        await call(api.POST('/api/v1/products', { body: productCreateBody(v, withCost) }));
      }
      qc.invalidateQueries({ queryKey: keys.products });
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
      width={520}
      title={base ? t('product.edit') : t('product.new')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="product-save"
    >
      <FormBanner banner={errors.banner} onReload={onClose} />
      <Form<ProductFormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="code" label={t('product.code')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={64} data-testid="product-code" />
        </Form.Item>
        <Form.Item name="name" label={t('product.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input maxLength={200} data-testid="product-name" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="category" label={t('product.category')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unit" label={t('product.unit')}>
            <Input maxLength={20} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Space size="large">
          <Form.Item name="list_price" label={`${t('product.listPrice')} (¥)`} rules={[amountRule(true)]}>
            <Input inputMode="decimal" data-testid="product-price" />
          </Form.Item>
          {withCost && (
            <Form.Item name="unit_cost" label={`${t('product.unitCost')} (¥)`} rules={[amountRule(false)]}>
              <Input inputMode="decimal" data-testid="product-cost" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="active" label={t('product.active')} valuePropName="checked" extra={t('product.activeHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={t('product.description')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
