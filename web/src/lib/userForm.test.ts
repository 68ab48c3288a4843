import { describe, expect, it } from 'vitest';
import type { User } from '../api/client';
import { endsSessions, filterUsers, noTeam, sortUsers, userCreateBody, userFieldPath, userToValues, userUpdateBody } from './userForm';

const base: User = {
  id: '01a20a14-4372-71b1-8ff5-8c3728594768',
  email: 'sales.east2@example.com',
  name: '赵磊',
  role: 'sales',
  team_id: '01a20a14-42c8-7cee-8951-e93b099a4f10',
  locale: 'zh-CN',
  active: true,
  version: 2,
  created_at: '2026-01-01T00:00:00Z',
  created_by: '',
  updated_at: '2026-01-01T00:00:00Z',
  updated_by: '',
};

describe('user form bodies', () => {
  it('creates with a trimmed name and e-mail, and no team when none is chosen', () => {
    const v = { ...userToValues(), email: ' new@example.com ', name: ' 新人 ', password: 'long-enough-1', role: 'viewer' as const };
    expect(userCreateBody(v)).toEqual({ email: 'new@example.com', name: '新人', password: 'long-enough-1', role: 'viewer', locale: 'zh-CN' });
    expect(userCreateBody({ ...v, team_id: base.team_id })).toMatchObject({ team_id: base.team_id });
  });

  it('sends nothing when nothing changed', () => {
    expect(userUpdateBody(userToValues(base), base, false)).toEqual({});
  });

  it('sends only the changes; an empty team clears it; a blank password keeps it', () => {
    const v = { ...userToValues(base), role: 'manager' as const, team_id: undefined, password: '' };
    expect(userUpdateBody(v, base, false)).toEqual({ role: 'manager', team_id: '' });
    expect(userUpdateBody({ ...userToValues(base), active: false, password: 'a-new-password' }, base, false)).toEqual({ active: false, password: 'a-new-password' });
  });

  it('never sends your own role, activity or password', () => {
    const v = { ...userToValues(base), role: 'admin' as const, active: false, name: '赵磊磊', password: 'a-new-password' };
    expect(userUpdateBody(v, base, true)).toEqual({ name: '赵磊磊' });
  });

  it('knows which changes sign the user out', () => {
    expect(endsSessions({ name: 'x' }, base)).toBe(false);
    expect(endsSessions({ active: true }, base)).toBe(false);
    expect(endsSessions({ active: false }, base)).toBe(true);
    expect(endsSessions({ active: false }, { ...base, active: false })).toBe(false);
    expect(endsSessions({ role: 'manager' }, base)).toBe(true);
    expect(endsSessions({ password: 'a-new-password' }, base)).toBe(true);
  });

  it('places API errors on form fields', () => {
    expect(userFieldPath('email')).toEqual(['email']);
    expect(userFieldPath('team_id')).toEqual(['team_id']);
    expect(userFieldPath('header.If-Match')).toBeUndefined();
  });
});

describe('user filter', () => {
  const users = [
    { ...base, name: '王芳', email: 'sales.east@example.com' },
    { ...base, name: 'Zhao Lei', email: 'zl@example.com', role: 'manager' as const },
    { ...base, name: '访客', email: 'viewer@example.com', role: 'viewer' as const, team_id: undefined, active: false },
  ];
  const names = (f: Parameters<typeof filterUsers>[1]) => filterUsers(users, f).map((u) => u.name);

  it('searches names and e-mails, ignoring case', () => {
    expect(names({ q: '王' })).toEqual(['王芳']);
    expect(names({ q: 'zhao' })).toEqual(['Zhao Lei']);
    expect(names({ q: ' EXAMPLE.com ' })).toHaveLength(3);
    expect(names({ q: 'VIEWER@' })).toEqual(['访客']);
  });

  it('filters by role, team (or no team) and status', () => {
    expect(names({ role: 'manager' })).toEqual(['Zhao Lei']);
    expect(names({ team: base.team_id })).toEqual(['王芳', 'Zhao Lei']);
    expect(names({ team: noTeam })).toEqual(['访客']);
    expect(names({ status: 'inactive' })).toEqual(['访客']);
    expect(names({ status: 'active', role: 'sales', q: 'east' })).toEqual(['王芳']);
  });
});

describe('user order', () => {
  it('lists by role as the roles are listed, then by name', () => {
    const users = [
      { name: 'b', role: 'sales' as const },
      { name: 'z', role: 'admin' as const },
      { name: 'a', role: 'sales' as const },
      { name: 'm', role: 'viewer' as const },
      { name: 'c', role: 'manager' as const },
    ];
    expect(sortUsers(users).map((u) => u.name)).toEqual(['z', 'c', 'a', 'b', 'm']);
  });
});
