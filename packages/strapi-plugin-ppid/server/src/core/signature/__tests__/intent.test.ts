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

  it('each subject and kind has its own wording; other acts have none', () => {
    const all = Object.values(INTENT_STATEMENTS).flatMap((k) => Object.values(k));
    expect(new Set(all).size).toBe(all.length);
    expect(intentStatement('paraf', 'publication')).toMatch(/paraf/);
    expect(intentStatement('paraf', 'dip')).toMatch(/Daftar Informasi Publik/);
    expect(intentStatement('paraf', 'consequence_test')).toMatch(/uji konsekuensi/);
    for (const kind of ['submit', 'return', 'publish', 'handover', 'complete']) expect(intentStatement(kind, 'publication')).toBeNull();
  });
});
