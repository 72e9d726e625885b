import {
  type ClassificationRule,
  type ClassifiableItem,
  DEFAULT_INFORMATION_KINDS,
  DEFAULT_RULES,
  evaluateRules,
  matchKeywords,
  validateRules,
} from '..';

const item = (over: Partial<ClassifiableItem> = {}): ClassifiableItem => ({
  title: '',
  summary: '',
  attachmentsCount: 0,
  ...over,
});

const rule = (over: Partial<ClassificationRule>): ClassificationRule => ({
  code: 'r',
  name: 'Rule',
  description: '',
  enabled: true,
  priority: 0,
  when: { hasAttachments: false },
  then: [],
  ...over,
});

describe('keyword matching', () => {
  it('is case-insensitive on whole words', () => {
    expect(matchKeywords('BANJIR di Kecamatan Cibinong', ['banjir'])).toEqual(['banjir']);
    expect(matchKeywords('Kecamatan kebanjiran', ['banjir'])).toEqual([]);
    expect(matchKeywords('Kecamatan kebanjiran', ['*banjir*'])).toEqual(['*banjir*']);
    expect(matchKeywords('Program robotika sekolah', ['rob'])).toEqual([]);
    expect(matchKeywords('Jadwal pemadaman   listrik', ['pemadaman listrik'])).toEqual(['pemadaman listrik']);
    expect(matchKeywords('tanah-longsor', ['tanah longsor'])).toEqual(['tanah longsor']);
    expect(matchKeywords('Data NIK: 3201...', ['nik'])).toEqual(['nik']);
  });
});

describe('evaluateRules', () => {
  const rules: ClassificationRule[] = [
    rule({
      code: 'low',
      priority: 1,
      when: { unitIn: ['dinkes'] },
      then: [{ suggestClass: 'setiap_saat' }, { setRefreshMonths: 6 }],
    }),
    rule({
      code: 'high',
      priority: 10,
      when: { all: [{ unitIn: ['dinkes'] }, { hasAttachments: true }] },
      then: [{ suggestClass: 'berkala' }, { requireClass: 'berkala' }, { setRefreshMonths: 3 }, { fastTrack: true }],
    }),
    rule({
      code: 'off',
      enabled: false,
      priority: 99,
      when: { unitIn: ['dinkes'] },
      then: [{ block: { message: 'never' } }],
    }),
    rule({
      code: 'conflict',
      priority: 5,
      when: { fieldEquals: { field: 'tahun', value: 2026 } },
      then: [{ requireClass: 'setiap_saat' }],
    }),
    rule({
      code: 'neg',
      priority: 0,
      when: { not: { classIs: ['dikecualikan'] } },
      then: [{ block: { message: 'belum dikecualikan' } }],
    }),
    rule({
      code: 'any',
      priority: 0,
      when: { any: [{ kindIn: ['x'] }, { keywordsAny: ['rahasia'] }] },
      then: [{ requireConsequenceTest: true }],
    }),
  ];

  it('merges outcomes of matching enabled rules, strongest first', () => {
    const r = evaluateRules(item({ unit: 'dinkes', attachmentsCount: 2, classification: 'berkala' }), rules);
    expect(r.matched).toEqual(['high', 'low', 'neg']);
    expect(r.suggestions).toEqual([
      { class: 'berkala', rule: 'high' },
      { class: 'setiap_saat', rule: 'low' },
    ]);
    expect(r.requiredClass).toBe('berkala');
    expect(r.refreshMonths).toBe(3);
    expect(r.fastTrack).toBe(true);
    expect(r.requireConsequenceTest).toBe(false);
    expect(r.blocks).toEqual([{ rule: 'neg', message: 'belum dikecualikan' }]);
  });

  it('reports conflicting required classes as a block', () => {
    const r = evaluateRules(
      item({ unit: 'dinkes', attachmentsCount: 1, classification: 'dikecualikan', fields: { tahun: 2026 } }),
      rules,
    );
    expect(r.requiredClass).toBe('berkala');
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0].rule).toBe('conflict');
    expect(r.blocks[0].message).toContain('conflicting with rule "high"');
  });

  it('handles any/not and keywords', () => {
    const r = evaluateRules(item({ title: 'Memo RAHASIA', classification: 'dikecualikan' }), rules);
    expect(r.matched).toEqual(['any']);
    expect(r.requireConsequenceTest).toBe(true);
    expect(r.sources.consequenceTest).toEqual(['any']);
  });
});

describe('DEFAULT_RULES on realistic titles', () => {
  const classes = (i: ClassifiableItem) => evaluateRules(i, DEFAULT_RULES).suggestions.map((s) => s.class);

  it('are valid rules over known kinds', () => {
    expect(validateRules(DEFAULT_RULES, { kinds: DEFAULT_INFORMATION_KINDS.map((k) => k.code) })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    'Banjir di Kelurahan Kampung Melayu, 120 KK mengungsi',
    'Peringatan dini gempa bumi M5,6 di Kabupaten Cianjur',
    'Tanah longsor menutup jalan provinsi Garut-Bandung',
    'Kasus keracunan makanan siswa SDN 2 setelah makan bergizi gratis',
    'Jadwal pemadaman listrik bergilir wilayah Kecamatan Tamalanrea',
    'Gangguan air bersih PDAM Tirta Pakuan 12-13 Maret 2026',
    'Kejadian Luar Biasa (KLB) demam berdarah di Kota Kupang',
  ])('serta merta + fast track: %s', (title) => {
    const r = evaluateRules(item({ title }), DEFAULT_RULES);
    expect(r.suggestions[0].class).toBe('serta_merta');
    expect(r.fastTrack).toBe(true);
  });

  it.each([
    ['Laporan Realisasi Anggaran Semester I Tahun 2025', undefined],
    ['Pengumuman Pemenang Tender Pembangunan Jembatan', undefined],
    ['Dokumen', 'laporan_keuangan'],
  ])('berkala with a 6-month cycle: %s', (title, kind) => {
    const r = evaluateRules(item({ title, kind }), DEFAULT_RULES);
    expect(r.suggestions[0].class).toBe('berkala');
    expect(r.refreshMonths).toBe(6);
  });

  it.each([
    'Daftar penerima bantuan sosial beserta NIK dan alamat rumah',
    'Rekap rekam medis pasien RSUD 2025',
    'Daftar gaji pegawai Dinas Pendidikan Januari 2026',
    'Salinan nomor KK warga RT 05',
  ])('personal data suggests dikecualikan (Pasal 17 h) and a consequence test: %s', (title) => {
    const r = evaluateRules(item({ title }), DEFAULT_RULES);
    expect(r.suggestions[0]).toEqual({ class: 'dikecualikan', pasal17: 'h', rule: 'dikecualikan-data-pribadi' });
    expect(r.requireConsequenceTest).toBe(true);
  });

  it('does not treat an evacuation SOP (a berkala kind) as an emergency', () => {
    const r = evaluateRules(
      item({ title: 'Prosedur evakuasi banjir dan gempa', kind: 'prosedur_peringatan_dini' }),
      DEFAULT_RULES,
    );
    expect(classes(item({ title: 'Prosedur evakuasi banjir dan gempa', kind: 'prosedur_peringatan_dini' }))).toEqual([
      'berkala',
    ]);
    expect(r.fastTrack).toBe(false);
  });

  it('leaves ordinary titles alone', () => {
    expect(
      evaluateRules(
        item({ title: 'Profil Kecamatan Bogor Tengah', summary: 'Visi, misi dan struktur organisasi' }),
        DEFAULT_RULES,
      ).matched,
    ).toEqual([]);
    expect(classes(item({ title: 'Perjanjian kerja sama dengan PT Telkom', kind: 'perjanjian_pihak_ketiga' }))).toEqual(
      ['setiap_saat'],
    );
  });

  it('sets the berkala cycle and the consequence-test duty from the class', () => {
    expect(evaluateRules(item({ title: 'Profil', classification: 'berkala' }), DEFAULT_RULES).refreshMonths).toBe(6);
    expect(
      evaluateRules(item({ title: 'Memo', classification: 'dikecualikan' }), DEFAULT_RULES).requireConsequenceTest,
    ).toBe(true);
  });
});
