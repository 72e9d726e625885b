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

/** step.returnTo, else the nearest earlier editable step; null if there is none. */
export function returnTargetOf(sop: Pick<SopDefinition, 'steps'>, step: SopStep): number | null {
  if (step.returnTo !== undefined) return step.returnTo;
  for (let n = step.number - 1; n >= 1; n--) {
    const earlier = sop.steps[n - 1];
    if (earlier && isEditable(earlier)) return n;
  }
  return null;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;

export function standardToMs(standard: TimeStandard): number | null {
  return standard === 'tentatif' ? null : standard.amount * UNIT_MS[standard.unit];
}

/**
 * Calendar deadline of a step started at `startedAt`. Working hours and holidays are a body's
 * setting, applied by the calendar module; this is the plain calendar reading.
 */
export function stepDeadline(step: SopStep, startedAt: Date, fastTrack = false): string | null {
  const standard = fastTrack && step.fastTrackStandard ? step.fastTrackStandard : step.standard;
  const ms = standardToMs(standard);
  return ms === null ? null : new Date(startedAt.getTime() + ms).toISOString();
}
