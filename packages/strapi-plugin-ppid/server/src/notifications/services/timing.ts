import type { Core } from '@strapi/strapi';
import type { RunState, SopDefinition } from '../../core/workflow';
import { standardFor, standardToMs } from '../../core/workflow';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/** One row per step activation: start, deadline, end. Reports and reminders read these. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async openStep(run: { id: number; sopCode: string; unit?: { id?: number; code: string } | null }, def: SopDefinition, state: RunState, stepNumber: number) {
    const step = def.steps[stepNumber - 1];
    const s = state.steps[stepNumber - 1];
    const clock = getService(strapi, 'clock');
    const startedAt = s?.startedAt ?? clock.now().toISOString();
    // The standard as working minutes (what reports compare against); wall time if no deadline.
    // Counted in the local working hours of the run's unit, as its deadline was.
    const ms = standardToMs(standardFor(step, state.fastTrack));
    const calendar = s?.dueAt ? await getService(strapi, 'zones').calendarOf(run.unit?.id ?? null) : undefined;
    const allowed = s?.dueAt ? Math.round(clock.workingMinutes(startedAt, s.dueAt, calendar)) : ms === null ? null : Math.round(ms / 60000);
    await strapi.db.query(UID.stepLog).create({
      data: {
        run: run.id,
        sopCode: run.sopCode,
        stepNumber,
        role: step.role,
        unitCode: run.unit?.code ?? null,
        startedAt,
        firstStartedAt: s?.firstStartedAt ?? null,
        deadline: s?.dueAt ?? null,
        standardMinutes: allowed,
      },
    });
  },

  async closeStep(run: { id: number }, stepNumber: number, outcome: string, actorId: number) {
    const open = await strapi.db.query(UID.stepLog).findOne({
      where: { run: run.id, stepNumber, endedAt: null },
      orderBy: { id: 'desc' },
    });
    if (!open) return;
    const clock = getService(strapi, 'clock');
    const ended: Date = clock.now();
    const zones = getService(strapi, 'zones');
    const calendar = zones.calendarIn(await zones.ofUnitCode(open.unitCode));
    await strapi.db.query(UID.stepLog).update({
      where: { id: open.id },
      data: {
        endedAt: ended.toISOString(),
        outcome,
        actorId,
        workingMinutes: Math.round(clock.workingMinutes(open.startedAt, ended, calendar)),
        breached: !!open.deadline && ended.getTime() > new Date(open.deadline).getTime(),
      },
    });
  },
});
