// Contact form values and the request bodies built from them. Pure, so
// that the rules (send only what changed, the profile only when the user
// may see it) are unit-tested.

import type { Contact, ContactFields, ContactUpdate, FieldDefinition, PersonalProfile } from '../api/client';
import type { NamePath } from '../api/errors';
import { profileFields } from '../i18n/enums';
import { cleanCustom, sameValue } from './formValues';

type Consent = { phone: boolean; mobile: boolean; email: boolean; wechat: boolean };

export interface ContactFormValues {
  account_id?: string;
  name: string;
  title?: string;
  department?: string;
  reports_to_id?: string;
  level?: 'decision' | 'management' | 'operational';
  function?: 'user' | 'technical' | 'finance';
  concerns?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  address?: string;
  consent: Consent;
  owner_id?: string;
  tags?: string[];
  custom?: Record<string, unknown>;
  personal_profile?: Record<string, string | undefined>;
}

const textFields = ['name', 'title', 'department', 'reports_to_id', 'concerns', 'phone', 'mobile', 'email', 'wechat', 'address', 'owner_id'] as const;
const noConsent: Consent = { phone: false, mobile: false, email: false, wechat: false };

export function contactToValues(c?: Contact, accountId?: string): ContactFormValues {
  if (!c) return { account_id: accountId, name: '', consent: { ...noConsent }, tags: [], custom: {}, personal_profile: {} };
  const v: ContactFormValues = {
    account_id: c.account_id,
    name: c.name,
    level: c.level,
    function: c.function,
    consent: { ...noConsent, ...c.consent },
    tags: c.tags ?? [],
    custom: { ...(c.custom ?? {}) },
    personal_profile: {},
  };
  for (const f of textFields) (v as unknown as Record<string, unknown>)[f] = c[f] || undefined;
  for (const f of profileFields) v.personal_profile![f] = c.personal_profile?.[f] || undefined;
  return v;
}

function profileOf(v: ContactFormValues): PersonalProfile {
  const p: Record<string, string> = {};
  for (const f of profileFields) {
    const x = (v.personal_profile?.[f] ?? '').trim();
    if (x) p[f] = x;
  }
  return p as PersonalProfile;
}


export function contactCreateBody(v: ContactFormValues, withProfile: boolean): ContactFields {
  const body = { account_id: v.account_id ?? '', name: v.name.trim(), level: v.level!, function: v.function!, consent: { ...noConsent, ...v.consent } } as ContactFields;
  const b = body as unknown as Record<string, unknown>;
  for (const f of textFields) {
    if (f === 'name') continue;
    const x = v[f]?.trim();
    if (x) b[f] = x;
  }
  if (v.tags?.length) body.tags = v.tags;
  const custom = cleanCustom(v.custom);
  if (Object.keys(custom).length) body.custom = custom;
  const profile = profileOf(v);
  if (withProfile && Object.keys(profile).length) body.personal_profile = profile;
  return body;
}

export function contactUpdateBody(v: ContactFormValues, base: Contact, withProfile: boolean): ContactUpdate {
  const before = contactToValues(base);
  const body: ContactUpdate = {};
  const b = body as unknown as Record<string, unknown>;
  for (const f of textFields) {
    const x = (v[f] ?? '').trim();
    if (x !== (before[f] ?? '')) b[f] = x;
  }
  if (v.level !== before.level) body.level = v.level;
  if (v.function !== before.function) body.function = v.function;
  const consent = { ...noConsent, ...v.consent };
  if (!sameValue(consent, before.consent)) body.consent = consent;
  if (!sameValue(v.tags ?? [], before.tags ?? [])) body.tags = v.tags ?? [];
  const custom = cleanCustom(v.custom);
  if (!sameValue(custom, cleanCustom(before.custom))) body.custom = custom;
  if (withProfile) {
    const p = profileOf(v);
    if (!sameValue(p, profileOf(before))) body.personal_profile = p;
  }
  return body;
}

// Short fields first, three to a row; the free-text ones two to a row.
export const shortProfileFields: readonly string[] = ['hometown', 'university', 'birthday'];
export const profileFormOrder = [...profileFields.filter((f) => shortProfileFields.includes(f)), ...profileFields.filter((f) => !shortProfileFields.includes(f))];

const direct = new Set<string>([...textFields, 'account_id', 'level', 'function', 'tags']);

/** The form field an API field name belongs to, for showing the API's errors. */
export function contactFieldPath(defs: FieldDefinition[]) {
  return (f: string): NamePath | undefined => {
    if (f.startsWith('custom.') && defs.some((d) => `custom.${d.key}` === f)) return ['custom', f.slice(7)];
    if (f.startsWith('personal_profile.') && (profileFields as readonly string[]).includes(f.slice(17))) return ['personal_profile', f.slice(17)];
    if (f.startsWith('consent.')) return ['consent', f.slice(8)];
    if (f.startsWith('tags')) return ['tags'];
    return direct.has(f) ? [f] : undefined;
  };
}
