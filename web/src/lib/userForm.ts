// User administration: form values, the request bodies built from them
// and the client-side filter of the user list. Pure, so that the rules
// (send only what changed, never change your own role or activity, a
// blank password means "keep it") are unit-tested.

import type { Schemas, User } from '../api/client';
import type { NamePath } from '../api/errors';
import { roles } from '../i18n/enums';

export type Role = User['role'];
export type UserCreate = Schemas['UserCreate'];
export type UserUpdate = Schemas['UserUpdate'];

/** The shortest password the server accepts (crm.MinPasswordLen). */
export const minPasswordLength = 10;

export interface UserFormValues {
  email: string;
  name: string;
  role?: Role;
  team_id?: string;
  locale: 'zh-CN' | 'en';
  active: boolean;
  /** New password (create: required; edit: blank keeps the current one). */
  password?: string;
  password_confirm?: string;
}

export function userToValues(u?: User): UserFormValues {
  if (!u) return { email: '', name: '', role: 'sales', team_id: undefined, locale: 'zh-CN', active: true };
  return { email: u.email, name: u.name, role: u.role, team_id: u.team_id || undefined, locale: u.locale, active: u.active };
}

export function userCreateBody(v: UserFormValues): UserCreate {
  const body: UserCreate = { email: v.email.trim(), name: v.name.trim(), password: v.password ?? '', role: v.role as Role, locale: v.locale };
  if (v.team_id) body.team_id = v.team_id;
  return body;
}

/**
 * The changes of an edit: only fields that differ from base. `self` is
 * true when admins edit their own user: role, activity and password are
 * never sent then (the server refuses them; their own password changes
 * under My account, with the current one).
 */
export function userUpdateBody(v: UserFormValues, base: User, self: boolean): UserUpdate {
  const body: UserUpdate = {};
  const name = v.name.trim();
  if (name !== base.name) body.name = name;
  if (!self && v.role && v.role !== base.role) body.role = v.role;
  if ((v.team_id || '') !== (base.team_id || '')) body.team_id = v.team_id || '';
  if (v.locale !== base.locale) body.locale = v.locale;
  if (!self && v.active !== base.active) body.active = v.active;
  if (!self && v.password) body.password = v.password;
  return body;
}

/** Whether saving body signs the user out everywhere (the server ends their sessions). */
export function endsSessions(body: UserUpdate, base: User): boolean {
  return !!body.password || (body.active === false && base.active) || (!!body.role && body.role !== base.role);
}

const formFields = new Set(['email', 'name', 'role', 'team_id', 'locale', 'active', 'password']);

/** The form field of an API field name, for problems the API reports. */
export function userFieldPath(apiField: string): NamePath | undefined {
  return formFields.has(apiField) ? [apiField] : undefined;
}

export interface UserFilter {
  /** Part of a name or e-mail address, any case. */
  q?: string;
  role?: string;
  /** A team id, or "none" for users without a team. */
  team?: string;
  status?: 'active' | 'inactive';
}

export const noTeam = 'none';

export function filterUsers<T extends Pick<User, 'name' | 'email' | 'role' | 'team_id' | 'active'>>(users: readonly T[], f: UserFilter): T[] {
  const q = (f.q ?? '').trim().toLowerCase();
  return users.filter((u) => {
    if (q && !u.name.toLowerCase().includes(q) && !u.email.toLowerCase().includes(q)) return false;
    if (f.role && u.role !== f.role) return false;
    if (f.team === noTeam ? !!u.team_id : f.team && u.team_id !== f.team) return false;
    if (f.status === 'active' && !u.active) return false;
    if (f.status === 'inactive' && u.active) return false;
    return true;
  });
}

/** Users by role (admins first, as roles are listed) and then by name. */
export function sortUsers<T extends Pick<User, 'name' | 'role'>>(users: readonly T[]): T[] {
  const rank = (r: string) => {
    const i = (roles as readonly string[]).indexOf(r);
    return i < 0 ? roles.length : i;
  };
  return [...users].sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}
