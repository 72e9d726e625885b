import type { RunState, SopDefinition } from './types';

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
