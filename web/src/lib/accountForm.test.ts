import { describe, expect, it } from 'vitest';
import type { Account } from '../api/client';
import { accountCreateBody, accountFieldPath, accountToValues, accountUpdateBody } from './accountForm';

const base: Account = {
  id: '01a209a0-df98-7e37-aeea-022241e48118',
  kind: 'organization',
  name: '厦门示例有限公司',
  credit_code: '91350100M000100Y43',
  industry: 'manufacturing',
  region: '福建省',
  tags: ['VIP'],
  credit_rating: 'A',
  credit_limit: { amount: 309000000, currency: 'CNY' },
  custom: { erp_system: 'SAP', annual_revenue: 100 },
  hotness: 40,
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
  created_by: '',
  updated_at: '2026-01-01T00:00:00Z',
  updated_by: '',
};

describe('account form bodies', () => {
  it('sends nothing when nothing changed', () => {
    expect(accountUpdateBody(accountToValues(base), base, true)).toEqual({});
  });

  it('sends only the changed fields, clearing with empty strings', () => {
    const v = { ...accountToValues(base), region: '广东省', industry: undefined, tags: ['VIP', '重点客户'] };
    expect(accountUpdateBody(v, base, true)).toEqual({ region: '广东省', industry: '', tags: ['VIP', '重点客户'] });
  });

  it('sends the credit limit in fen, and never for users who cannot see it', () => {
    const v = { ...accountToValues(base), credit_limit_yuan: '1,234.5' };
    expect(accountUpdateBody(v, base, true)).toEqual({ credit_limit: { amount: 123450, currency: 'CNY' } });
    expect(accountUpdateBody(v, { ...base, redacted: ['credit_rating', 'credit_limit'] }, true)).toEqual({});
    expect(accountUpdateBody({ ...v, credit_rating: 'C' }, base, false)).toEqual({});
  });

  it('replaces custom values as a whole when one changes, ignoring key order', () => {
    const same = { ...accountToValues(base), custom: { annual_revenue: 100, erp_system: 'SAP' } };
    expect(accountUpdateBody(same, base, true)).toEqual({});
    const changed = { ...accountToValues(base), custom: { annual_revenue: 100, erp_system: '' } };
    expect(accountUpdateBody(changed, base, true)).toEqual({ custom: { annual_revenue: 100 } });
  });

  it('normalizes the credit code and leaves out what an individual does not have', () => {
    const org = accountCreateBody({ kind: 'organization', name: ' 甲 ', credit_code: ' 91350100m000100y43', tags: [] }, false);
    expect(org).toEqual({ kind: 'organization', name: '甲', credit_code: '91350100M000100Y43' });
    const person = accountCreateBody({ kind: 'individual', name: '张三', credit_code: 'X', credit_rating: 'A', credit_limit_yuan: '5' }, false);
    expect(person).toEqual({ kind: 'individual', name: '张三' });
  });

  it('places API errors on form fields', () => {
    const path = accountFieldPath([{ key: 'erp_system' } as never]);
    expect(path('credit_limit.amount')).toEqual(['credit_limit_yuan']);
    expect(path('custom.erp_system')).toEqual(['custom', 'erp_system']);
    expect(path('custom.unknown')).toBeUndefined();
    expect(path('credit_code')).toEqual(['credit_code']);
    expect(path('query.sort')).toBeUndefined();
  });
});
