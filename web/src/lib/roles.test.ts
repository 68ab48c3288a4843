import { describe, expect, it } from 'vitest';
import { roles } from '../i18n/enums';
import { catalogues, locales } from '../i18n/messages';
import { roleAccess } from './roles';

describe('roles', () => {
  it('describe every role in both languages', () => {
    for (const r of roles) {
      for (const l of locales) {
        expect(catalogues[l], `${l} roleDesc.${r}`).toHaveProperty([`roleDesc.${r}`]);
        expect(catalogues[l], `${l} role.${r}`).toHaveProperty([`role.${r}`]);
      }
    }
  });

  it('give every role its reach, and label every reach in both languages', () => {
    expect(Object.keys(roleAccess).sort()).toEqual([...roles].sort());
    for (const a of Object.values(roleAccess)) {
      for (const l of locales) {
        expect(catalogues[l]).toHaveProperty([`roleRead.${a.read}`]);
        expect(catalogues[l]).toHaveProperty([`roleWrite.${a.write}`]);
      }
    }
  });

  it('keep administration to admins and finance fields to admins, managers and finance', () => {
    expect(roles.filter((r) => roleAccess[r].admin)).toEqual(['admin']);
    expect(roles.filter((r) => roleAccess[r].finance)).toEqual(['admin', 'manager', 'finance']);
  });
});
