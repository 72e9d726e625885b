import { actingCapacities, type ActingDelegation, type RoleMappingRow } from '../acting';
import { holdsStep, taskGrants, unitLineage, unitSubtree } from '../tasks';

// Units: 1 kota > 2 kecamatan > 3 kelurahan; 4 another kecamatan; 5 on its own.
const parentOf = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 2],
  [4, 1],
  [5, null],
]);
const NOW = new Date('2026-11-30T03:00:00Z');
const SOPS = ['palaran', 'kalteng'];
const ROLES = ['staf', 'camat', 'kasi', 'sekretaris'];

/** A small deterministic generator, so a failure names a case that can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('task eligibility (Tugas Saya)', () => {
  it('lineage and subtree follow the parent map', () => {
    expect(unitLineage(3, parentOf)).toEqual([3, 2, 1]);
    expect(unitLineage(null, parentOf)).toEqual([]);
    expect(unitSubtree(2, parentOf).sort()).toEqual([2, 3]);
    expect(unitSubtree(1, parentOf).sort()).toEqual([1, 2, 3, 4]);
    // A cycle stops the walk instead of looping.
    expect(unitLineage(7, new Map([[7, 8], [8, 7]]))).toEqual([7, 8]);
  });

  it('gives the same answer as actingCapacities for every run, over random mappings and delegations', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
      const mappings: (RoleMappingRow & { sopCode: string })[] = Array.from({ length: 1 + Math.floor(r() * 8) }, () => ({
        sopCode: pick(SOPS),
        sopRole: pick(ROLES),
        adminRoleId: r() < 0.1 ? null : 1 + Math.floor(r() * 5),
        unitId: r() < 0.3 ? null : pick([1, 2, 3, 4, 5]),
      }));
      const ownRoleIds = [1, 2, 3, 4, 5].filter(() => r() < 0.3);
      const delegations: ActingDelegation[] = Array.from({ length: Math.floor(r() * 3) }, (_, i) => ({
        id: String(i),
        capacity: pick(['plt', 'plh', 'an'] as const),
        validFrom: new Date(NOW.getTime() + (r() < 0.8 ? -1 : 1) * 86400000).toISOString(),
        validUntil: new Date(NOW.getTime() + (r() < 0.8 ? 1 : -1) * 3600000).toISOString(),
        delegator: { nama: 'Camat', nip: null, jabatan: 'Camat' },
        delegatorRoleIds: [1, 2, 3, 4, 5].filter(() => r() < 0.3),
      }));
      const grants = taskGrants({ mappings, ownRoleIds, delegations, now: NOW });
      for (const sopCode of SOPS) {
        for (const unit of [null, 1, 2, 3, 4, 5]) {
          const lineage = unitLineage(unit, parentOf);
          const before = actingCapacities({ mappings: mappings.filter((m) => m.sopCode === sopCode), lineage, ownRoleIds, delegations, now: NOW });
          for (const role of ROLES) {
            const expected = role in before;
            if (holdsStep(grants, sopCode, role, lineage) !== expected) {
              throw new Error(`seed ${seed}: ${sopCode}/${role} at unit ${unit}: expected ${expected}`);
            }
          }
        }
      }
    }
  });

  it('a mapping at a unit covers its sub-units and nothing beside or above it', () => {
    const grants = taskGrants({ mappings: [{ sopCode: 'palaran', sopRole: 'camat', adminRoleId: 9, unitId: 2 }], ownRoleIds: [9], delegations: [], now: NOW });
    expect(holdsStep(grants, 'palaran', 'camat', unitLineage(3, parentOf))).toBe(true);
    expect(holdsStep(grants, 'palaran', 'camat', unitLineage(2, parentOf))).toBe(true);
    expect(holdsStep(grants, 'palaran', 'camat', unitLineage(4, parentOf))).toBe(false);
    expect(holdsStep(grants, 'palaran', 'camat', unitLineage(1, parentOf))).toBe(false);
    expect(holdsStep(grants, 'palaran', 'staf', unitLineage(3, parentOf))).toBe(false);
    expect(holdsStep(grants, 'kalteng', 'camat', unitLineage(3, parentOf))).toBe(false);
  });

  it('a delegation lends its roles only while valid', () => {
    const mappings = [{ sopCode: 'palaran', sopRole: 'camat', adminRoleId: 9, unitId: null }];
    const d = (from: string, until: string): ActingDelegation => ({ id: '1', capacity: 'plt', validFrom: from, validUntil: until, delegator: { nama: 'C', nip: null, jabatan: 'Camat' }, delegatorRoleIds: [9] });
    expect(taskGrants({ mappings, ownRoleIds: [], delegations: [d('2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z')], now: NOW })).toEqual([{ sopCode: 'palaran', sopRole: 'camat', unitId: null }]);
    expect(taskGrants({ mappings, ownRoleIds: [], delegations: [d('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z')], now: NOW })).toEqual([]);
  });
});
