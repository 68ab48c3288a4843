import { describe, expect, it } from 'vitest';
import { ApiError, mapFieldErrors, type FieldError } from './errors';

const reasons: Record<string, string> = { required: '必填', invalid: '格式不正确', cycle: '会形成循环' };
const reasonText = (r: string) => reasons[r];
const label = (f: string) => ({ credit_code: '信用代码', 'query.sort': '排序' })[f] ?? f;

// The form shows these API fields; credit_limit.amount is its yuan input.
const known = (f: string) => {
  if (f === 'credit_limit.amount') return ['credit_limit_yuan'];
  if (['name', 'credit_code', 'reports_to_id'].includes(f)) return [f];
  if (f.startsWith('personal_profile.') || f.startsWith('custom.')) return f.split('.');
  return undefined;
};

const fe = (field: string, reason: string, message = 'msg'): FieldError => ({ field, reason, message });

describe('mapFieldErrors', () => {
  it('puts translated reasons on the form fields the API names', () => {
    const r = mapFieldErrors([fe('name', 'required'), fe('credit_code', 'invalid')], known, reasonText, label);
    expect(r.fields).toEqual([
      { name: ['name'], errors: ['必填'] },
      { name: ['credit_code'], errors: ['格式不正确'] },
    ]);
    expect(r.other).toEqual([]);
  });

  it('maps nested and custom field names to form paths', () => {
    const r = mapFieldErrors(
      [fe('personal_profile.birthday', 'invalid'), fe('custom.erp_system', 'unknown_value', 'must be one of: SAP'), fe('credit_limit.amount', 'out_of_range', 'must be between')],
      known,
      reasonText,
      label,
    );
    expect(r.fields.map((f) => f.name)).toEqual([['personal_profile', 'birthday'], ['custom', 'erp_system'], ['credit_limit_yuan']]);
    // Reasons without a translation fall back to the API's message.
    expect(r.fields[1].errors).toEqual(['must be one of: SAP']);
  });

  it('lists errors for fields the form does not show separately, with a label', () => {
    const r = mapFieldErrors([fe('query.sort', 'invalid'), fe('', 'weird', 'Bad thing')], known, reasonText, label);
    expect(r.fields).toEqual([]);
    expect(r.other).toEqual(['排序: 格式不正确', 'Bad thing']);
  });

  it('does not repeat the same text on one field', () => {
    const r = mapFieldErrors([fe('name', 'required'), fe('name', 'required')], known, reasonText, label);
    expect(r.fields).toEqual([{ name: ['name'], errors: ['必填'] }]);
  });
});

describe('ApiError', () => {
  it('takes the code from the problem document, else from the status', () => {
    expect(new ApiError(412, { type: 'about:blank', title: '', status: 412, detail: 'x', code: 'precondition_failed' }).code).toBe('precondition_failed');
    expect(new ApiError(429).code).toBe('rate_limited');
    expect(ApiError.network(new TypeError('fetch')).code).toBe('network');
  });
});
