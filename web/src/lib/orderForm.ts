// Orders in the UI: form values, the money of a line worked out the way
// the server does (integers in fen, never floats), and the request body.
// Pure, so the arithmetic and the error placement are unit-tested.

import type { Schemas } from '../api/client';
import type { NamePath } from '../api/errors';
import { orderStatuses as statuses } from '../i18n/enums';
import { fenToYuanString, parseYuan } from './money';

export type OrderInput = Schemas['OrderInput'];
export type OrderUpdate = Schemas['OrderUpdate'];
type Order = Schemas['Order'];
export type OrderStatus = NonNullable<OrderInput['status']>;
export const orderStatuses: readonly OrderStatus[] = statuses;

/** The largest amount the server accepts (crm.MaxAmount), in fen. */
export const maxAmount = 1_000_000_000_000_000;

export interface LineValues {
  product_id?: string;
  quantity?: number;
  /** Unit price in yuan as typed; blank takes the product's list price. */
  unit_price?: string;
  /** Discount off the line in yuan as typed. */
  discount?: string;
}

export interface OrderFormValues {
  number: string;
  order_date?: string; // YYYY-MM-DD
  status: OrderStatus;
  note?: string;
  lines: LineValues[];
}

export function newOrderValues(today: string): OrderFormValues {
  return { number: '', order_date: today, status: 'confirmed', note: '', lines: [{ quantity: 1 }] };
}

/**
 * A line's amount in fen: quantity x unit price - discount, using the
 * product's list price when no price is typed. null while the line is
 * incomplete or its numbers are not amounts; 'overflow' past maxAmount.
 */
export function lineRevenue(l: LineValues, listPrice: number | undefined): number | null | 'overflow' {
  if (!l.quantity || l.quantity < 1 || !Number.isInteger(l.quantity)) return null;
  const price = l.unit_price?.trim() ? parseYuan(l.unit_price) : (listPrice ?? null);
  const discount = l.discount?.trim() ? parseYuan(l.discount) : 0;
  if (price === null || price < 0 || discount === null || discount < 0) return null;
  const gross = l.quantity * price;
  if (!Number.isSafeInteger(gross) || gross > maxAmount) return 'overflow';
  return gross - discount;
}

/** The order's total in fen, or null while a line is incomplete. */
export function orderTotal(lines: LineValues[], listPrice: (productId: string) => number | undefined): number | null {
  let total = 0;
  for (const l of lines) {
    const r = lineRevenue(l, l.product_id ? listPrice(l.product_id) : undefined);
    if (r === null || r === 'overflow') return null;
    total += r;
  }
  return total;
}

/** The form values of an existing order: its prices shown as typed amounts. */
export function orderValuesFrom(o: Order): OrderFormValues {
  return {
    number: o.number,
    order_date: o.order_date,
    status: o.status,
    note: o.note ?? '',
    lines: (o.lines ?? []).map((l) => ({
      product_id: l.product_id,
      quantity: l.quantity,
      unit_price: fenToYuanString(l.unit_price),
      discount: l.discount ? fenToYuanString(l.discount) : '',
    })),
  };
}

function lineInputs(v: OrderFormValues): NonNullable<OrderInput['lines']> {
  return v.lines.map((l) => {
    const line: NonNullable<OrderInput['lines']>[number] = { product_id: l.product_id ?? '', quantity: l.quantity ?? 0 };
    if (l.unit_price?.trim()) line.unit_price = parseYuan(l.unit_price) ?? -1;
    if (l.discount?.trim()) line.discount = parseYuan(l.discount) ?? -1;
    return line;
  });
}

/** The request body of a new order on account accountId. */
export function orderCreateBody(v: OrderFormValues, accountId: string): OrderInput {
  const body: OrderInput = {
    account_id: accountId,
    number: v.number.trim(),
    order_date: v.order_date ?? '',
    status: v.status,
    lines: lineInputs(v),
  };
  if (v.note?.trim()) body.note = v.note.trim();
  return body;
}

/**
 * The PATCH body of an edited order: the header fields that changed, and
 * the lines (replaced as a whole) when any line changed.
 */
export function orderUpdateBody(v: OrderFormValues, base: Order): OrderUpdate {
  const body: OrderUpdate = {};
  const before = orderValuesFrom(base);
  if (v.number.trim() !== base.number) body.number = v.number.trim();
  if (v.order_date && v.order_date !== base.order_date) body.order_date = v.order_date;
  if (v.status !== base.status) body.status = v.status;
  if ((v.note ?? '').trim() !== (base.note ?? '')) body.note = (v.note ?? '').trim();
  const lines = lineInputs(v);
  if (JSON.stringify(lines) !== JSON.stringify(lineInputs(before))) body.lines = lines;
  return body;
}

const headerFields = new Set(['number', 'order_date', 'status', 'note']);

/** The form field of an API field name: "lines[2].quantity" -> ['lines', 2, 'quantity']. */
export function orderFieldPath(apiField: string): NamePath | undefined {
  if (headerFields.has(apiField)) return [apiField];
  const m = /^lines\[(\d+)\]\.(product_id|quantity|unit_price|discount)$/.exec(apiField);
  if (m) return ['lines', Number(m[1]), m[2]];
  return undefined;
}
