import { INTENT_STATEMENTS, intentStatement } from '../intent';

describe('intent statements fit the act', () => {
  it('publishing an item: approve for publication and sign', () => {
    const s = intentStatement('tanda_tangan', 'publication')!;
    expect(s).toMatch(/untuk dipublikasikan/);
    expect(s).toMatch(/menandatanganinya secara elektronik/);
  });

  it('establishing the DIP: the decree (SK penetapan DIP)', () => {
    const s = intentStatement('tanda_tangan', 'dip')!;
    expect(s).toMatch(/menetapkan Daftar Informasi Publik/);
    expect(s).toMatch(/Surat Keputusan/);
    expect(s).not.toMatch(/dipublikasikan kepada publik/);
  });

  it('deciding a consequence test: a decision, never a publication', () => {
    const s = intentStatement('tanda_tangan', 'consequence_test')!;
    expect(s).toMatch(/memutuskan hasil uji konsekuensi/);
    expect(s).toMatch(/tidak dipublikasikan/);
    expect(s).not.toMatch(/untuk dipublikasikan/);
  });

  it("the PPID's written notice on a request and the Atasan PPID's answer to an objection name their article", () => {
    expect(intentStatement('tanda_tangan', 'information_request')).toMatch(/pemberitahuan tertulis atas permohonan informasi .*Pasal 22 ayat 7/);
    expect(intentStatement('tanda_tangan', 'objection')).toMatch(/tanggapan tertulis atas keberatan .*Pasal 36 ayat 2/);
    for (const subject of ['information_request', 'objection'] as const) expect(intentStatement('tanda_tangan', subject)).not.toMatch(/dipublikasikan/);
  });

  it('each subject and kind has its own wording; other acts have none', () => {
    const all = Object.values(INTENT_STATEMENTS).flatMap((k) => Object.values(k));
    expect(new Set(all).size).toBe(all.length);
    expect(intentStatement('paraf', 'publication')).toMatch(/paraf/);
    expect(intentStatement('paraf', 'dip')).toMatch(/Daftar Informasi Publik/);
    expect(intentStatement('paraf', 'consequence_test')).toMatch(/uji konsekuensi/);
    for (const kind of ['submit', 'return', 'publish', 'handover', 'complete']) expect(intentStatement(kind, 'publication')).toBeNull();
  });
});
