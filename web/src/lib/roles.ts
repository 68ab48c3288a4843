// What each role may see and change, as the settings page explains it.
// The server enforces these rules (internal/auth/policy.go); this is their
// summary for people choosing a role, with a description per role in the
// message catalogues ("roleDesc.<role>").

import { roles } from '../i18n/enums';

export type Role = (typeof roles)[number];

/** How far a role reads accounts and contacts. */
export type ReadReach = 'all' | 'team' | 'own';
/** How far a role changes them ("finance": only an account's credit rating and limit). */
export type WriteReach = 'all' | 'team' | 'own' | 'finance' | 'none';

export interface RoleAccess {
  read: ReadReach;
  write: WriteReach;
  /** Sees and changes credit ratings and limits. */
  finance: boolean;
  /** Manages users, teams and custom fields. */
  admin: boolean;
}

export const roleAccess: Record<Role, RoleAccess> = {
  admin: { read: 'all', write: 'all', finance: true, admin: true },
  manager: { read: 'team', write: 'team', finance: true, admin: false },
  sales: { read: 'own', write: 'own', finance: false, admin: false },
  finance: { read: 'all', write: 'finance', finance: true, admin: false },
  warehouse: { read: 'all', write: 'none', finance: false, admin: false },
  service: { read: 'all', write: 'none', finance: false, admin: false },
  marketing: { read: 'all', write: 'none', finance: false, admin: false },
  viewer: { read: 'all', write: 'none', finance: false, admin: false },
};
