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
  validateSopDefinition,
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
    const [, s2, s3, s4] = sop.steps;
    expect(s3!.returnTo).toBe(2);
    expect(returnTargetOf(sop, s4!)).toBe(2);
    expect(isEditable(s2!)).toBe(true);
    expect(isEditable(s3!)).toBe(false);
    expect(requiresSeparationOfDuties(s3!)).toBe(true);
    expect(sop.steps.map(recordKindOf)).toEqual([
      'complete', 'submit', 'paraf', 'tanda_tangan', 'tanda_tangan', 'handover', 'publish',
    ]);
  });

  it('001 Kalteng keeps the acting columns (no step for the Atasan PPID)', () => {
    const sop = loadSeed('kalteng');
    expect(sop.roles.map((r) => r.key)).toEqual(['ppid-pembantu', 'ppid-utama', 'admin-ppid']);
    expect(sop.steps.map((s) => s.act)).toEqual(['collect', 'review_signature', 'establish', 'publish']);
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
    expect(forwardActOf(sop.steps[2]!)).toBe('approve');
  });

  it('004 Pontianak: one publish step (the last), and fast-track standards for serta merta', () => {
    const sop = loadSeed('pontianak');
    expect(sop.steps.map((s) => s.act)).toEqual([
      'update', 'collect', 'draft', 'decide', 'handover', 'update', 'publish',
    ]);
    expect(sop.steps.every((s) => s.standard === 'tentatif' && s.fastTrackStandard)).toBe(true);
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
