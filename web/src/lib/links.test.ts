import { describe, expect, it } from 'vitest';
import { linkFromSide } from './links';

const link = { account_id: 'A', related_account_id: 'B', account_name: '甲', related_account_name: '乙' };

describe('linkFromSide', () => {
  it('reads the link as stored from the account that made it', () => {
    expect(linkFromSide({ ...link, kind: 'supplier' }, 'A')).toEqual({ otherId: 'B', otherName: '乙', role: 'supplier', inverse: false });
  });
  it('shows the inverse relation from the related account', () => {
    expect(linkFromSide({ ...link, kind: 'supplier' }, 'B').role).toBe('customer');
    expect(linkFromSide({ ...link, kind: 'distributor' }, 'B').role).toBe('principal');
    expect(linkFromSide({ ...link, kind: 'parent' }, 'B').role).toBe('subsidiary');
    expect(linkFromSide({ ...link, kind: 'referred_by' }, 'B').role).toBe('referred');
    expect(linkFromSide({ ...link, kind: 'partner' }, 'B')).toEqual({ otherId: 'A', otherName: '甲', role: 'partner', inverse: true });
  });
});
