import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSopError, parseSopText, validateSopDefinition, type SopError } from '..';
import { loadSeed } from './fixtures';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const errorsOf = (input: unknown): SopError[] => {
  const r = validateSopDefinition(input);
  if (r.ok) throw new Error('expected the definition to be refused');
  return r.errors;
};

describe('validateSopDefinition', () => {
  it('lists every problem of a broken definition, each with its path', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.formatVersion = 2;
    sop.code = 'Palaran Publikasi';
    sop.header.namaSop = '';
    sop.header.tanggalEfektif = '06-01-2025';
    sop.header.disahkanOleh.nip = '19800507 199912 1 001';
    sop.roles.push({ key: 'camat', label: 'Camat (duplikat)' });
    sop.steps[2].role = 'kasi';
    sop.steps[3].number = 5;
    sop.steps[4].act = 'sign';
    sop.steps[5].standard = { amount: 10, unit: 'detik' };
    sop.steps[1].returnTo = 1; // a draft step cannot return
    sop.steps[2].returnTo = 3; // not earlier
    sop.steps[0].retunTo = 1; // typo'd field

    const errors = errorsOf(sop).map(formatSopError);
    expect(errors).toEqual(
      expect.arrayContaining([
        'formatVersion: unsupported version 2 (supported: 1)',
        'code: "Palaran Publikasi" is not kebab-case',
        'header.namaSop: must not be empty',
        'header.tanggalEfektif: must be an ISO date (YYYY-MM-DD) or null',
        'header.disahkanOleh.nip: "19800507 199912 1 001" is not a NIP (18 digits)',
        'roles[4].key: duplicate role "camat"',
        'steps[2].role: unknown role "kasi"',
        'steps[3].number: must be 4 (steps are numbered 1..n in order), got 5',
        'steps[4].act: unknown act "sign"',
        'steps[5].standard.unit: must be one of minute, hour, day, week (or menit, jam, hari, minggu)',
        'steps[1].returnTo: only examining steps (review_paraf, review_signature, decide, establish, classify) can return work',
        'steps[2].returnTo: must point to an earlier step than 3',
        'steps[0].retunTo: unknown field',
      ]),
    );
    expect(errors).toHaveLength(13);
  });

  it('reports the path and message separately', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.steps[2].role = 'kasi';
    expect(errorsOf(sop)).toEqual([{ path: 'steps[2].role', message: 'unknown role "kasi"' }]);
  });

  it('allows at most one publish step, recording steps after it, and none at all', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.steps[5].act = 'publish';
    expect(errorsOf(sop).map(formatSopError)).toEqual(['steps[6].act: only one publish step is allowed']);
    sop.steps[6].act = 'archive'; // "mengarsip" after the upload: a recording step
    expect(validateSopDefinition(sop).ok).toBe(true);
    sop.steps[5].act = 'handover'; // no publish step: the product is a decision
    expect(validateSopDefinition(sop).ok).toBe(true);
  });

  it('a step after the publish step records: it neither examines nor edits', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.steps[5].act = 'publish';
    sop.steps[6].act = 'review_paraf';
    sop.steps[6].returnTo = 2;
    expect(errorsOf(sop).map(formatSopError)).toEqual([
      'steps[6].act: a step after the publish step (6) records what was published; it cannot examine or return (review_paraf)',
    ]);
    sop.steps[6].act = 'update';
    delete sop.steps[6].returnTo;
    expect(errorsOf(sop).map(formatSopError)).toEqual(['steps[6].editable: a step after the publish step (6) cannot edit the published content']);
    sop.steps[6].editable = false;
    expect(validateSopDefinition(sop).ok).toBe(true);
  });

  it('requires the mandatory fields and says which are missing', () => {
    const errors = errorsOf({ formatVersion: 1, header: {}, roles: [], steps: [] }).map(formatSopError);
    expect(errors).toEqual([
      'code: is required',
      'header.nomorSop: is required',
      'header.namaSop: is required',
      'header.instansi: is required',
      'header.disahkanOleh: is required ({nama, nip, jabatan})',
      'roles: must be a non-empty list',
      'steps: must be a non-empty list',
    ]);
    expect(errorsOf(null)).toEqual([{ path: '', message: 'an SOP definition must be an object' }]);
  });

  it('checks step shape: standard, fast track, editable with separation, returnability, unused roles', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.steps[0].standard = '1 jam lebih';
    sop.steps[4].fastTrackStandard = { amount: 1, unit: 'hour' }; // longer than 15 minutes
    sop.steps[3].editable = true; // a signing step that lets the editor sign
    sop.steps[1].act = 'instruct'; // the paraf step has no editable step before it now
    sop.steps[1].role = 'camat'; // and the Staf column no longer acts until step 7
    sop.steps[6].role = 'camat';
    sop.steps[2].returnTo = undefined;
    const errors = errorsOf(JSON.parse(JSON.stringify(sop))).map(formatSopError);
    expect(errors).toEqual([
      `steps[0].standard: unknown standard "1 jam lebih" (write e.g. "15 menit", "1 jam", "2 hari kerja", "1 minggu", "1–2 hari" or 'tentatif')`,
      'steps[4].fastTrackStandard: must not be longer than standard',
      'steps[2]: nothing to return to: set returnTo or put an editable step before it',
      'steps[3]: a step cannot be editable and also exclude the drafter (separationOfDuties)',
      'steps[3]: nothing to return to: set returnTo or put an editable step before it',
      'roles[3].key: role "staf" has no step',
    ]);
  });

  it('accepts a NIP only as 18 digits, and a missing NIP as null', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.header.disahkanOleh.nip = 198005071999121001;
    expect(errorsOf(sop).map(formatSopError)).toEqual([
      'header.disahkanOleh.nip: must be a string (quote it in YAML)',
    ]);
    delete sop.header.disahkanOleh.nip;
    const r = validateSopDefinition(sop);
    expect(r.ok && r.value.header.disahkanOleh.nip).toBeNull();
  });

  it('rejects impossible dates', () => {
    const sop = clone(loadSeed('palaran')) as any;
    sop.header.tanggalPembuatan = '2025-02-30';
    expect(errorsOf(sop).map(formatSopError)).toEqual(['header.tanggalPembuatan: "2025-02-30" is not a real date']);
  });
});

describe('parseSopText', () => {
  it('accepts the example in docs/sop-format.md', () => {
    const md = readFileSync(join(__dirname, '../../../../../../../docs/sop-format.md'), 'utf8');
    const example = md.split('```yaml\n')[1]!.split('```')[0]!;
    const r = parseSopText(example);
    expect(r.ok ? r.value.steps.map((s) => s.act) : r.errors.map(formatSopError)).toEqual(['draft', 'review_paraf', 'publish']);
  });

  it('turns YAML syntax errors into errors of the same shape', () => {
    const r = parseSopText('formatVersion: 1\ncode: [unclosed\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^invalid YAML/);
  });

  it('turns JSON syntax errors into errors of the same shape', () => {
    const r = parseSopText('{"formatVersion": 1,', 'json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatSopError(r.errors[0]!)).toMatch(/^invalid JSON/);
  });
});

describe('formatSopError', () => {
  it('writes "path: message", or the message alone at the root', () => {
    expect(formatSopError({ path: 'steps[2].role', message: 'unknown role "kasi"' })).toBe('steps[2].role: unknown role "kasi"');
    expect(formatSopError({ path: '', message: 'bad' })).toBe('bad');
  });
});
