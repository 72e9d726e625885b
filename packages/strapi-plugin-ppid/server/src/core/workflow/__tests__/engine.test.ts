import {
  allowedActs,
  decide,
  startRun,
  type Act,
  type Actor,
  type Effect,
  type RunState,
  type SopDefinition,
} from '..';
import { T0, actorFor, advance, expectOk, later, loadSeed } from './fixtures';

const palaran = loadSeed('palaran');
const camat = actorFor('camat');
const staf = actorFor('staf');
const kasi = actorFor('kasubbag-kasi');
const sekretaris = actorFor('sekretaris');

const records = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === 'record' ? [`${e.step}:${e.kind}`] : []));

function start(sop: SopDefinition = palaran, fastTrack = false): RunState {
  return startRun(sop, T0, { id: staf.id }, { fastTrack, contentHash: 'h1' }).run;
}

function act(sop: SopDefinition, run: RunState, actor: Actor, a: Act, input = {}) {
  return decide(sop, run, actor, a, input, later(30));
}

describe('startRun', () => {
  it('opens the run at step 1, active, with its deadline', () => {
    const { run, effects } = startRun(palaran, T0, { id: staf.id });
    expect(run).toMatchObject({ status: 'in_progress', currentStep: 1, version: 1, submittedBy: staf.id, draftedBy: [] });
    expect(run.steps.map((s) => s.status)).toEqual(['active', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(run.steps[0]).toMatchObject({ startedAt: T0.toISOString(), firstStartedAt: T0.toISOString(), dueAt: '2025-01-06T02:00:00.000Z' });
    expect(effects).toEqual([{ type: 'notify', reason: 'step_active', step: 1, role: 'camat', dueAt: '2025-01-06T02:00:00.000Z' }]);
  });

  it('uses the fast-track standard for serta merta runs', () => {
    const sop = loadSeed('pontianak');
    expect(start(sop, false).steps[0]!.dueAt).toBeNull(); // tentatif
    expect(start(sop, true).steps[0]!.dueAt).toBe('2025-01-06T02:00:00.000Z'); // 1 hour
  });
});

describe('happy path of each seed', () => {
  it.each([
    ['palaran', ['1:complete', '2:submit', '3:paraf', '4:tanda_tangan', '5:tanda_tangan', '6:handover', '7:publish']],
    ['kalteng', ['1:submit', '2:tanda_tangan', '3:tanda_tangan', '4:publish']],
    ['kutim', ['1:submit', '2:submit', '3:complete', '4:complete', '5:tanda_tangan', '6:publish']],
    ['pontianak', ['1:submit', '2:submit', '3:submit', '4:tanda_tangan', '5:handover', '6:complete', '7:publish']],
  ] as const)('%s runs from step 1 to publication', (name, expected) => {
    const sop = loadSeed(name);
    const { run, effects } = advance(sop, start(sop));
    expect(run.status).toBe('published');
    expect(records(effects)).toEqual(expected);
    expect(effects.filter((e) => e.type === 'publish')).toEqual([{ type: 'publish', step: sop.steps.length }]);
    expect(run.steps.every((s) => s.status === 'done' && s.actorId !== null && s.endedAt !== null)).toBe(true);
    expect(run.version).toBe(1 + sop.steps.length);
    // Each step became active only after the one before it ended: no step skipped.
    for (let i = 1; i < run.steps.length; i++) {
      expect(run.steps[i]!.startedAt! >= run.steps[i - 1]!.endedAt!).toBe(true);
    }
  });

  it('records the content hash each approval was given on', () => {
    const { run } = advance(palaran, start());
    expect(run.steps[2]).toMatchObject({ decision: 'paraf', actorId: kasi.id, contentHash: 'h1' });
    expect(run.steps[4]).toMatchObject({ decision: 'tanda_tangan', actorId: camat.id, contentHash: 'h1' });
  });

  it('does not change the run it was given', () => {
    const run = start();
    const before = JSON.stringify(run);
    expectOk(act(palaran, run, camat, 'approve'));
    expect(JSON.stringify(run)).toBe(before);
  });
});

describe('return', () => {
  it('at seed 000 step 3 sends the work back to step 2 with the comment, then resubmission continues', () => {
    const atStep3 = advance(palaran, start(), 3).run;
    const returned = expectOk(act(palaran, atStep3, kasi, 'return', { comment: 'Foto kegiatan kurang jelas' }));
    expect(returned.run).toMatchObject({ status: 'returned', currentStep: 2, version: atStep3.version + 1 });
    expect(returned.run.steps[2]).toMatchObject({ status: 'returned', decision: 'return', comment: 'Foto kegiatan kurang jelas', actorId: kasi.id });
    expect(returned.run.steps[1]).toMatchObject({ status: 'active', actorId: null, firstStartedAt: atStep3.steps[1]!.firstStartedAt });
    expect(returned.effects).toEqual([
      { type: 'record', kind: 'return', step: 3, role: 'kasubbag-kasi', actorId: kasi.id, contentHash: 'h1', comment: 'Foto kegiatan kurang jelas', toStep: 2 },
      { type: 'notify', reason: 'returned', step: 2, role: 'staf', dueAt: null },
    ]);
    expect(allowedActs(palaran, returned.run, kasi)).toEqual([]);
    expect(allowedActs(palaran, returned.run, staf)).toEqual(['submit', 'cancel', 'edit']);

    const fixed = expectOk(act(palaran, returned.run, staf, 'edit', { contentHash: 'h2' }));
    const resubmitted = expectOk(act(palaran, fixed.run, staf, 'submit'));
    expect(resubmitted.run).toMatchObject({ status: 'in_progress', currentStep: 3, contentHash: 'h2' });
    expect(resubmitted.run.steps[2]).toMatchObject({ status: 'active', decision: null, comment: null });

    const done = advance(palaran, resubmitted.run);
    expect(done.run.status).toBe('published');
    expect(done.run.steps[2]).toMatchObject({ decision: 'paraf', contentHash: 'h2' });
  });

  it('without a comment is refused', () => {
    const atStep3 = advance(palaran, start(), 3).run;
    for (const comment of [undefined, '', '   ']) {
      expect(act(palaran, atStep3, kasi, 'return', { comment })).toEqual({
        ok: false,
        code: 'invalid',
        reason: 'comment_required',
        message: 'A return needs a comment saying what to correct.',
        field: 'comment',
      });
    }
  });

  it('from a signing step without returnTo goes to the nearest editable step', () => {
    const atStep5 = advance(palaran, start(), 5).run;
    const r = expectOk(act(palaran, atStep5, camat, 'return', { comment: 'Judul salah' }));
    expect(r.run.currentStep).toBe(2);
  });

  it('is not possible from a step that does not examine work', () => {
    const r = act(palaran, start(), camat, 'return', { comment: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'invalid', reason: 'return_not_allowed' });
  });
});

describe('who may act', () => {
  it('forbids a role other than the current step\'s', () => {
    const atStep3 = advance(palaran, start(), 3).run;
    const r = act(palaran, atStep3, sekretaris, 'approve');
    expect(r).toMatchObject({ ok: false, code: 'forbidden', reason: 'wrong_role' });
    expect(!r.ok && r.message).toBe('Step 3 is for the Kasubbag / Kasi; you do not hold that role for this item.');
  });

  it('forbids approving one\'s own draft (separation of duties)', () => {
    const both: Actor = { id: 'user-both', roles: ['staf', 'kasubbag-kasi'] };
    const atStep2 = advance(palaran, start(), 2).run;
    const submitted = expectOk(act(palaran, atStep2, both, 'submit'));
    expect(submitted.run.draftedBy).toEqual(['user-both']);
    expect(act(palaran, submitted.run, both, 'approve')).toMatchObject({ ok: false, code: 'forbidden', reason: 'separation_of_duties' });
    expect(act(palaran, submitted.run, both, 'return', { comment: 'x' })).toMatchObject({ reason: 'separation_of_duties' });
    expect(allowedActs(palaran, submitted.run, both)).toEqual(['cancel']);
    // The caller may also flag the item's author.
    expect(act(palaran, submitted.run, { ...kasi, isDrafter: true }, 'approve')).toMatchObject({ reason: 'separation_of_duties' });
    expect(act(palaran, submitted.run, kasi, 'approve').ok).toBe(true);
  });

  it('makes skipping a step impossible', () => {
    const everyone: Actor = { id: 'user-all', roles: ['camat', 'sekretaris', 'kasubbag-kasi', 'staf'] };
    const atStep3 = advance(palaran, start(), 3).run;
    expect(act(palaran, atStep3, sekretaris, 'approve', { step: 4 })).toMatchObject({ ok: false, code: 'forbidden', reason: 'step_skipped' });
    expect(act(palaran, atStep3, everyone, 'publish', { step: 7 })).toMatchObject({ ok: false, code: 'forbidden', reason: 'step_skipped' });
    // An act always lands on the current step: this approval is step 3's paraf, not step 4's signature.
    const r = expectOk(act(palaran, atStep3, everyone, 'approve'));
    expect(records(r.effects)).toEqual(['3:paraf']);
    expect(r.run.currentStep).toBe(4);
    // A screen still showing an earlier step is out of date.
    expect(act(palaran, r.run, everyone, 'approve', { step: 3 })).toMatchObject({ code: 'conflict', reason: 'not_current_step' });
  });

  it('allows publishing only at the last step, and only with "publish" there', () => {
    const everyone: Actor = { id: 'user-all', roles: ['camat', 'sekretaris', 'kasubbag-kasi', 'staf'] };
    const atStep6 = advance(palaran, start(), 6).run;
    expect(act(palaran, atStep6, everyone, 'publish')).toMatchObject({ ok: false, code: 'invalid', reason: 'publish_not_last_step' });
    const atStep7 = advance(palaran, atStep6, 7).run;
    expect(act(palaran, atStep7, staf, 'approve')).toMatchObject({ ok: false, code: 'invalid', reason: 'wrong_act' });
    expect(allowedActs(palaran, atStep7, staf)).toEqual(['publish', 'cancel']);
    const published = expectOk(act(palaran, atStep7, staf, 'publish'));
    expect(published.run.status).toBe('published');
    expect(published.effects).toContainEqual({ type: 'publish', step: 7 });
  });

  it('accepts "approve" as the generic completion, recorded as the step demands', () => {
    const atStep2 = advance(palaran, start(), 2).run;
    const r = expectOk(act(palaran, atStep2, staf, 'approve'));
    expect(records(r.effects)).toEqual(['2:submit']);
    expect(act(palaran, r.run, kasi, 'submit')).toMatchObject({ code: 'invalid', reason: 'wrong_act' });
  });

  it('lists the acts open to each actor', () => {
    const atStep2 = advance(palaran, start(), 2).run;
    expect(allowedActs(palaran, atStep2, staf)).toEqual(['submit', 'cancel', 'edit']);
    expect(allowedActs(palaran, atStep2, camat)).toEqual([]);
    const atStep3 = advance(palaran, atStep2, 3).run;
    expect(allowedActs(palaran, atStep3, kasi)).toEqual(['approve', 'return', 'cancel']);
  });
});

describe('cancel and closed runs', () => {
  it('needs a reason, then closes the run: further acts conflict', () => {
    const run = advance(palaran, start(), 3).run;
    expect(act(palaran, run, staf, 'cancel')).toMatchObject({ ok: false, code: 'invalid', reason: 'reason_required', field: 'reason' });
    expect(act(palaran, run, camat, 'cancel', { reason: 'x' })).toMatchObject({ ok: false, code: 'forbidden', reason: 'not_allowed_to_cancel' });

    const cancelled = expectOk(act(palaran, run, staf, 'cancel', { reason: 'Kegiatan dibatalkan' }));
    expect(cancelled.run).toMatchObject({ status: 'cancelled', cancelReason: 'Kegiatan dibatalkan' });
    expect(cancelled.run.steps[2]).toMatchObject({ status: 'voided', decision: 'cancel', comment: 'Kegiatan dibatalkan' });
    expect(records(cancelled.effects)).toEqual(['3:cancel']);

    expect(act(palaran, cancelled.run, kasi, 'approve')).toMatchObject({ ok: false, code: 'conflict', reason: 'run_closed' });
    expect(act(palaran, cancelled.run, staf, 'cancel', { reason: 'again' })).toMatchObject({ code: 'conflict', reason: 'run_closed' });
    expect(allowedActs(palaran, cancelled.run, kasi)).toEqual([]);
  });

  it('an administrator holding runs.cancel cancels any open run, with a reason, recorded as a cancel of the current step', () => {
    const run = advance(palaran, start(), 3).run;
    const admin: Actor = { id: 'admin-1', roles: [], mayCancelAny: true };
    expect(act(palaran, run, { id: 'admin-1', roles: [] }, 'cancel', { reason: 'x' })).toMatchObject({ ok: false, code: 'forbidden', reason: 'not_allowed_to_cancel' });
    expect(act(palaran, run, admin, 'cancel')).toMatchObject({ ok: false, code: 'invalid', reason: 'reason_required', field: 'reason' });
    // The power is to cancel only: no other act.
    expect(act(palaran, run, admin, 'approve')).toMatchObject({ ok: false, code: 'forbidden', reason: 'wrong_role' });
    const cancelled = expectOk(act(palaran, run, admin, 'cancel', { reason: 'Dibatalkan oleh administrator' }));
    expect(cancelled.run).toMatchObject({ status: 'cancelled', cancelReason: 'Dibatalkan oleh administrator' });
    expect(records(cancelled.effects)).toEqual(['3:cancel']);
  });

  it('a published run takes no further acts', () => {
    const { run } = advance(palaran, start());
    expect(act(palaran, run, staf, 'publish')).toMatchObject({ code: 'conflict', reason: 'run_closed' });
  });
});

describe('concurrency', () => {
  it('refuses an act based on a stale version', () => {
    const run = start();
    const first = expectOk(act(palaran, run, camat, 'approve', { expectedVersion: 1 }));
    expect(first.run.version).toBe(2);
    // A second tab still holding version 1.
    expect(act(palaran, first.run, staf, 'submit', { expectedVersion: 1 })).toMatchObject({
      ok: false,
      code: 'conflict',
      reason: 'stale_version',
      field: 'expectedVersion',
    });
    expect(act(palaran, first.run, staf, 'submit', { expectedVersion: 2 }).ok).toBe(true);
  });

  it('refuses an approval of content other than the version under review', () => {
    const atStep3 = advance(palaran, start(), 3).run;
    expect(act(palaran, atStep3, kasi, 'approve', { contentHash: 'other' })).toMatchObject({ code: 'conflict', reason: 'content_changed' });
    expect(act(palaran, atStep3, kasi, 'approve', { contentHash: 'h1' }).ok).toBe(true);
  });
});

describe('edit', () => {
  it('is allowed only at an editable step, by its role, with the new hash', () => {
    const atStep2 = advance(palaran, start(), 2).run;
    expect(act(palaran, atStep2, staf, 'edit')).toMatchObject({ code: 'invalid', reason: 'content_hash_required' });
    expect(act(palaran, atStep2, kasi, 'edit', { contentHash: 'h2' })).toMatchObject({ code: 'forbidden', reason: 'wrong_role' });
    const atStep3 = advance(palaran, atStep2, 3).run;
    expect(act(palaran, atStep3, staf, 'edit', { contentHash: 'h2' })).toMatchObject({ code: 'conflict', reason: 'step_not_editable' });
    const same = expectOk(act(palaran, atStep2, staf, 'edit', { contentHash: 'h1' }));
    expect(same.run).toBe(atStep2); // nothing changed
  });

  it('after a paraf voids it: the correction is walked through the reviews again', () => {
    const atStep4 = advance(palaran, start(), 4).run;
    expect(atStep4.steps[2]).toMatchObject({ status: 'done', decision: 'paraf' });
    const returned = expectOk(act(palaran, atStep4, sekretaris, 'return', { comment: 'Perbaiki tanggal' }));
    expect(returned.run.currentStep).toBe(2);
    expect(returned.run.steps[2]!.status).toBe('done'); // stands until the content changes

    const edited = expectOk(act(palaran, returned.run, staf, 'edit', { contentHash: 'h2' }));
    expect(edited.run.steps[2]).toMatchObject({ status: 'voided', decision: 'paraf', contentHash: 'h1' });
    expect(edited.run).toMatchObject({ status: 'returned', currentStep: 2, contentHash: 'h2' });
    expect(edited.effects).toEqual([
      { type: 'edit', step: 2, actorId: staf.id, contentHash: 'h2', previousHash: 'h1' },
      { type: 'void', step: 3, kind: 'paraf', reason: 'content_changed' },
      { type: 'notify', reason: 'content_changed', step: 3, role: 'kasubbag-kasi' },
    ]);

    const resubmitted = expectOk(act(palaran, edited.run, staf, 'submit'));
    expect(resubmitted.run.currentStep).toBe(3);
    expect(resubmitted.run.steps[2]!.status).toBe('active');
  });

  it('at an editable step after a signature voids it and returns the work to correction', () => {
    // Seed 004 with step 6 made editable: a change there comes after the PPID Utama's verification.
    const base = loadSeed('pontianak');
    const sop: SopDefinition = { ...base, steps: base.steps.map((s) => (s.number === 6 ? { ...s, editable: true } : s)) };
    const atStep6 = advance(sop, start(sop), 6).run;
    expect(atStep6.steps[3]).toMatchObject({ status: 'done', decision: 'tanda_tangan' });

    const operator = actorFor('petugas-informasi');
    const edited = expectOk(act(sop, atStep6, operator, 'edit', { contentHash: 'h2' }));
    expect(edited.run).toMatchObject({ status: 'returned', currentStep: 3, contentHash: 'h2' });
    expect(edited.run.steps.map((s) => s.status)).toEqual(['done', 'done', 'active', 'voided', 'done', 'pending', 'pending']);
    expect(edited.effects).toContainEqual({ type: 'void', step: 4, kind: 'tanda_tangan', reason: 'content_changed' });
    expect(edited.effects).toContainEqual({ type: 'notify', reason: 'content_changed', step: 3, role: 'ppid-pelaksana', dueAt: null });
    expect(edited.run.draftedBy).toContain(operator.id);

    // The changed content is verified again before it can be published.
    const again = advance(sop, edited.run);
    expect(again.run.status).toBe('published');
    expect(again.run.steps[3]).toMatchObject({ decision: 'tanda_tangan', contentHash: 'h2' });
  });
});

describe('unknown acts', () => {
  it('are invalid', () => {
    expect(act(palaran, start(), camat, 'sign' as Act)).toMatchObject({ code: 'invalid', reason: 'unknown_act' });
  });
});
