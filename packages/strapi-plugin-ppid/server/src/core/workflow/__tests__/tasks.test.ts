import { decide, startRun } from '..';
import { lastReturn } from '../tasks';
import { T0, actorFor, expectOk, later, loadSeed } from './fixtures';

const palaran = loadSeed('palaran');
const camat = actorFor('camat');
const staf = actorFor('staf');
const kasi = actorFor('kasubbag-kasi');

describe('lastReturn', () => {
  it('is null while the run moves forward', () => {
    const run = startRun(palaran, T0, { id: staf.id }).run;
    expect(lastReturn(palaran, run)).toBeNull();
  });

  it("gives the reviewer's comment, the step that returned it and its role label", () => {
    let run = startRun(palaran, T0, { id: staf.id }).run;
    run = expectOk(decide(palaran, run, camat, 'approve', {}, later(10))).run;
    run = expectOk(decide(palaran, run, staf, 'submit', {}, later(20))).run;
    run = expectOk(decide(palaran, run, kasi, 'return', { comment: 'Lengkapi foto kegiatan.' }, later(30))).run;
    const label = palaran.roles.find((r) => r.key === 'kasubbag-kasi')!.label;
    expect(lastReturn(palaran, run)).toEqual({ comment: 'Lengkapi foto kegiatan.', at: later(30).toISOString(), fromStep: 3, fromRoleLabel: label });
    // Once resubmitted the run is no longer returned; the old note is not shown as current.
    run = expectOk(decide(palaran, run, staf, 'submit', {}, later(40))).run;
    expect(lastReturn(palaran, run)).toBeNull();
  });
});
