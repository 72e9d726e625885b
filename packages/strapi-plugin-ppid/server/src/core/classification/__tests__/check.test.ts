import {
  type ClassifiableItem,
  DEFAULT_RULES,
  SERTA_MERTA_ELEMENT_KEYS,
  type SertaMertaAnnouncement,
  checkItemAgainstRules,
  missingSertaMertaElements,
} from '..';
import { decidedTest } from './fixtures';

const NOW = new Date('2026-03-01T03:00:00Z');
const item = (over: Partial<ClassifiableItem> = {}): ClassifiableItem => ({
  title: '',
  summary: '',
  attachmentsCount: 0,
  ...over,
});
const fullAnnouncement: SertaMertaAnnouncement = Object.fromEntries(
  SERTA_MERTA_ELEMENT_KEYS.map((k) => [k, `isi ${k}`]),
);

describe('missingSertaMertaElements', () => {
  it('lists absent and blank elements in order', () => {
    expect(SERTA_MERTA_ELEMENT_KEYS).toHaveLength(8);
    expect(missingSertaMertaElements(fullAnnouncement)).toEqual([]);
    expect(missingSertaMertaElements({ ...fullAnnouncement, pihakTerdampak: '  ', upayaYangDilakukan: null })).toEqual([
      'pihakTerdampak',
      'upayaYangDilakukan',
    ]);
    expect(missingSertaMertaElements(undefined)).toEqual(SERTA_MERTA_ELEMENT_KEYS);
  });
});

describe('checkItemAgainstRules', () => {
  it('an excluded item needs a consequence test, naming the rule', () => {
    const problems = checkItemAgainstRules(
      item({ title: 'Memo internal', classification: 'dikecualikan' }),
      DEFAULT_RULES,
      null,
      { now: NOW },
    );
    expect(problems).toEqual([
      {
        kind: 'consequence_test_missing',
        rules: ['dikecualikan-uji-konsekuensi'],
        message:
          'Aturan "Informasi dikecualikan wajib uji konsekuensi" (dikecualikan-uji-konsekuensi): uji konsekuensi belum ada / ' +
          'a consequence test (uji konsekuensi) is required',
        missing: ['ujiKonsekuensi'],
      },
    ]);
  });

  it('the statutory duty holds even without rules', () => {
    const [p] = checkItemAgainstRules(item({ classification: 'dikecualikan' }), [], null);
    expect(p.kind).toBe('consequence_test_missing');
    expect(p.message).toMatch(/^UU 14\/2008 Pasal 19; PP 61\/2010: /);
  });

  it('a draft test is not enough; a decided one passes until it expires', () => {
    const excluded = item({ title: 'Dokumen penyelidikan', classification: 'dikecualikan' });
    expect(
      checkItemAgainstRules(excluded, DEFAULT_RULES, decidedTest({ status: 'draft' }), { now: NOW }).map((p) => p.kind),
    ).toEqual(['consequence_test_not_decided']);
    expect(checkItemAgainstRules(excluded, DEFAULT_RULES, decidedTest(), { now: NOW })).toEqual([]);
    const later = new Date('2028-01-02T00:00:00Z');
    expect(checkItemAgainstRules(excluded, DEFAULT_RULES, decidedTest(), { now: later }).map((p) => p.kind)).toEqual([
      'consequence_test_expired',
    ]);
  });

  it('an invalid decided test is reported with its errors', () => {
    const [p] = checkItemAgainstRules(
      item({ classification: 'dikecualikan' }),
      DEFAULT_RULES,
      decidedTest({ masaPengecualianBerakhir: null }),
      { now: NOW },
    );
    expect(p.kind).toBe('consequence_test_invalid');
    expect(p.missing?.[0]).toMatch(/^masaPengecualianBerakhir: /);
  });

  it('personal-data keywords demand a consequence test whatever the chosen class', () => {
    const problems = checkItemAgainstRules(
      item({ title: 'Daftar penerima bansos dengan NIK', classification: 'setiap_saat' }),
      DEFAULT_RULES,
      null,
    );
    expect(problems.map((p) => p.kind)).toEqual(['consequence_test_missing']);
    expect(problems[0].message).toContain('Aturan "Data pribadi dikecualikan" (dikecualikan-data-pribadi)');
  });

  it('a serta merta item must carry the eight elements', () => {
    const announcement = { ...fullAnnouncement, prosedurDanTempatEvakuasi: '', caraMemperolehBantuan: undefined };
    const problems = checkItemAgainstRules(
      item({ title: 'Banjir bandang di Kecamatan Sukajaya', classification: 'serta_merta', announcement }),
      DEFAULT_RULES,
    );
    expect(problems).toEqual([
      {
        kind: 'serta_merta_incomplete',
        rules: ['serta-merta-bencana'],
        message:
          'Aturan "Bencana, wabah, keracunan, gangguan utilitas: serta merta" (serta-merta-bencana): pengumuman serta merta belum memuat ' +
          'prosedur dan tempat evakuasi, cara memperoleh bantuan dari pihak yang berwenang / the serta merta announcement lacks ' +
          'evacuation procedure and place, how to get help',
        missing: ['prosedurDanTempatEvakuasi', 'caraMemperolehBantuan'],
      },
    ]);
    expect(
      checkItemAgainstRules(
        item({ title: 'Banjir', classification: 'serta_merta', announcement: fullAnnouncement }),
        DEFAULT_RULES,
      ),
    ).toEqual([]);
  });

  it('reports a required class mismatch and rule blocks, naming the rules', () => {
    const rules = [
      {
        code: 'dinkes-wajib-berkala',
        name: 'Dinkes: laporan berkala',
        description: '',
        enabled: true,
        priority: 1,
        when: { unitIn: ['dinkes'] },
        then: [
          { requireClass: 'berkala' as const },
          { block: { message: 'lampiran wajib ada / attachment required' } },
        ],
      },
    ];
    const problems = checkItemAgainstRules(item({ unit: 'dinkes' }), rules);
    expect(problems.map((p) => p.message)).toEqual([
      'Aturan "Dinkes: laporan berkala" (dinkes-wajib-berkala): lampiran wajib ada / attachment required',
      'Aturan "Dinkes: laporan berkala" (dinkes-wajib-berkala): klasifikasi harus "berkala" (UU 14/2008 Pasal 9), ' +
        'tercatat belum diklasifikasikan / class must be "berkala", found none',
    ]);
    expect(
      checkItemAgainstRules(item({ unit: 'dinkes', classification: 'berkala' }), rules).map((p) => p.kind),
    ).toEqual(['rule_block']);
  });
});
