import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../api/client';
import { duplicateOptions, fieldDefBody, fieldDefFieldPath, fieldDefToValues, fieldKeyPattern, removedOptions, suggestKey } from './fieldDefForm';

const erp: FieldDefinition = {
  id: '01a20a14-444f-75fa-8410-cd79d4c3a07d',
  entity: 'account',
  key: 'erp_system',
  label: 'ERP 系统',
  type: 'select',
  options: ['SAP', '用友', '金蝶'],
  required: false,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  created_by: '',
  updated_at: '2026-01-01T00:00:00Z',
  updated_by: '',
};

describe('field definition bodies', () => {
  it('round-trips a definition unchanged', () => {
    expect(fieldDefBody(fieldDefToValues(erp), 'account')).toEqual({
      entity: 'account',
      key: 'erp_system',
      label: 'ERP 系统',
      type: 'select',
      options: ['SAP', '用友', '金蝶'],
      required: false,
    });
  });

  it('trims options and drops blanks; only select types carry options', () => {
    const v = { ...fieldDefToValues(erp), options: [' SAP ', '', '  ', '用友'], label: ' ERP ' };
    expect(fieldDefBody(v, 'account')).toMatchObject({ label: 'ERP', options: ['SAP', '用友'] });
    expect(fieldDefBody({ ...v, type: 'text' }, 'contact')).toEqual({ entity: 'contact', key: 'erp_system', label: 'ERP', type: 'text', required: false });
  });

  it('finds repeated options', () => {
    expect(duplicateOptions(['a', 'b', ' a', '', '', 'b'])).toEqual([2, 5]);
    expect(duplicateOptions(['a', 'b'])).toEqual([]);
  });

  it('lists the options an edit removes', () => {
    expect(removedOptions(erp.options, ['SAP', ' 金蝶 ', 'Oracle'])).toEqual(['用友']);
    expect(removedOptions(undefined, ['x'])).toEqual([]);
  });

  it('suggests keys that match the server pattern', () => {
    expect(suggestKey('ERP system')).toBe('erp_system');
    expect(suggestKey('  Annual revenue (10k CNY) ')).toBe('annual_revenue_10k_cny');
    expect(suggestKey('2nd phone')).toBe('f_2nd_phone');
    expect(suggestKey('Café')).toBe('cafe');
    expect(suggestKey('年营业额')).toBe('');
    const long = suggestKey('a'.repeat(39) + ' bcd');
    expect(long).toMatch(fieldKeyPattern);
    expect(long).toBe('a'.repeat(39));
    for (const l of ['ERP system', '2nd phone', 'x'.repeat(80), 'A-B-C']) expect(suggestKey(l)).toMatch(fieldKeyPattern);
  });

  it('places API errors on form fields', () => {
    expect(fieldDefFieldPath('options[1]')).toEqual(['options']);
    expect(fieldDefFieldPath('options')).toEqual(['options']);
    expect(fieldDefFieldPath('key')).toEqual(['key']);
    expect(fieldDefFieldPath('entity')).toBeUndefined();
  });
});
