// What a step's act implies: defaults, the act that completes it, what that act is recorded as,
// and where a return from it goes. The validator and the engine both read these, so the
// defaults live in one place.
import type { Act, RecordKind, SopDefinition, SopStep, StepAct, TimeStandard } from './types';

const EDITABLE_BY_DEFAULT: ReadonlySet<StepAct> = new Set(['draft', 'collect', 'update']);

/** Acts that carry a paraf or a tanda tangan. */
export const APPROVAL_ACTS: ReadonlySet<StepAct> = new Set([
  'review_paraf',
  'review_signature',
  'decide',
  'establish',
]);

/** Acts that examine someone else's work and may therefore send it back. */
export const EXAMINING_ACTS: ReadonlySet<StepAct> = new Set([...APPROVAL_ACTS, 'classify']);

export function isEditable(step: SopStep): boolean {
  return step.editable ?? EDITABLE_BY_DEFAULT.has(step.act);
}

export function requiresSeparationOfDuties(step: SopStep): boolean {
  return step.separationOfDuties ?? APPROVAL_ACTS.has(step.act);
}

/** A content-producing step: its completion hands the content on ('submit'). */
function isSubmitStep(step: SopStep): boolean {
  return EDITABLE_BY_DEFAULT.has(step.act) && isEditable(step);
}

/** The act that completes a step and moves the run on (allowedActs offers this one). */
export function forwardActOf(step: SopStep): Act {
  if (isSubmitStep(step)) return 'submit';
  if (step.act === 'handover' || step.act === 'publish') return step.act;
  return 'approve';
}

export function recordKindOf(step: SopStep): RecordKind {
  if (isSubmitStep(step)) return 'submit';
  switch (step.act) {
    case 'review_paraf':
      return 'paraf';
    case 'review_signature':
    case 'decide':
    case 'establish':
      return 'tanda_tangan';
    case 'handover':
    case 'publish':
      return step.act;
    default:
      return 'complete';
  }
}

export function canReturnFrom(step: SopStep): boolean {
  return EXAMINING_ACTS.has(step.act);
}

/**
 * step.returnTo (null: the step cannot return), else the nearest earlier editable step; null if
 * there is none.
 */
export function returnTargetOf(sop: Pick<SopDefinition, 'steps'>, step: SopStep): number | null {
  if (step.returnTo !== undefined) return step.returnTo;
  for (let n = step.number - 1; n >= 1; n--) {
    const earlier = sop.steps[n - 1];
    if (earlier && isEditable(earlier)) return n;
  }
  return null;
}

/**
 * The return the SOP's own text names, for the printed SOP: a body's addition (`returnAddition`)
 * and the format's implicit default are the system's, not the signed SOP's, so they are not drawn.
 */
export function writtenReturnOf(step: SopStep): number | null {
  return typeof step.returnTo === 'number' && step.returnAddition !== true ? step.returnTo : null;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;

export function standardToMs(standard: TimeStandard): number | null {
  return standard === 'tentatif' ? null : standard.amount * UNIT_MS[standard.unit];
}

/**
 * The waktu that applies to a step: `standardSertaMerta` when the item is serta merta and the step
 * has one (`fastTrackStandard` in definitions stored before it), else `standard`. Every deadline,
 * reminder and report reads the standard through here.
 */
export function standardFor(step: SopStep, sertaMerta: boolean): TimeStandard {
  if (sertaMerta) {
    const fast = step.standardSertaMerta ?? step.fastTrackStandard;
    if (fast !== undefined) return fast;
  }
  return step.standard;
}

/**
 * Calendar deadline of a step started at `startedAt`. Working hours and holidays are a body's
 * setting, applied by the calendar module; this is the plain calendar reading.
 */
export function stepDeadline(step: SopStep, startedAt: Date, fastTrack = false): string | null {
  const ms = standardToMs(standardFor(step, fastTrack));
  return ms === null ? null : new Date(startedAt.getTime() + ms).toISOString();
}
