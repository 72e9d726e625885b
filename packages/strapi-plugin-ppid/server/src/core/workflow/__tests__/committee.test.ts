// Committee steps, steps after the decision or publication, and SOPs without a publish step,
// on the two fixtures of tests/fixtures/sops (issue #16).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedActs, decide, isClosed, parseSopText, startRun, type Actor, type RunState, type SopDefinition } from '..';
import { T0, expectOk, later } from './fixtures';

const FIXTURES = join(__dirname, '../../../../../../../tests/fixtures/sops');
function fixture(file: string): SopDefinition {
  const r = parseSopText(readFileSync(join(FIXTURES, file), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const TIM = fixture('110-tim-pertimbangan-uji-konsekuensi.yaml');
const PANEL = fixture('111-panel-penetapan-klasifikasi.yaml');

const person = (id: string, ...roles: string[]): Actor => ({ id, roles });
const petugas = person('petugas', 'petugas-informasi');
const pelaksana = person('pelaksana', 'ppid-pelaksana');
const utama = person('utama', 'ppid-utama');
const atasan = person('atasan', 'atasan-ppid');
const members = ['anggota-1', 'anggota-2', 'anggota-3'];
const anggota = (i: number) => person(members[i]!, 'tim-pertimbangan');

let minute = 0;
const act = (sop: SopDefinition, run: RunState, who: Actor, a: Parameters<typeof decide>[3], input = {}, roster = members) =>
  decide(sop, run, who, a, { expectedVersion: run.version, ...input }, later(++minute), { roster });

/** TIM from the start to its committee step (3). */
function atCommittee(): RunState {
  let run = startRun(TIM, T0, { id: 'petugas' }).run;
  run = expectOk(act(TIM, run, petugas, 'approve')).run;
  run = expectOk(act(TIM, run, pelaksana, 'submit', { contentHash: 'h1' })).run;
  expect(run.currentStep).toBe(3);
  return run;
}

describe('fixtures', () => {
  it('read "1–2 hari" as 2 days, "3 hari kerja" as 3 days and "30 menit" as 30 minutes', () => {
    expect(TIM.steps.map((s) => s.standard)).toEqual([
      { amount: 30, unit: 'minute' },
      { amount: 2, unit: 'day' },
      { amount: 3, unit: 'day' },
      { amount: 1, unit: 'day' },
      { amount: 1, unit: 'day' },
      { amount: 1, unit: 'hour' },
      { amount: 30, unit: 'minute' },
    ]);
    expect(PANEL.steps[1]!.committee).toEqual({
      members: [{ role: 'kepala-bidang', unit: 'BID-IKP' }, { role: 'kepala-bidang', unit: 'BID-APTIKA' }, { role: 'sekretaris' }],
      rule: { atLeast: 2 },
    });
  });
});

describe('committee step, rule all', () => {
  it('each member initials once; the step completes when all have; each act is its own record', () => {
    let run = atCommittee();
    const first = expectOk(act(TIM, run, anggota(0), 'approve'));
    expect(first.effects).toEqual([
      expect.objectContaining({ type: 'record', kind: 'paraf', step: 3, actorId: 'anggota-1', member: { round: 1, given: 1, required: 3, completes: false } }),
    ]);
    run = first.run;
    expect(run.currentStep).toBe(3);
    // Acting twice, whatever role the person holds, counts once: refused.
    const again = act(TIM, run, person('anggota-1', 'tim-pertimbangan', 'ppid-utama'), 'approve');
    expect(again).toMatchObject({ ok: false, code: 'conflict', reason: 'already_acted' });
    expect(allowedActs(TIM, run, anggota(0), { roster: members })).toEqual(['return', 'cancel']);
    expect(allowedActs(TIM, run, anggota(1), { roster: members })).toEqual(['approve', 'return', 'cancel']);
    // Someone who holds the role but is not on the roster for this item is not a member.
    expect(act(TIM, run, person('outsider', 'tim-pertimbangan'), 'approve')).toMatchObject({ ok: false, code: 'forbidden', reason: 'wrong_role' });
    run = expectOk(act(TIM, run, anggota(1), 'approve')).run;
    const last = expectOk(act(TIM, run, anggota(2), 'approve'));
    expect(last.effects[0]).toMatchObject({ kind: 'paraf', member: { round: 1, given: 3, required: 3, completes: true } });
    expect(last.effects[1]).toMatchObject({ type: 'notify', reason: 'step_active', step: 4, role: 'ppid-utama' });
    expect(last.run.steps[2]).toMatchObject({ status: 'done', decision: 'paraf' });
    expect(last.run.steps[2]!.members!.map((m) => m.actorId)).toEqual(members);
  });

  it('a member who drafted the sheet may not initial it (separation of duties)', () => {
    const run = atCommittee();
    const r = act(TIM, run, person('pelaksana', 'tim-pertimbangan', 'ppid-pelaksana'), 'approve', {}, [...members, 'pelaksana']);
    expect(r).toMatchObject({ ok: false, reason: 'separation_of_duties' });
  });

  it("any member's return voids the paraf given so far; the next round starts afresh", () => {
    let run = atCommittee();
    run = expectOk(act(TIM, run, anggota(0), 'approve')).run;
    run = expectOk(act(TIM, run, anggota(1), 'approve')).run;
    expect(act(TIM, run, anggota(2), 'return', {})).toMatchObject({ ok: false, reason: 'comment_required' });
    const ret = expectOk(act(TIM, run, anggota(2), 'return', { comment: 'Pertimbangan kepentingan publik belum diuraikan' }));
    expect(ret.effects.filter((e) => e.type === 'void')).toEqual([
      { type: 'void', step: 3, kind: 'paraf', reason: 'committee_returned', actorId: 'anggota-1' },
      { type: 'void', step: 3, kind: 'paraf', reason: 'committee_returned', actorId: 'anggota-2' },
    ]);
    expect(ret.run).toMatchObject({ status: 'returned', currentStep: 2 });
    run = expectOk(act(TIM, ret.run, pelaksana, 'submit', { contentHash: 'h2' })).run;
    expect(run.steps[2]).toMatchObject({ status: 'active', round: 2, members: [] });
    // A member who initialled in round 1 acts again in round 2; two of three do not complete it.
    run = expectOk(act(TIM, run, anggota(0), 'approve')).run;
    run = expectOk(act(TIM, run, anggota(1), 'approve')).run;
    expect(run.currentStep).toBe(3);
    const done = expectOk(act(TIM, run, anggota(2), 'approve'));
    expect(done.effects[0]).toMatchObject({ member: { round: 2, completes: true } });
    expect(done.run.currentStep).toBe(4);
  });

  it('an edit after the committee voids every member\'s paraf', () => {
    let run = atCommittee();
    for (const i of [0, 1, 2]) run = expectOk(act(TIM, run, anggota(i), 'approve')).run;
    run = expectOk(act(TIM, run, utama, 'return', { comment: 'Perbaiki dasar hukum' })).run;
    const edit = expectOk(act(TIM, run, pelaksana, 'edit', { contentHash: 'h3' }));
    expect(edit.effects.filter((e) => e.type === 'void').map((e) => (e as any).actorId)).toEqual(members);
  });

  it('the committee step needs its roster from the caller', () => {
    const run = atCommittee();
    expect(() => decide(TIM, run, anggota(0), 'approve', {}, later(99))).toThrow(/roster/);
  });
});

describe('steps after the publication', () => {
  it('the run publishes at its publish step, stays open for the recording step, then ends published', () => {
    let run = atCommittee();
    for (const i of [0, 1, 2]) run = expectOk(act(TIM, run, anggota(i), 'approve')).run;
    run = expectOk(act(TIM, run, utama, 'approve')).run;
    run = expectOk(act(TIM, run, atasan, 'approve')).run;
    expect(act(TIM, run, utama, 'approve')).toMatchObject({ ok: false, reason: 'wrong_act' });
    const pub = expectOk(act(TIM, run, utama, 'publish'));
    expect(pub.effects.map((e) => e.type)).toEqual(['record', 'publish', 'notify', 'notify']);
    expect(pub.effects[3]).toMatchObject({ reason: 'step_active', step: 7, role: 'petugas-informasi' });
    run = pub.run;
    expect(run).toMatchObject({ status: 'published', currentStep: 7 });
    expect(isClosed(run)).toBe(false);
    // The publication stands: the run can no longer be cancelled.
    expect(act(TIM, run, petugas, 'cancel', { reason: 'x' })).toMatchObject({ ok: false, code: 'conflict', reason: 'already_published' });
    expect(allowedActs(TIM, run, petugas)).toEqual(['approve']);
    const rec = expectOk(act(TIM, run, petugas, 'approve'));
    expect(rec.effects).toEqual([expect.objectContaining({ type: 'record', kind: 'complete', step: 7 })]);
    expect(rec.run).toMatchObject({ status: 'published', currentStep: 7 });
    expect(isClosed(rec.run)).toBe(true);
    expect(act(TIM, rec.run, petugas, 'approve')).toMatchObject({ ok: false, reason: 'run_closed' });
  });
});

describe('committee step, rule at least N; an SOP without a publish step', () => {
  const panel = ['kabid-ikp', 'kabid-aptika', 'sekretaris'];
  const member = (id: string) => person(id, 'kepala-bidang');
  it('two of three complete the step; the run completes after the recording step without publishing', () => {
    let run = startRun(PANEL, T0, { id: 'pelaksana' }).run;
    run = expectOk(act(PANEL, run, pelaksana, 'submit', { contentHash: 'h' }, panel)).run;
    const one = expectOk(act(PANEL, run, member('kabid-ikp'), 'approve', {}, panel));
    expect(one.effects[0]).toMatchObject({ member: { given: 1, required: 2, completes: false } });
    const two = expectOk(act(PANEL, one.run, person('sekretaris', 'sekretaris'), 'approve', {}, panel));
    expect(two.effects[0]).toMatchObject({ member: { given: 2, required: 2, completes: true } });
    run = two.run;
    expect(run.currentStep).toBe(3);
    // The third member has nothing left to do.
    expect(act(PANEL, run, member('kabid-aptika'), 'approve', {}, panel)).toMatchObject({ ok: false, reason: 'wrong_role' });
    run = expectOk(act(PANEL, run, utama, 'approve', {}, panel)).run;
    expect(act(PANEL, run, petugas, 'publish')).toMatchObject({ ok: false, reason: 'publish_not_last_step', message: 'This SOP has no publish step.' });
    const end = expectOk(act(PANEL, run, petugas, 'approve'));
    expect(end.run).toMatchObject({ status: 'completed', currentStep: 4 });
    expect(end.effects.map((e) => e.type)).toEqual(['record', 'notify']);
    expect(end.effects[1]).toMatchObject({ reason: 'completed' });
    expect(end.effects.some((e) => e.type === 'publish')).toBe(false);
    expect(isClosed(end.run)).toBe(true);
    expect(allowedActs(PANEL, end.run, petugas)).toEqual([]);
  });
});

describe('validation of committees', () => {
  it('names each problem', () => {
    const sop = JSON.parse(JSON.stringify(PANEL));
    sop.steps[1].committee = { members: [{ role: 'kabid' }, { role: 'sekretaris' }, { role: 'sekretaris' }], rule: { atLeast: 0 }, quorum: 2 };
    sop.steps[0].committee = { members: [{ role: 'ppid-pelaksana' }], rule: 'majority' };
    const { validateSopDefinition, formatSopError } = require('..');
    const r = validateSopDefinition(sop);
    expect(r.ok).toBe(false);
    expect(r.errors.map(formatSopError)).toEqual(
      expect.arrayContaining([
        'steps[1].committee.quorum: unknown field',
        'steps[1].committee.members[0].role: unknown role "kabid"',
        'steps[1].committee.members[2]: "sekretaris" is listed twice (a member counts once)',
        'steps[1].committee.rule.atLeast: must be a whole number of members, at least 1',
        'steps[0].committee: only examining steps (review_paraf, review_signature, decide, establish, classify) can be a committee\'s',
        "steps[0].committee.rule: must be 'all' or {atLeast: N}",
      ]),
    );
  });
});
