import type { Core } from '@strapi/strapi';
import type { RunState, SopDefinition } from '../core/workflow';
import { standardToMs } from '../core/workflow';
import { UID } from '../utils/uids';

/** One row per step activation: start, deadline, end. Reports and reminders read these. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async openStep(run: { id: number; sopCode: string; unit?: { code: string } | null }, def: SopDefinition, state: RunState, stepNumber: number) {
    const step = def.steps[stepNumber - 1];
    const s = state.steps[stepNumber - 1];
    const ms = standardToMs(run && state.fastTrack && step.fastTrackStandard ? step.fastTrackStandard : step.standard);
    await strapi.db.query(UID.stepLog).create({
      data: {
        run: run.id,
        sopCode: run.sopCode,
        stepNumber,
        role: step.role,
        unitCode: run.unit?.code ?? null,
        startedAt: s?.startedAt ?? new Date().toISOString(),
        firstStartedAt: s?.firstStartedAt ?? null,
        deadline: s?.dueAt ?? null,
        standardMinutes: ms === null ? null : Math.round(ms / 60000),
      },
    });
  },

  async closeStep(run: { id: number }, stepNumber: number, outcome: string, actorId: number) {
    const open = await strapi.db.query(UID.stepLog).findOne({
      where: { run: run.id, stepNumber, endedAt: null },
      orderBy: { id: 'desc' },
    });
    if (!open) return;
    const ended = new Date();
    await strapi.db.query(UID.stepLog).update({
      where: { id: open.id },
      data: {
        endedAt: ended.toISOString(),
        outcome,
        actorId,
        workingMinutes: Math.round((ended.getTime() - new Date(open.startedAt).getTime()) / 60000),
        breached: !!open.deadline && ended.getTime() > new Date(open.deadline).getTime(),
      },
    });
  },
});
