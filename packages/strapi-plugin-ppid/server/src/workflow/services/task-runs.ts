import type { Core } from '@strapi/strapi';
import type { SopDefinition } from '../../core/workflow';
import { holdsStep, taskGrants, unitLineage, unitSubtree } from '../../core/workflow/tasks';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import type { RunRow } from './runs';

/** At most this many tasks, earliest deadline first (the list is a desk, not an archive). */
export const TASK_LIMIT = 500;

/**
 * The open runs whose current step this user holds (own roles or a valid delegation), with
 * their SOP and unit, in a fixed number of queries whatever the number of open runs (issue #17):
 * the user's roles, the role mappings, their delegations and the unit tree are read once; the
 * database is asked only for runs of a (SOP, step role, unit subtree) the user holds; each
 * candidate is then checked with the rule itself (core/workflow/tasks.ts, holdsStep, against the
 * step role of the run's own SOP version).
 */
export async function openTasksOf(strapi: Core.Strapi, userId: number): Promise<RunRow[]> {
  const now: Date = getService(strapi, 'clock').now();
  const [user, mappingRows, delegations, unitRows, sopRows] = await Promise.all([
    strapi.db.query('admin::user').findOne({ where: { id: userId }, select: ['id'], populate: { roles: { select: ['id'] } } }),
    strapi.db.query(UID.roleMapping).findMany({ select: ['sopCode', 'sopRole'], populate: { adminRole: { select: ['id'] }, unit: { select: ['id'] } } }),
    getService(strapi, 'actors').validDelegations(now, userId),
    strapi.db.query(UID.unit).findMany({ select: ['id', 'name', 'code'], populate: { parent: { select: ['id'] } } }),
    // Every SOP version (a run keeps the version it started on): a few rows.
    strapi.db.query(UID.sop).findMany({}) as Promise<RunRow['sop'][]>,
  ]);
  if (!user) return [];
  const grants = taskGrants({
    mappings: mappingRows.map((m: any) => ({ sopCode: m.sopCode, sopRole: m.sopRole, adminRoleId: m.adminRole?.id ?? null, unitId: m.unit?.id ?? null })),
    ownRoleIds: (user.roles ?? []).map((r: { id: number }) => r.id),
    delegations: delegations.get(userId) ?? [],
    now,
  });
  if (!grants.length && !sopRows.some((sop) => sop.definition?.steps?.some((st) => st.committee))) return [];
  const parentOf = new Map<number, number | null>(unitRows.map((u: any) => [u.id, u.parent?.id ?? null]));
  const units = new Map<number, { id: number; name: string; code: string }>(unitRows.map((u: any) => [u.id, { id: u.id, name: u.name, code: u.code }]));

  // (SOP, role) held everywhere, and (SOP, role) held in unit subtrees.
  const or: Record<string, unknown>[] = [];
  const subtrees = new Map<string, Set<number>>();
  for (const g of grants) {
    if (g.unitId == null) or.push({ sopCode: g.sopCode, currentRole: g.sopRole });
    else {
      const key = `${g.sopCode}\u0000${g.sopRole}`;
      const set = subtrees.get(key) ?? new Set<number>();
      for (const u of unitSubtree(g.unitId, parentOf)) set.add(u);
      subtrees.set(key, set);
    }
  }
  for (const [key, set] of subtrees) {
    const [sopCode, sopRole] = key.split('\u0000');
    or.push({ sopCode, currentRole: sopRole, unit: { id: { $in: [...set] } } });
  }
  // A run written before currentRole existed has none: its SOP step decides below.
  or.push({ currentRole: { $null: true } });
  // A committee step's members hold member roles, not the step's role: its runs are candidates
  // for everyone, and the caller (workflow.tasks) checks the roster.
  const committee = new Set<string>();
  for (const sop of sopRows) for (const st of sop.definition?.steps ?? []) if (st.committee && st.role) committee.add(`${sop.code}\u0000${st.role}`);
  for (const key of committee) {
    const [sopCode, role] = key.split('\u0000');
    or.push({ sopCode, currentRole: role });
  }

  const rows = (await strapi.db.query(UID.run).findMany({
    // Open: in progress, returned, or published with recording steps still to walk.
    where: { activeKey: { $notNull: true }, $or: or },
    select: ['id', 'documentId', 'itemUid', 'itemDocumentId', 'itemLocale', 'itemTitle', 'sopCode', 'sopVersion', 'status', 'currentStep', 'currentRole', 'stepDeadline', 'state', 'lock', 'classification', 'startedAt', 'endedAt', 'publishedHash'],
    populate: { sop: { select: ['id'] }, unit: { select: ['id'] } },
    orderBy: { stepDeadline: 'asc' },
    limit: TASK_LIMIT,
  })) as any[];
  const sops = new Map<number, RunRow['sop']>(sopRows.map((s) => [s.id, s]));
  const out: RunRow[] = [];
  for (const r of rows) {
    const sop = sops.get(r.sop?.id);
    const def: SopDefinition | undefined = sop?.definition;
    const step = def?.steps[r.currentStep - 1];
    if (!sop || !step) continue;
    const unitId: number | null = r.unit?.id ?? null;
    if (!step.committee && !holdsStep(grants, r.sopCode, step.role, unitLineage(unitId, parentOf))) continue;
    const state = typeof r.state === 'string' ? JSON.parse(r.state) : r.state;
    out.push({ ...r, state, sop, unit: unitId != null ? units.get(unitId) ?? null : null });
  }
  return out;
}
