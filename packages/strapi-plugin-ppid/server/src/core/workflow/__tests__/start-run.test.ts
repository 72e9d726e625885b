// "A run starts when the SOP starts. The first step's pelaksana starts the run." (issue #16)
import { mayStartRun, type SopDefinition } from '..';
import { actorFor, loadSeed } from './fixtures';

describe('mayStartRun: only step 1\'s pelaksana opens a run', () => {
  const palaran = loadSeed('palaran');

  it('seed 000: the Camat (step 1, instruct) may start; the staf, the Kasi and the Sekretaris may not', () => {
    expect(mayStartRun(palaran, actorFor('camat'))).toBeNull();
    for (const role of ['staf', 'kasubbag-kasi', 'sekretaris']) {
      const refused = mayStartRun(palaran, actorFor(role));
      expect(refused).toMatchObject({ ok: false, code: 'forbidden', reason: 'not_first_step_role' });
      // Bahasa Indonesia first, naming the role as the SOP writes it; English beside it.
      expect(refused!.message).toMatch(/^Langkah 1 SOP ini dijalankan oleh Camat; .* \/ Step 1 of this SOP is carried out by the Camat;/);
    }
  });

  it('someone holding the first role among others may start; no roles at all may not', () => {
    expect(mayStartRun(palaran, { id: 'x', roles: ['staf', 'camat'] })).toBeNull();
    expect(mayStartRun(palaran, { id: 'x', roles: [] })?.reason).toBe('not_first_step_role');
  });

  it('each seed: step 1\'s role starts it, the last step\'s (a different role) does not', () => {
    for (const name of ['kalteng', 'kutim', 'pontianak'] as const) {
      const sop = loadSeed(name);
      expect(mayStartRun(sop, actorFor(sop.steps[0]!.role))).toBeNull();
      const other = sop.roles.find((r) => !sop.steps[0]!.role.includes(r.key) && r.key !== sop.steps[0]!.role);
      if (other) expect(mayStartRun(sop, actorFor(other.key))?.code).toBe('forbidden');
    }
  });

  it('a committee first step: its members (the roster) start it, others are told who the members are', () => {
    const sop: SopDefinition = {
      ...palaran,
      roles: [...palaran.roles, { key: 'tim', label: 'Tim Pertimbangan' }],
      steps: [{ ...palaran.steps[0]!, role: 'tim', act: 'review_paraf', committee: { members: [{ role: 'tim' }, { role: 'camat', unit: 'palaran' }], rule: 'all' } }, ...palaran.steps.slice(1)],
    };
    expect(mayStartRun(sop, { id: 'a1', roles: [] }, ['a1', 'a2'])).toBeNull();
    const refused = mayStartRun(sop, { id: 'tim-holder-elsewhere', roles: ['tim'] }, ['a1', 'a2']);
    expect(refused?.code).toBe('forbidden');
    expect(refused!.message).toContain('Langkah 1 SOP ini dijalankan oleh Tim Pertimbangan (anggota: Tim Pertimbangan, Camat (palaran))');
    expect(() => mayStartRun(sop, { id: 'a1', roles: [] })).toThrow(/roster/);
  });
});
