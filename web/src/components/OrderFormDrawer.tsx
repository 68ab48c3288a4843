import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, call, ifMatch, type Account, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { dayValue } from '../lib/dateValues';
import { formatMoney } from '../lib/money';
import { lineRevenue, newOrderValues, orderCreateBody, orderFieldPath, orderStatuses, orderTotal, orderUpdateBody, orderValuesFrom, type OrderFormValues } from '../lib/orderForm';
import { FormBanner } from './FormBanner';
import { FormDrawer } from './FormDrawer';
import { useApiFormErrors } from './useApiFormErrors';

type Product = Schemas['Product'];
type Order = Schemas['Order'];

/** Active products for the line picker (the catalogue is small: one page of 200). */
export function useActiveProducts(enabled: boolean) {
  return useQuery({
    queryKey: [...keys.products, 'active'],
    queryFn: () => call(api.GET('/api/v1/products', { params: { query: { active: 'true', sort: 'code', limit: 200 } } })),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * Records a new order on an account, or edits one (order set): prices
 * default to the list price; an edit names the version it read.
 */
export function OrderFormDrawer({ open, account, order, onClose }: { open: boolean; account: Account; order?: Order; onClose: () => void }) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OrderFormValues>();
  const errors = useApiFormErrors(form, orderFieldPath);
  const { setBanner } = errors;
  const [saving, setSaving] = useState(false);
  const products = useActiveProducts(open);
  const byId = useMemo(() => new Map<string, Product>((products.data?.items ?? []).map((p) => [p.id, p])), [products.data]);
  const lines = Form.useWatch('lines', form) ?? [];
  const total = orderTotal(lines, (id) => byId.get(id)?.list_price);

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(order ? orderValuesFrom(order) : newOrderValues(dayjs().format('YYYY-MM-DD')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as OrderFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (order) {
        const body = orderUpdateBody(v, order);
        if (Object.keys(body).length > 0) {
          await call(api.PATCH('/api/v1/orders/{id}', { params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order.version) } }, body }));
        }
      } else {
        await call(api.POST('/api/v1/orders', { body: orderCreateBody(v, account.id) }));
      }
      qc.invalidateQueries({ queryKey: keys.orders });
      qc.invalidateQueries({ queryKey: keys.stats(account.id) });
      qc.invalidateQueries({ queryKey: keys.analytics });
      message.success(order ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const money = (fen: number) => formatMoney(fen, 'CNY', locale);
  const productOptions = (products.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} · ${p.name}`,
    search: `${p.code} ${p.name} ${p.category ?? ''}`.toLowerCase(),
  }));

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={860}
      title={order ? t('order.edit', { number: order.number }) : t('order.new', { name: account.name })}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="order-save"
    >
      <FormBanner banner={errors.banner} onReload={() => setBanner(null)} />
      <Form<OrderFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Space wrap align="start" size="large">
          <Form.Item name="number" label={t('order.number')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]} extra={t('order.numberHint')}>
            <Input maxLength={64} style={{ width: 220 }} data-testid="order-number" />
          </Form.Item>
          <Form.Item
            name="order_date"
            label={t('order.date')}
            rules={[{ required: true, message: t('reason.required') }]}
            {...dayValue}
          >
            <DatePicker allowClear={false} data-testid="order-date" />
          </Form.Item>
          <Form.Item name="status" label={t('order.status')}>
            <Select style={{ width: 160 }} options={orderStatuses.map((s) => ({ value: s, label: label('order_status', s) }))} data-testid="order-status" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('order.lines')}</Typography.Title>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const line = lines[i] ?? {};
                const product = line.product_id ? byId.get(line.product_id) : undefined;
                const revenue = lineRevenue(line, product?.list_price);
                return (
                  <Space key={f.key} align="start" wrap className="gx-order-line" data-testid={`order-line-${i}`}>
                    <Form.Item name={[f.name, 'product_id']} rules={[{ required: true, message: t('order.pickProduct') }]}>
                      <Select
                        showSearch
                        style={{ width: 250 }}
                        placeholder={t('order.product')}
                        options={productOptions}
                        loading={products.isLoading}
                        filterOption={(input, o) => (o?.search ?? '').includes(input.toLowerCase())}
                        data-testid={`order-line-product-${i}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('reason.required') }]}>
                      <InputNumber min={1} max={1_000_000_000} precision={0} addonBefore={t('order.quantity')} style={{ width: 130 }} data-testid={`order-line-qty-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit_price']}>
                      <Input
                        addonBefore={t('order.unitPrice')}
                        placeholder={product ? money(product.list_price).replace('¥', '') : ''}
                        style={{ width: 165 }}
                        inputMode="decimal"
                        data-testid={`order-line-price-${i}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'discount']}>
                      <Input addonBefore={t('order.discount')} placeholder="0.00" style={{ width: 140 }} inputMode="decimal" />
                    </Form.Item>
                    <Typography.Text className="gx-order-line-amount" type={revenue === 'overflow' ? 'danger' : undefined}>
                      {revenue === 'overflow' ? t('order.tooLarge') : revenue === null ? '—' : money(revenue)}
                    </Typography.Text>
                    <Button icon={<DeleteOutlined />} type="text" disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Space>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} disabled={fields.length >= 500} data-testid="order-add-line">
                {t('order.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={4} className="gx-order-total" data-testid="order-total">
          {t('order.total')}: {total === null ? '—' : money(total)}
        </Typography.Title>
        <Form.Item name="note" label={t('order.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
