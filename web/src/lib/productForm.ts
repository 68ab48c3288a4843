// The product form: values as typed (prices in yuan strings) and the
// request bodies, sending only what changed. Pure and unit-tested.

import type { Schemas } from '../api/client';
import { fenToYuanString, parseYuan } from './money';

export type Product = Schemas['Product'];
export type ProductFields = Schemas['ProductFields'];
export type ProductUpdate = Schemas['ProductUpdate'];

export interface ProductFormValues {
  code: string;
  name: string;
  category?: string;
  unit?: string;
  list_price: string;
  unit_cost?: string;
  description?: string;
  active: boolean;
}

export function productToValues(p?: Product): ProductFormValues {
  if (!p) return { code: '', name: '', category: '', unit: '', list_price: '', unit_cost: '', description: '', active: true };
  return {
    code: p.code,
    name: p.name,
    category: p.category ?? '',
    unit: p.unit ?? '',
    list_price: fenToYuanString(p.list_price),
    unit_cost: p.unit_cost === undefined ? '' : fenToYuanString(p.unit_cost),
    description: p.description ?? '',
    active: p.active ?? true,
  };
}

/** A non-negative amount in fen, or undefined when the text is not one. */
export function amountOf(text: string | undefined): number | undefined {
  const v = parseYuan(text ?? '');
  return v === null || v < 0 ? undefined : v;
}

export function productCreateBody(v: ProductFormValues, withCost: boolean): ProductFields {
  const body: ProductFields = { code: v.code.trim(), name: v.name.trim(), list_price: amountOf(v.list_price) ?? -1, active: v.active };
  if (v.category?.trim()) body.category = v.category.trim();
  if (v.unit?.trim()) body.unit = v.unit.trim();
  if (v.description?.trim()) body.description = v.description.trim();
  if (withCost && v.unit_cost?.trim()) body.unit_cost = amountOf(v.unit_cost) ?? -1;
  return body;
}

/** Only the fields that differ from base; the cost only for those who see it. */
export function productUpdateBody(v: ProductFormValues, base: Product, withCost: boolean): ProductUpdate {
  const was = productToValues(base);
  const body: ProductUpdate = {};
  const text = (k: 'code' | 'name' | 'category' | 'unit' | 'description') => {
    const now = (v[k] ?? '').trim();
    if (now !== (was[k] ?? '')) body[k] = now;
  };
  text('code');
  text('name');
  text('category');
  text('unit');
  text('description');
  const price = amountOf(v.list_price);
  if (price !== base.list_price) body.list_price = price ?? -1;
  if (withCost && (v.unit_cost ?? '').trim() !== was.unit_cost) body.unit_cost = amountOf(v.unit_cost) ?? -1;
  if (v.active !== was.active) body.active = v.active;
  return body;
}
