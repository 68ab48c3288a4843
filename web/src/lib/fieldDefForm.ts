// Custom field definitions: form values, request bodies and the checks the
// form makes before the server does (key pattern, options of select types).

import type { Entity, FieldDefinition, Schemas } from '../api/client';
import type { NamePath } from '../api/errors';

export type FieldType = FieldDefinition['type'];
export type FieldDefinitionInput = Schemas['FieldDefinitionInput'];

/** The key pattern of crm.FieldDefinition. */
export const fieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const maxOptionLength = 100;
export const maxOptions = 100;

export function hasOptions(type: FieldType | undefined): boolean {
  return type === 'select' || type === 'multiselect';
}

export interface FieldDefFormValues {
  label: string;
  key: string;
  type: FieldType;
  options: string[];
  required: boolean;
}

export function fieldDefToValues(d?: FieldDefinition): FieldDefFormValues {
  if (!d) return { label: '', key: '', type: 'text', options: [], required: false };
  return { label: d.label, key: d.key, type: d.type, options: [...(d.options ?? [])], required: d.required };
}

/** Options as sent: trimmed, blanks dropped. */
export function cleanOptions(options: readonly (string | undefined)[] | undefined): string[] {
  return (options ?? []).map((o) => (o ?? '').trim()).filter((o) => o !== '');
}

/**
 * The body of a create or an update (the API takes the whole definition
 * either way; entity, key and type must then be the stored ones).
 */
export function fieldDefBody(v: FieldDefFormValues, entity: Entity): FieldDefinitionInput {
  const body: FieldDefinitionInput = { entity, key: v.key.trim(), label: v.label.trim(), type: v.type, required: !!v.required };
  if (hasOptions(v.type)) body.options = cleanOptions(v.options);
  return body;
}

/** Positions of options that repeat an earlier one (after trimming). */
export function duplicateOptions(options: readonly (string | undefined)[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  options.forEach((o, i) => {
    const s = (o ?? '').trim();
    if (!s) return;
    if (seen.has(s)) out.push(i);
    seen.add(s);
  });
  return out;
}

/** Options of the stored definition that the edit removes. */
export function removedOptions(before: readonly string[] | null | undefined, after: readonly (string | undefined)[]): string[] {
  const kept = new Set(cleanOptions(after));
  return (before ?? []).filter((o) => !kept.has(o));
}

/**
 * A key suggested from a label written in Latin letters ("ERP system" ->
 * "erp_system"); empty when the label has none to go by (e.g. Chinese).
 */
export function suggestKey(label: string): string {
  let k = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!k) return '';
  if (!/^[a-z]/.test(k)) k = `f_${k}`;
  return k.slice(0, 40).replace(/_+$/, '');
}

/** The form field of an API field name ("options[2]" belongs to the options list). */
export function fieldDefFieldPath(apiField: string): NamePath | undefined {
  if (apiField === 'options' || apiField.startsWith('options[') || apiField.startsWith('options.')) return ['options'];
  if (apiField === 'label' || apiField === 'key' || apiField === 'type' || apiField === 'required') return [apiField];
  return undefined;
}
