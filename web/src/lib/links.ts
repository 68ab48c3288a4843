import type { LinkKind } from '../i18n/enums';

// A link reads "the related account is the account's <kind>". Seen from the
// related account, the relation is the inverse one.

export type LinkRole = LinkKind | 'customer' | 'principal' | 'subsidiary' | 'referred';

export const inverseRole: Record<LinkKind, LinkRole> = {
  supplier: 'customer',
  distributor: 'principal',
  parent: 'subsidiary',
  referred_by: 'referred',
  partner: 'partner',
};

/** Where the other account stands relative to the current one. */
export const roleDirection: Record<LinkRole, 'upstream' | 'downstream' | 'peer'> = {
  supplier: 'upstream',
  principal: 'upstream',
  parent: 'upstream',
  customer: 'downstream',
  distributor: 'downstream',
  subsidiary: 'downstream',
  partner: 'peer',
  referred_by: 'peer',
  referred: 'peer',
};

export interface LinkLike {
  account_id: string;
  related_account_id: string;
  kind: LinkKind;
  account_name?: string;
  related_account_name?: string;
}

export interface LinkSide {
  otherId: string;
  otherName: string;
  /** The other account is the current account's <role>. */
  role: LinkRole;
  /** True when the link was made from the other account. */
  inverse: boolean;
}

export function linkFromSide(link: LinkLike, currentAccountId: string): LinkSide {
  if (link.account_id === currentAccountId) {
    return { otherId: link.related_account_id, otherName: link.related_account_name ?? '', role: link.kind, inverse: false };
  }
  return { otherId: link.account_id, otherName: link.account_name ?? '', role: inverseRole[link.kind] ?? link.kind, inverse: true };
}
