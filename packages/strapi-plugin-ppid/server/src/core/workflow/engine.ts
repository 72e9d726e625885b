// The SOP workflow state machine: pure functions over plain data. It decides whether an actor
// may act and what the run becomes; the adapter persists the run and carries out the effects
// (approval records, publishing, notifications). The only place that decides who may act.
import {
  ACTS,
  type Act,
  type ActInput,
  type Actor,
  type DecideError,
  type DecideResult,
  type Effect,
  type ErrorCode,
  type ErrorReason,
  type NotifyEffect,
  type RunState,
  type SopDefinition,
  type SopStep,
  type DeadlineOf,
  type EngineOptions,
  type StartRunOptions,
  type StepState,
  type CommitteeAct,
} from './types';
import {
  canReturnFrom,
  forwardActOf,
  isEditable,
  recordKindOf,
  requiresSeparationOfDuties,
  returnTargetOf,
  stepDeadline,
} from './steps';

function fail(code: ErrorCode, reason: ErrorReason, message: string, field?: string): DecideError {
  return field ? { ok: false, code, reason, message, field } : { ok: false, code, reason, message };
}

function stepOf(sop: SopDefinition, n: number): SopStep {
  const step = sop.steps[n - 1];
  if (!step) throw new Error(`run points at step ${n}, which SOP "${sop.code}" does not have`);
  return step;
}

function roleLabel(sop: SopDefinition, key: string): string {
  return sop.roles.find((r) => r.key === key)?.label ?? key;
}

function cloneRun(run: RunState): RunState {
  return {
    ...run,
    draftedBy: [...run.draftedBy],
    steps: run.steps.map((s) => (s.members ? { ...s, members: s.members.map((m) => ({ ...m })) } : { ...s })),
  };
}

/**
 * A run takes no further act once cancelled, completed (no publish step), or published with
 * nothing left to walk; a run that published keeps its status while the steps after the
 * publish step (recording) are walked.
 */
export function isClosed(run: Pick<RunState, 'status' | 'steps' | 'currentStep'>): boolean {
  if (run.status === 'cancelled' || run.status === 'completed') return true;
  if (run.status === 'published') return run.steps[run.currentStep - 1]?.status !== 'active';
  return false;
}

/** Members a committee's rule asks for: every person on the roster, or N of them. */
export function committeeRequired(step: SopStep, roster: readonly string[]): number {
  const rule = step.committee?.rule ?? 'all';
  return rule === 'all' ? roster.length : rule.atLeast;
}

/** Whether the members' acts given meet the rule (all: everyone now on the roster has acted). */
export function committeeRuleMet(step: SopStep, acts: readonly Pick<CommitteeAct, 'actorId'>[], roster: readonly string[]): boolean {
  const given = new Set(acts.map((a) => a.actorId));
  const rule = step.committee?.rule ?? 'all';
  if (rule === 'all') return roster.length > 0 && roster.every((id) => given.has(id));
  return given.size >= rule.atLeast;
}

/** The plain-duration reading, used when the adapter gives no working calendar. */
const plainDeadline: DeadlineOf = (step, startedAt, fastTrack) => stepDeadline(step, startedAt, fastTrack);

/** Makes step n the active one (its own clock starts now); returns the notification for its role. */
function activate(sop: SopDefinition, run: RunState, n: number, now: Date, deadlineOf: DeadlineOf = plainDeadline): NotifyEffect {
  const step = stepOf(sop, n);
  const at = now.toISOString();
  const due = deadlineOf(step, now, run.fastTrack);
  const dueAt = due instanceof Date ? due.toISOString() : due;
  const prev = run.steps[n - 1];
  run.steps[n - 1] = {
    number: n,
    status: 'active',
    startedAt: at,
    firstStartedAt: prev?.firstStartedAt ?? at,
    endedAt: null,
    dueAt,
    actorId: null,
    decision: null,
    comment: null,
    contentHash: null,
    // Each activation of a committee step is a new round: every member acts (once) again.
    ...(step.committee ? { round: (prev?.round ?? 0) + 1, members: [] } : {}),
  };
  run.currentStep = n;
  return { type: 'notify', reason: 'step_active', step: n, role: step.role, dueAt };
}

/**
 * Who may open a run: "a run starts when the SOP starts", so the first step's pelaksana starts
 * it (issue #16) — the holder of step 1's role for the item's unit, or, when step 1 is a
 * committee's, one of its members (`roster`, which the adapter resolves as for any committee
 * step). Null when allowed; else a 403 naming the role, Bahasa Indonesia first.
 */
export function mayStartRun(sop: SopDefinition, actor: Pick<Actor, 'id' | 'roles'>, roster?: readonly string[]): DecideError | null {
  const step = sop.steps[0];
  if (!step) return fail('invalid', 'unknown_act', `SOP "${sop.code}" has no steps.`);
  const label = roleLabel(sop, step.role);
  if (step.committee) {
    if (!roster) throw new Error(`step 1 of ${sop.code} is a committee step: the caller must pass its roster`);
    if (roster.includes(actor.id)) return null;
    const names = [...new Set(step.committee.members.map((m) => roleLabel(sop, m.role) + (m.unit ? ` (${m.unit})` : '')))].join(', ');
    return fail(
      'forbidden',
      'not_first_step_role',
      `Langkah 1 SOP ini dijalankan oleh ${label} (anggota: ${names}); Anda bukan anggotanya untuk unit item ini, jadi tidak dapat memulai alur kerja. / ` +
        `Step 1 of this SOP is carried out by the ${label} (members: ${names}); you are not one of them for this item's unit, so you cannot start the run.`,
    );
  }
  if (actor.roles.includes(step.role)) return null;
  return fail(
    'forbidden',
    'not_first_step_role',
    `Langkah 1 SOP ini dijalankan oleh ${label}; Anda tidak memegang peran itu untuk unit item ini, jadi tidak dapat memulai alur kerja. / ` +
      `Step 1 of this SOP is carried out by the ${label}; you do not hold that role for this item's unit, so you cannot start the run.`,
  );
}

export function startRun(
  sop: SopDefinition,
  now: Date,
  submitter: { id: string },
  options: StartRunOptions = {},
): { run: RunState; effects: Effect[] } {
  const steps: StepState[] = sop.steps.map((s) => ({
    number: s.number,
    status: 'pending',
    startedAt: null,
    firstStartedAt: null,
    endedAt: null,
    dueAt: null,
    actorId: null,
    decision: null,
    comment: null,
    contentHash: null,
  }));
  const run: RunState = {
    status: 'in_progress',
    currentStep: 1,
    steps,
    // Creating the run is not drafting: in seed 000 the head who instructs may open it.
    draftedBy: [],
    version: 1,
    submittedBy: submitter.id,
    fastTrack: options.fastTrack ?? false,
    contentHash: options.contentHash ?? null,
    cancelReason: null,
  };
  const effect = activate(sop, run, 1, now, options.deadlineOf);
  return { run, effects: [effect] };
}

/** State and permission checks, without looking at the act's payload (comment, reason...). */
function check(sop: SopDefinition, run: RunState, actor: Actor, act: Act, input: ActInput, roster?: readonly string[]): DecideError | null {
  if (!ACTS.includes(act)) return fail('invalid', 'unknown_act', `Unknown act "${String(act)}".`, 'act');
  if (isClosed(run)) {
    return fail('conflict', 'run_closed', `The run is ${run.status}; no further acts are possible.`);
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== run.version) {
    return fail(
      'conflict',
      'stale_version',
      `The run changed since it was loaded (version ${input.expectedVersion}, now ${run.version}). Reload and try again.`,
      'expectedVersion',
    );
  }
  if (input.step !== undefined && input.step !== run.currentStep) {
    return input.step > run.currentStep
      ? fail('forbidden', 'step_skipped', `Step ${input.step} cannot be acted on before step ${run.currentStep} is done.`, 'step')
      : fail('conflict', 'not_current_step', `Step ${input.step} is no longer current; the run is at step ${run.currentStep}.`, 'step');
  }

  const step = stepOf(sop, run.currentStep);
  const label = roleLabel(sop, step.role);

  if (act === 'cancel') {
    // The publication stands (unpublishing is its own, recorded act); the recording steps remain.
    if (run.status === 'published') return fail('conflict', 'already_published', `The run has published its item; it can no longer be cancelled.`);
    if (actor.id === run.submittedBy || actor.roles.includes(step.role) || actor.mayCancelAny === true) return null;
    return fail('forbidden', 'not_allowed_to_cancel', `Only the submitter or the ${label} of step ${step.number} may cancel this run.`);
  }
  if (act === 'edit' && !isEditable(step)) {
    return fail('conflict', 'step_not_editable', `The content cannot be edited at step ${step.number}; it is locked until the run returns to an editable step.`);
  }
  if (act === 'return' && !(canReturnFrom(step) && returnTargetOf(sop, step) !== null)) {
    return fail('invalid', 'return_not_allowed', `Step ${step.number} cannot send the work back.`, 'act');
  }
  if (act === 'publish' && step.act !== 'publish') {
    const at = sop.steps.find((s) => s.act === 'publish')?.number;
    return fail('invalid', 'publish_not_last_step', at ? `Publishing happens only at the publish step (${at}); the run is at step ${step.number}.` : `This SOP has no publish step.`, 'act');
  }
  if (act === 'submit' || act === 'handover' || act === 'approve') {
    const forward = forwardActOf(step);
    // 'approve' is accepted as the generic "complete this step"; the record follows the step.
    if (act !== forward && !(act === 'approve' && forward !== 'publish')) {
      return fail('invalid', 'wrong_act', `Step ${step.number} is completed with "${forward}", not "${act}".`, 'act');
    }
  }

  if (step.committee) {
    // A committee step is for its members: the roster the adapter resolved for this step.
    if (!roster) throw new Error(`step ${step.number} is a committee step: the caller must pass its roster`);
    if (!roster.includes(actor.id)) {
      const names = [...new Set(step.committee.members.map((m) => roleLabel(sop, m.role) + (m.unit ? ` (${m.unit})` : '')))].join(', ');
      return fail('forbidden', 'wrong_role', `Step ${step.number} is for the members of the ${label} (${names}); you are not one of them for this item.`);
    }
    const acted = run.steps[step.number - 1]?.members?.some((m) => m.actorId === actor.id);
    if (acted && act !== 'return' && act !== 'edit') {
      return fail('conflict', 'already_acted', `You have already acted at step ${step.number} in this round; each member acts once.`);
    }
  } else if (!actor.roles.includes(step.role)) {
    return fail('forbidden', 'wrong_role', `Step ${step.number} is for the ${label}; you do not hold that role for this item.`);
  }
  // Editing is the drafter's own work; every other act at a separated step is barred to them.
  if (act !== 'edit' && requiresSeparationOfDuties(step) && (actor.isDrafter || run.draftedBy.includes(actor.id))) {
    return fail('forbidden', 'separation_of_duties', `You drafted or edited this content, so you may not act at step ${step.number} (${label}).`);
  }
  return null;
}

export function decide(
  sop: SopDefinition,
  run: RunState,
  actor: Actor,
  act: Act,
  input: ActInput = {},
  now: Date = new Date(),
  options: EngineOptions = {},
): DecideResult {
  const refused = check(sop, run, actor, act, input, options.roster);
  if (refused) return refused;
  const step = stepOf(sop, run.currentStep);
  const deadlineOf = options.deadlineOf ?? plainDeadline;

  switch (act) {
    case 'return': {
      const comment = input.comment?.trim();
      if (!comment) return fail('invalid', 'comment_required', 'A return needs a comment saying what to correct.', 'comment');
      return returnWork(sop, run, actor, step, comment, now, deadlineOf);
    }
    case 'cancel': {
      const reason = input.reason?.trim();
      if (!reason) return fail('invalid', 'reason_required', 'Cancelling needs a reason.', 'reason');
      return cancel(run, actor, step, reason, now);
    }
    case 'edit': {
      const hash = input.contentHash?.trim();
      if (!hash) return fail('invalid', 'content_hash_required', 'An edit must report the new content hash.', 'contentHash');
      return edit(sop, run, actor, step, hash, now, deadlineOf);
    }
    default: {
      if (input.contentHash && run.contentHash && input.contentHash !== run.contentHash && recordKindOf(step) !== 'submit') {
        return fail('conflict', 'content_changed', 'The content differs from the version under review; reload it before acting.', 'contentHash');
      }
      return step.committee
        ? committeeAct(sop, run, actor, step, input, now, deadlineOf, options.roster!)
        : complete(sop, run, actor, step, input, now, deadlineOf);
    }
  }
}

function complete(sop: SopDefinition, run0: RunState, actor: Actor, step: SopStep, input: ActInput, now: Date, deadlineOf: DeadlineOf): DecideResult {
  const run = cloneRun(run0);
  const kind = recordKindOf(step);
  // A submit hands on the submitter's content; elsewhere a hash is adopted only when the run
  // has not seen one yet (a mismatch was refused in decide).
  if (input.contentHash && (kind === 'submit' || run.contentHash === null)) run.contentHash = input.contentHash;
  if (kind === 'submit' && !run.draftedBy.includes(actor.id)) run.draftedBy.push(actor.id);
  const hash = run.contentHash;
  const comment = input.comment?.trim() || null;
  run.steps[step.number - 1] = {
    ...run.steps[step.number - 1]!,
    status: 'done',
    endedAt: now.toISOString(),
    actorId: actor.id,
    decision: kind,
    comment,
    contentHash: hash,
  };
  const effects: Effect[] = [
    { type: 'record', kind, step: step.number, role: step.role, actorId: actor.id, contentHash: hash, ...(comment ? { comment } : {}) },
  ];
  moveOn(sop, run, step, effects, now, deadlineOf);
  run.version += 1;
  return { ok: true, run, effects };
}

/**
 * After step `step` is done: the publish step publishes; the run then goes to the next step,
 * or ends at the last one (published if it published, else completed).
 */
function moveOn(sop: SopDefinition, run: RunState, step: SopStep, effects: Effect[], now: Date, deadlineOf: DeadlineOf): void {
  if (step.act === 'publish') {
    run.status = 'published';
    effects.push({ type: 'publish', step: step.number });
    effects.push({ type: 'notify', reason: 'published', step: step.number, role: step.role });
  } else if (run.status !== 'published') {
    run.status = step.number === sop.steps.length ? 'completed' : 'in_progress';
    if (run.status === 'completed') effects.push({ type: 'notify', reason: 'completed', step: step.number, role: step.role });
  }
  if (step.number < sop.steps.length) effects.push(activate(sop, run, step.number + 1, now, deadlineOf));
}

/**
 * One committee member's act (paraf, tanda tangan or completion): recorded at once; the step is
 * done, and the run moves on, when the acts given in this round meet the committee's rule.
 */
function committeeAct(
  sop: SopDefinition,
  run0: RunState,
  actor: Actor,
  step: SopStep,
  input: ActInput,
  now: Date,
  deadlineOf: DeadlineOf,
  roster: readonly string[],
): DecideResult {
  const run = cloneRun(run0);
  const kind = recordKindOf(step);
  if (input.contentHash && run.contentHash === null) run.contentHash = input.contentHash;
  const hash = run.contentHash;
  const comment = input.comment?.trim() || null;
  const state = run.steps[step.number - 1]!;
  const members = [...(state.members ?? []), { actorId: actor.id, at: now.toISOString(), kind, contentHash: hash }];
  const completes = committeeRuleMet(step, members, roster);
  const round = state.round ?? 1;
  run.steps[step.number - 1] = completes
    ? { ...state, members, status: 'done', endedAt: now.toISOString(), actorId: actor.id, decision: kind, comment, contentHash: hash }
    : { ...state, members };
  const effects: Effect[] = [
    {
      type: 'record',
      kind,
      step: step.number,
      role: step.role,
      actorId: actor.id,
      contentHash: hash,
      ...(comment ? { comment } : {}),
      member: { round, given: members.length, required: committeeRequired(step, roster), completes },
    },
  ];
  if (completes) moveOn(sop, run, step, effects, now, deadlineOf);
  else if (run.status === 'returned') run.status = 'in_progress';
  run.version += 1;
  return { ok: true, run, effects };
}

function returnWork(sop: SopDefinition, run0: RunState, actor: Actor, step: SopStep, comment: string, now: Date, deadlineOf: DeadlineOf): DecideResult {
  const run = cloneRun(run0);
  const target = returnTargetOf(sop, step)!;
  // A member's return voids the paraf the other members gave in this round: the corrected work
  // comes back to the whole committee.
  const voids: Effect[] = (run.steps[step.number - 1]?.members ?? []).map((m) => ({
    type: 'void' as const,
    step: step.number,
    kind: m.kind as 'paraf' | 'tanda_tangan' | 'complete',
    reason: 'committee_returned' as const,
    actorId: m.actorId,
  }));
  run.steps[step.number - 1] = {
    ...run.steps[step.number - 1]!,
    status: 'returned',
    endedAt: now.toISOString(),
    actorId: actor.id,
    decision: 'return',
    comment,
    contentHash: run.contentHash,
  };
  // Approvals between target and here stand until the content actually changes (see edit).
  const notify = activate(sop, run, target, now, deadlineOf);
  run.status = 'returned';
  run.version += 1;
  return {
    ok: true,
    run,
    // The voids first: the return is the step's latest record (the approval form shows it).
    effects: [
      ...voids,
      { type: 'record', kind: 'return', step: step.number, role: step.role, actorId: actor.id, contentHash: run.contentHash, comment, toStep: target },
      { ...notify, reason: 'returned' },
    ],
  };
}

function cancel(run0: RunState, actor: Actor, step: SopStep, reason: string, now: Date): DecideResult {
  const run = cloneRun(run0);
  run.steps[step.number - 1] = {
    ...run.steps[step.number - 1]!,
    status: 'voided',
    endedAt: now.toISOString(),
    actorId: actor.id,
    decision: 'cancel',
    comment: reason,
  };
  run.status = 'cancelled';
  run.cancelReason = reason;
  run.version += 1;
  return {
    ok: true,
    run,
    effects: [
      { type: 'record', kind: 'cancel', step: step.number, role: step.role, actorId: actor.id, contentHash: run.contentHash, comment: reason },
      { type: 'notify', reason: 'cancelled', step: step.number, role: step.role },
    ],
  };
}

/**
 * A content change invalidates every paraf and tanda tangan given in this run (PP 71/2019: a
 * change to signed content must be detectable and the signature no longer holds). If one of
 * them lies before the current step, the run goes back to where that approval's return goes,
 * so the changed content is corrected and approved again in order.
 */
function edit(sop: SopDefinition, run0: RunState, actor: Actor, step: SopStep, hash: string, now: Date, deadlineOf: DeadlineOf): DecideResult {
  if (hash === run0.contentHash) return { ok: true, run: run0, effects: [] };
  const run = cloneRun(run0);
  const effects: Effect[] = [
    { type: 'edit', step: step.number, actorId: actor.id, contentHash: hash, previousHash: run.contentHash },
  ];
  run.contentHash = hash;
  if (!run.draftedBy.includes(actor.id)) run.draftedBy.push(actor.id);

  const voided: number[] = [];
  for (const s of run.steps) {
    if (s.status === 'done' && (s.decision === 'paraf' || s.decision === 'tanda_tangan')) {
      s.status = 'voided';
      voided.push(s.number);
      if (s.members?.length) {
        // A committee step: every member's paraf is voided, one by one.
        for (const m of s.members) effects.push({ type: 'void', step: s.number, kind: s.decision, reason: 'content_changed', actorId: m.actorId });
      } else effects.push({ type: 'void', step: s.number, kind: s.decision, reason: 'content_changed' });
      effects.push({ type: 'notify', reason: 'content_changed', step: s.number, role: stepOf(sop, s.number).role });
    }
  }

  const firstBefore = voided.find((n) => n < step.number);
  if (firstBefore !== undefined) {
    const target = returnTargetOf(sop, stepOf(sop, firstBefore)) ?? firstBefore;
    const cur = run.steps[step.number - 1]!;
    run.steps[step.number - 1] = { ...cur, status: 'pending', dueAt: null };
    const notify = activate(sop, run, target, now, deadlineOf);
    run.status = 'returned';
    effects.push({ ...notify, reason: 'content_changed' });
  }
  run.version += 1;
  return { ok: true, run, effects };
}

/** Acts this actor may take now (payload checks aside), for the UI. */
export function allowedActs(sop: SopDefinition, run: RunState, actor: Actor, options: Pick<EngineOptions, 'roster'> = {}): Act[] {
  if (isClosed(run)) return [];
  const step = stepOf(sop, run.currentStep);
  const forward = forwardActOf(step);
  // A committee step without a roster offers nothing (nobody is known to be a member).
  const roster = step.committee ? options.roster ?? [] : options.roster;
  return ACTS.filter((a) => {
    if ((a === 'submit' || a === 'approve' || a === 'handover' || a === 'publish') && a !== forward) return false;
    return check(sop, run, actor, a, {}, roster) === null;
  });
}

/** The SOP step the run is at. */
export function currentStepOf(sop: SopDefinition, run: RunState): SopStep {
  return stepOf(sop, run.currentStep);
}
