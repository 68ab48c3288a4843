import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/client';
import { contactCreateBody, contactFieldPath, contactToValues, contactUpdateBody } from './contactForm';

const base: Contact = {
  id: '01a209a0-df87-7615-bddb-d05657561cc9',
  account_id: '01a209a0-df87-7130-b9c4-8177020787d6',
  name: '张三',
  level: 'decision',
  function: 'finance',
  consent: { phone: true, mobile: false, email: false, wechat: false },
  personal_profile: { hometown: '泉州', birthday: '1980-02-03' },
  version: 2,
  created_at: '2026-01-01T00:00:00Z',
  created_by: '',
  updated_at: '2026-01-01T00:00:00Z',
  updated_by: '',
};

describe('contact form bodies', () => {
  it('sends nothing when nothing changed', () => {
    expect(contactUpdateBody(contactToValues(base), base, true)).toEqual({});
  });

  it('sends the whole consent and the whole profile when part of them changed', () => {
    const v = contactToValues(base);
    v.consent = { ...v.consent, wechat: true };
    v.personal_profile = { ...v.personal_profile, sports: '羽毛球' };
    expect(contactUpdateBody(v, base, true)).toEqual({
      consent: { phone: true, mobile: false, email: false, wechat: true },
      personal_profile: { hometown: '泉州', birthday: '1980-02-03', sports: '羽毛球' },
    });
  });

  it('never sends a profile the user may not see', () => {
    const hidden = { ...base, personal_profile: undefined, redacted: ['personal_profile'] };
    const v = contactToValues(hidden);
    v.personal_profile = { hometown: 'x' };
    expect(contactUpdateBody(v, hidden, false)).toEqual({});
  });

  it('creates with the required fields and leaves empty ones out', () => {
    const v = { ...contactToValues(undefined, base.account_id), name: ' 李四 ', level: 'operational' as const, function: 'user' as const, title: '' };
    expect(contactCreateBody(v, true)).toEqual({
      account_id: base.account_id,
      name: '李四',
      level: 'operational',
      function: 'user',
      consent: { phone: false, mobile: false, email: false, wechat: false },
    });
  });

  it('places API errors on form fields', () => {
    const path = contactFieldPath([]);
    expect(path('personal_profile.birthday')).toEqual(['personal_profile', 'birthday']);
    expect(path('reports_to_id')).toEqual(['reports_to_id']);
    expect(path('personal_profile.nonsense')).toBeUndefined();
  });
});
