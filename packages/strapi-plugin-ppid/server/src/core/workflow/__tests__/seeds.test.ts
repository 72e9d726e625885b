import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  forwardActOf,
  isEditable,
  loadSopDirectory,
  parseSopText,
  recordKindOf,
  requiresSeparationOfDuties,
  returnTargetOf,
  standardFor,
  standardToMs,
  validateSopDefinition,
  writtenReturnOf,
  EXAMINING_ACTS,
} from '..';
import { SEED_FILES, SOPS_DIR, TEMPLATE_FILES, loadSeed } from './fixtures';

describe('seed SOP files', () => {
  it('ships exactly the four seeds (and the product templates), all valid, with faithful step counts', () => {
    expect(readdirSync(SOPS_DIR).sort()).toEqual([...Object.values(SEED_FILES), ...Object.values(TEMPLATE_FILES)].sort());
    const seeds = new Set<string>(Object.values(SEED_FILES));
    const loaded = loadSopDirectory(SOPS_DIR).filter((f) => seeds.has(f.file));
    const counts = loaded.map((f) => [f.file, f.result.ok ? f.result.value.steps.length : f.result.errors]);
    expect(counts).toEqual([
      [SEED_FILES.palaran, 7],
      [SEED_FILES.kalteng, 4],
      [SEED_FILES.kutim, 6],
      [SEED_FILES.pontianak, 7],
    ]);
  });

  it('the uji-konsekuensi product template follows the law: pelaksana drafts, the PPID decides (Pasal 19), the Atasan PPID sets the period, the PPID brings it into force', () => {
    const loaded = loadSopDirectory(SOPS_DIR).find((f) => f.file === TEMPLATE_FILES.ujiKonsekuensi);
    expect(loaded?.result.ok).toBe(true);
    const sop = parseSopText(readFileSync(join(SOPS_DIR, TEMPLATE_FILES.ujiKonsekuensi), 'utf8'));
    if (!sop.ok) throw new Error('invalid template');
    const def = sop.value;
    expect(def.code).toBe('uji-konsekuensi');
    expect(def.formatVersion).toBe(1);
    expect(def.header.instansi).toBe('(templat produk)');
    expect(def.header.dasarHukum.join(' ')).toMatch(/PP No\. 61 Tahun 2010/);
    expect(def.header.dasarHukum.join(' ')).toMatch(/Perki No\. 1 Tahun 2021 Pasal 49/);
    expect(def.steps.map((s) => [s.role, s.act])).toEqual([
      ['ppid-pelaksana', 'draft'],
      ['ppid', 'decide'],
      ['atasan-ppid', 'establish'],
      ['ppid', 'publish'],
    ]);
    expect(def.steps.map(recordKindOf)).toEqual(['submit', 'tanda_tangan', 'tanda_tangan', 'publish']);
    expect(def.steps[1]!.returnTo).toBe(1);
    expect(def.steps[2]!.returnTo).toBe(1);
    expect(def.steps[2]!.activity).toMatch(/jangka waktu pengecualian/);
    expect(readFileSync(join(SOPS_DIR, TEMPLATE_FILES.ujiKonsekuensi), 'utf8')).toMatch(/Pasal 19: "Pejabat Pengelola Informasi/);
    expect(def.steps.map(isEditable)).toEqual([true, false, false, false]);
    expect((def.notes ?? []).join(' ')).toMatch(/templat produk/i);
  });

  it('every seed ends with its only publish step, and every role acts somewhere', () => {
    for (const name of Object.keys(SEED_FILES) as (keyof typeof SEED_FILES)[]) {
      const sop = loadSeed(name);
      const publish = sop.steps.filter((s) => s.act === 'publish').map((s) => s.number);
      expect(publish).toEqual([sop.steps.length]);
      for (const role of sop.roles) expect(sop.steps.some((s) => s.role === role.key)).toBe(true);
      expect(sop.formatVersion).toBe(1);
    }
  });

  it('000 Palaran follows the SOP: Camat directs, JFU drafts, paraf, two signatures, handover, upload', () => {
    const sop = loadSeed('palaran');
    expect(sop.code).toBe('palaran-publikasi-website');
    expect(sop.header.nomorSop).toBe('000.8.3.3/0958/400.02');
    expect(sop.header.tanggalEfektif).toBe('2025-01-06');
    expect(sop.header.disahkanOleh).toEqual({
      nama: 'Muhammad Dahlan, S.STP, M.Si',
      nip: '198005071999121001',
      jabatan: 'Camat Palaran',
    });
    expect(sop.roles.map((r) => r.label)).toEqual(['Camat', 'Sekretaris', 'Kasubbag / Kasi', 'Staf']);
    expect(sop.steps.map((s) => [s.role, s.act])).toEqual([
      ['camat', 'instruct'],
      ['staf', 'draft'],
      ['kasubbag-kasi', 'review_paraf'],
      ['sekretaris', 'review_signature'],
      ['camat', 'review_signature'],
      ['kasubbag-kasi', 'handover'],
      ['staf', 'publish'],
    ]);
    expect(sop.steps.map((s) => s.standard)).toEqual([
      { amount: 1, unit: 'hour' },
      'tentatif',
      'tentatif',
      'tentatif',
      { amount: 15, unit: 'minute' },
      { amount: 10, unit: 'minute' },
      { amount: 15, unit: 'minute' },
    ]);
    const [, s2, s3, s4, s5] = sop.steps;
    // Step 3's return is the SOP's text; 4 and 5 name none: the body's addition, marked so.
    expect(s3).toMatchObject({ returnTo: 2 });
    expect(s3!.returnAddition).toBeUndefined();
    expect(writtenReturnOf(s3!)).toBe(2);
    for (const s of [s4!, s5!]) {
      expect(s).toMatchObject({ returnTo: 2, returnAddition: true });
      expect(writtenReturnOf(s)).toBeNull();
      expect(returnTargetOf(sop, s)).toBe(2);
    }
    expect(isEditable(s2!)).toBe(true);
    expect(isEditable(s3!)).toBe(false);
    expect(requiresSeparationOfDuties(s3!)).toBe(true);
    expect(sop.steps.map(recordKindOf)).toEqual([
      'complete', 'submit', 'paraf', 'tanda_tangan', 'tanda_tangan', 'handover', 'publish',
    ]);
  });

  it('000 Palaran: serta merta items have a time at every step, at most 100 minutes in all, none longer than the SOP gives', () => {
    const sop = loadSeed('palaran');
    const ms = sop.steps.map((s) => standardToMs(standardFor(s, true)));
    expect(ms.every((m) => m !== null && m > 0)).toBe(true);
    expect(ms.reduce((a, b) => a! + b!, 0)).toBe(100 * 60_000);
    for (const s of sop.steps) {
      const normal = standardToMs(s.standard);
      if (normal !== null) expect(standardToMs(standardFor(s, true))!).toBeLessThanOrEqual(normal);
    }
    // A berkala item keeps the SOP's own times.
    expect(sop.steps.map((s) => standardFor(s, false))).toEqual(sop.steps.map((s) => s.standard));
  });

  it('every shipped SOP that publishes information items bounds serta merta at every step', () => {
    for (const name of ['palaran', 'kalteng', 'pontianak'] as const) {
      const sop = loadSeed(name);
      expect([name, sop.steps.filter((s) => standardToMs(standardFor(s, true)) === null).map((s) => s.number)]).toEqual([name, []]);
    }
  });

  it('000-002 say at every examining step where a return goes (the SOP text, a marked addition, or none)', () => {
    for (const name of ['palaran', 'kalteng', 'kutim'] as const) {
      const sop = loadSeed(name);
      for (const s of sop.steps.filter((x) => EXAMINING_ACTS.has(x.act))) expect([name, s.number, s.returnTo !== undefined]).toEqual([name, s.number, true]);
    }
  });

  it('001 Kalteng: the Atasan PPID column acts, establishing at step 3', () => {
    const sop = loadSeed('kalteng');
    expect(sop.roles.map((r) => [r.key, r.label])).toEqual([
      ['ppid-pembantu', 'PPID Pembantu'],
      ['ppid-utama', 'PPID Utama'],
      ['atasan-ppid', 'Atasan PPID'],
      ['admin-ppid', 'Admin PPID'],
    ]);
    expect(sop.steps.map((s) => [s.role, s.act])).toEqual([
      ['ppid-pembantu', 'collect'],
      ['ppid-utama', 'review_signature'],
      ['atasan-ppid', 'establish'],
      ['admin-ppid', 'publish'],
    ]);
    expect(sop.steps[2]!.notes).toMatch(/Interpretation/);
    expect(recordKindOf(sop.steps[2]!)).toBe('tanda_tangan');
    // No return is in the SOP's text: both are the body's addition.
    expect(sop.steps.filter((s) => s.returnTo !== undefined).map((s) => [s.number, s.returnTo, s.returnAddition])).toEqual([
      [2, 1, true],
      [3, 1, true],
    ]);
    expect(sop.steps.map((s) => s.standard)).toEqual([
      'tentatif',
      { amount: 1, unit: 'minute' },
      { amount: 1, unit: 'week' },
      { amount: 1, unit: 'minute' },
    ]);
    expect(sop.header.tanggalPembuatan).toBeNull();
  });

  it('002 Kutim: the Atasan PPID establishes the DIP by SK right before it is published', () => {
    const sop = loadSeed('kutim');
    expect(sop.steps.map((s) => [s.role, s.act])).toEqual([
      ['petugas-informasi', 'collect'],
      ['ppid-pelaksana', 'draft'],
      ['ppid', 'classify'],
      ['ppid', 'archive'],
      ['atasan-ppid', 'establish'],
      ['ppid', 'publish'],
    ]);
    expect(recordKindOf(sop.steps[4]!)).toBe('tanda_tangan');
    expect(isEditable(sop.steps[2]!)).toBe(true);
    // The PPID corrects the proposal itself: no return (the SOP names none); step 5's is an addition.
    expect(sop.steps[2]!.returnTo).toBeNull();
    expect(returnTargetOf(sop, sop.steps[2]!)).toBeNull();
    expect(sop.steps[4]).toMatchObject({ returnTo: 3, returnAddition: true });
    expect(forwardActOf(sop.steps[2]!)).toBe('approve');
  });

  it('004 Pontianak: one publish step (the last), and fast-track standards for serta merta', () => {
    const sop = loadSeed('pontianak');
    expect(sop.steps.map((s) => s.act)).toEqual([
      'update', 'collect', 'draft', 'decide', 'handover', 'update', 'publish',
    ]);
    expect(sop.steps.every((s) => s.standard === 'tentatif' && s.standardSertaMerta)).toBe(true);
    expect(isEditable(sop.steps[5]!)).toBe(false);
    expect(forwardActOf(sop.steps[5]!)).toBe('approve');
    expect(sop.steps[1]!.inputs).toEqual([{ label: 'Surat Koordinasi', requiresAttachment: true }]);
    expect(sop.header.disahkanOleh.nip).toBeNull();
  });

  it('reads the same definition from JSON as from YAML', () => {
    const yamlText = readFileSync(join(SOPS_DIR, SEED_FILES.palaran), 'utf8');
    const fromYaml = parseSopText(yamlText);
    const fromJson = parseSopText(JSON.stringify(loadSeed('palaran')), 'json');
    expect(fromJson).toEqual(fromYaml);
    // And a definition survives a write/read round trip unchanged.
    expect(parseSopText(stringify(loadSeed('kutim')))).toEqual(validateSopDefinition(loadSeed('kutim')));
  });
});
