import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { enumPrefixes } from './enums';
import { catalogues, format, locales } from './messages';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have no empty text', () => {
    for (const l of locales) {
      for (const [k, v] of Object.entries(catalogues[l])) expect(v.trim(), `${l} ${k}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[k]), k).toEqual(placeholders(zhCN[k]));
    }
  });

  it('label every enum value in both languages', () => {
    for (const { values, prefix } of Object.values(enumPrefixes)) {
      for (const v of values) {
        for (const l of locales) expect(catalogues[l], `${l} ${prefix}.${v}`).toHaveProperty([`${prefix}.${v}`]);
      }
    }
  });

  it('fills placeholders', () => {
    expect(format('共 {total} 条', { total: 5 })).toBe('共 5 条');
    expect(format('{a}{b}', { a: 1 })).toBe('1{b}');
  });
});

describe('enum lists', () => {
  // The enums in the server's OpenAPI document must all have labels.
  const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'));
  const schemas = doc.components.schemas as Record<string, { properties?: Record<string, { enum?: string[] }> }>;
  const enumOf = (schema: string, prop: string) => (schemas[schema].properties?.[prop]?.enum ?? []).filter((v) => v !== '');

  it.each([
    ['Account', 'kind', 'kind'],
    ['Account', 'industry', 'industry'],
    ['Account', 'size', 'size'],
    ['Account', 'source', 'source'],
    ['Account', 'credit_rating', 'credit_rating'],
    ['Contact', 'level', 'level'],
    ['Contact', 'function', 'function'],
    ['AccountLink', 'kind', 'link'],
    ['User', 'role', 'role'],
    ['User', 'role', 'roleDesc'],
    ['FieldDefinition', 'type', 'fieldType'],
    ['Order', 'status', 'order_status'],
    ['PipelineStage', 'kind', 'stage_kind'],
    ['Opportunity', 'stage_kind', 'stage_kind'],
  ] as const)('%s.%s matches the UI list', (schema, prop, name) => {
    expect([...enumPrefixes[name].values]).toEqual(enumOf(schema, prop));
  });
});
