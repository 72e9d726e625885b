import type { RunState, SopDefinition } from './types';
import { delegationValid, type ActingDelegation, type RoleMappingRow } from './acting';

export interface ReturnNote {
  /** The reviewer's comment, as written. */
  comment: string;
  at: string | null;
  /** The step that sent the work back, and the role's label as the SOP names it. */
  fromStep: number;
  fromRoleLabel: string;
}

/**
 * Why a returned run is back on someone's desk: the latest return in the run's history (the
 * steps' state), or null when the run is not returned.
 */
export function lastReturn(sop: SopDefinition, state: RunState): ReturnNote | null {
  if (state.status !== 'returned') return null;
  let best: RunState['steps'][number] | null = null;
  for (const s of state.steps) {
    if (s.status !== 'returned' || !s.comment) continue;
    if (!best || (s.endedAt ?? '') > (best.endedAt ?? '')) best = s;
  }
  if (!best) return null;
  const role = sop.steps[best.number - 1]?.role ?? '';
  return {
    comment: best.comment!,
    at: best.endedAt,
    fromStep: best.number,
    fromRoleLabel: sop.roles.find((r) => r.key === role)?.label ?? role,
  };
}

/**
 * What a user may act on for Tugas Saya, independent of any one item: each role mapping held
 * through their own admin roles or through a delegation valid at `now` (the delegator's admin
 * roles). `unitId` null covers every unit; a unit covers its sub-units. It is the rule of
 * actingCapacities (acting.ts) turned around, so the task list can ask the database for the
 * runs that match instead of resolving the user once per open run.
 */
export type TaskGrant = { sopCode: string; sopRole: string; unitId: number | null };

export function taskGrants(input: {
  mappings: (RoleMappingRow & { sopCode: string })[];
  ownRoleIds: Iterable<number>;
  delegations: ActingDelegation[];
  now: Date;
}): TaskGrant[] {
  const held = new Set(input.ownRoleIds);
  for (const d of input.delegations) if (delegationValid(d, input.now)) for (const id of d.delegatorRoleIds) held.add(id);
  const out: TaskGrant[] = [];
  const seen = new Set<string>();
  for (const m of input.mappings) {
    if (m.adminRoleId == null || !held.has(m.adminRoleId)) continue;
    const key = `${m.sopCode}\u0000${m.sopRole}\u0000${m.unitId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sopCode: m.sopCode, sopRole: m.sopRole, unitId: m.unitId });
  }
  return out;
}

/**
 * Whether a run of `sopCode` waiting on `stepRole`, for an item whose unit lineage is given
 * (the unit, then its ancestors), is the user's task: the same answer as
 * `stepRole in actingCapacities(...)` for that item.
 */
export function holdsStep(grants: TaskGrant[], sopCode: string, stepRole: string, lineage: number[]): boolean {
  return grants.some((g) => g.sopCode === sopCode && g.sopRole === stepRole && (g.unitId == null || lineage.includes(g.unitId)));
}

/** A unit and its ancestors from a parent map: the walk of actors.unitLineage (12 levels, stops at a cycle). */
export function unitLineage(unitId: number | null, parentOf: Map<number, number | null>): number[] {
  const out: number[] = [];
  let current = unitId;
  for (let depth = 0; current && depth < 12 && !out.includes(current); depth++) {
    out.push(current);
    current = parentOf.get(current) ?? null;
  }
  return out;
}

/** Every unit whose lineage contains `unitId` (the unit and its sub-units). */
export function unitSubtree(unitId: number, parentOf: Map<number, number | null>): number[] {
  return [...parentOf.keys()].filter((u) => unitLineage(u, parentOf).includes(unitId));
}
