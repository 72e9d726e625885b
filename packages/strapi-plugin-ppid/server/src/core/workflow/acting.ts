// Who an official acts as, for one item: the SOP roles their admin roles are mapped to (a mapping
// without a unit covers every unit; a unit's mapping covers its sub-units), and, while a
// delegation (Plt / Plh / a.n.) is valid, the delegator's roles in the delegation's capacity.
// Own authority comes first. The delegator need not be active: a Plt stands in precisely for an
// official who is away or whose account was deactivated. The same rule answers "may this user
// act?" (services/actors.ts) and "whom do we tell?" (services/recipients.ts).
import type { OnBehalfOf, SignerCapacity } from '../signature/record';

export type RoleMappingRow = { sopRole: string; adminRoleId: number | null; unitId: number | null };

export type ActingDelegation = {
  id: string;
  capacity: SignerCapacity;
  validFrom: string | Date;
  validUntil: string | Date;
  delegator: OnBehalfOf;
  /** The admin roles of the delegator's account (whether or not it is still active). */
  delegatorRoleIds: number[];
};

export type ActingCapacity = { capacity: SignerCapacity; onBehalfOf: OnBehalfOf | null; delegationId: string | null };

/** The SOP roles a set of admin roles is mapped to for an item whose unit lineage is given. */
export function mappedRoles(mappings: RoleMappingRow[], adminRoleIds: Iterable<number>, lineage: number[]): string[] {
  const ids = new Set(adminRoleIds);
  const out: string[] = [];
  for (const m of mappings) {
    if (m.adminRoleId == null || !ids.has(m.adminRoleId)) continue;
    if (m.unitId != null && !lineage.includes(m.unitId)) continue;
    if (!out.includes(m.sopRole)) out.push(m.sopRole);
  }
  return out;
}

export function delegationValid(d: Pick<ActingDelegation, 'validFrom' | 'validUntil'>, now: Date): boolean {
  const t = now.getTime();
  return new Date(d.validFrom).getTime() <= t && t <= new Date(d.validUntil).getTime();
}

/** Per SOP role: definitif when held directly, else the first valid delegation that lends it. */
export function actingCapacities(input: {
  mappings: RoleMappingRow[];
  lineage: number[];
  ownRoleIds: Iterable<number>;
  delegations: ActingDelegation[];
  now: Date;
}): Record<string, ActingCapacity> {
  const capacities: Record<string, ActingCapacity> = {};
  for (const role of mappedRoles(input.mappings, input.ownRoleIds, input.lineage)) {
    capacities[role] = { capacity: 'definitif', onBehalfOf: null, delegationId: null };
  }
  for (const d of input.delegations) {
    if (!delegationValid(d, input.now)) continue;
    for (const role of mappedRoles(input.mappings, d.delegatorRoleIds, input.lineage)) {
      if (capacities[role]) continue; // own authority comes first
      capacities[role] = { capacity: d.capacity, onBehalfOf: d.delegator, delegationId: d.id };
    }
  }
  return capacities;
}

/** The admin roles that give `sopRole` directly for an item whose unit lineage is given. */
export function adminRolesFor(mappings: RoleMappingRow[], sopRole: string, lineage: number[]): number[] {
  const out = new Set<number>();
  for (const m of mappings) {
    if (m.sopRole !== sopRole || m.adminRoleId == null) continue;
    if (m.unitId != null && !lineage.includes(m.unitId)) continue;
    out.add(m.adminRoleId);
  }
  return [...out];
}
