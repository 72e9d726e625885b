import { actingCapacities, adminRolesFor, delegationValid, mappedRoles, type ActingDelegation, type RoleMappingRow } from '..';

// Admin roles: 1 Camat, 2 Sekcam (unit 10 only), 3 Kasi; units: 10 Kecamatan ⊃ 11 Kelurahan.
const MAPPINGS: RoleMappingRow[] = [
  { sopRole: 'camat', adminRoleId: 1, unitId: null },
  { sopRole: 'sekretaris', adminRoleId: 2, unitId: 10 },
  { sopRole: 'kasubbag-kasi', adminRoleId: 3, unitId: 11 },
  { sopRole: 'broken', adminRoleId: null, unitId: null },
];
const NOW = new Date('2026-01-12T01:30:00Z');
const plt = (over: Partial<ActingDelegation> = {}): ActingDelegation => ({
  id: '7',
  capacity: 'plt',
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2026-01-31T00:00:00Z',
  delegator: { nama: 'Camat Lama', nip: '197001012000011001', jabatan: 'Camat Palaran' },
  delegatorRoleIds: [1],
  ...over,
});

describe('mappedRoles / adminRolesFor: a mapping without unit covers every unit, a unit covers its sub-units', () => {
  it('the sub-unit lineage picks up the parent unit’s mapping, not a sibling’s', () => {
    expect(mappedRoles(MAPPINGS, [1, 2, 3], [11, 10])).toEqual(['camat', 'sekretaris', 'kasubbag-kasi']);
    expect(mappedRoles(MAPPINGS, [1, 2, 3], [10])).toEqual(['camat', 'sekretaris']);
    expect(mappedRoles(MAPPINGS, [2], [99])).toEqual([]);
  });
  it('adminRolesFor is the same rule read backwards', () => {
    expect(adminRolesFor(MAPPINGS, 'sekretaris', [11, 10])).toEqual([2]);
    expect(adminRolesFor(MAPPINGS, 'sekretaris', [99])).toEqual([]);
    expect(adminRolesFor(MAPPINGS, 'broken', [10])).toEqual([]);
  });
});

describe('actingCapacities: who an official acts as', () => {
  it('own roles are definitif', () => {
    expect(actingCapacities({ mappings: MAPPINGS, lineage: [10], ownRoleIds: [2], delegations: [], now: NOW })).toEqual({
      sekretaris: { capacity: 'definitif', onBehalfOf: null, delegationId: null },
    });
  });
  it('a valid delegation lends the delegator’s roles in its capacity, whatever the delegator’s account state', () => {
    const caps = actingCapacities({ mappings: MAPPINGS, lineage: [10], ownRoleIds: [], delegations: [plt()], now: NOW });
    expect(caps).toEqual({ camat: { capacity: 'plt', onBehalfOf: plt().delegator, delegationId: '7' } });
  });
  it('own authority comes first; the first delegation lending a role wins', () => {
    const caps = actingCapacities({
      mappings: MAPPINGS,
      lineage: [10],
      ownRoleIds: [1],
      delegations: [plt({ delegatorRoleIds: [1, 2] }), plt({ id: '8', capacity: 'plh', delegatorRoleIds: [2] })],
      now: NOW,
    });
    expect(caps.camat.capacity).toBe('definitif');
    expect(caps.sekretaris).toMatchObject({ capacity: 'plt', delegationId: '7' });
  });
  it('outside its validity period a delegation lends nothing (both ends inclusive)', () => {
    const caps = (d: ActingDelegation) => actingCapacities({ mappings: MAPPINGS, lineage: [10], ownRoleIds: [], delegations: [d], now: NOW });
    expect(caps(plt({ validUntil: '2026-01-12T01:29:59Z' }))).toEqual({});
    expect(caps(plt({ validFrom: '2026-01-12T01:30:01Z' }))).toEqual({});
    expect(delegationValid(plt({ validFrom: NOW, validUntil: NOW }), NOW)).toBe(true);
  });
  it('a lent role still follows the item’s unit', () => {
    expect(actingCapacities({ mappings: MAPPINGS, lineage: [99], ownRoleIds: [], delegations: [plt({ delegatorRoleIds: [2] })], now: NOW })).toEqual({});
  });
});
