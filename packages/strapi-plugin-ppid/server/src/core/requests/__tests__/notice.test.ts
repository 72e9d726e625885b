import { formatRupiah, maskIdentity, noticeDigest, noticeOutcome, validateExtension, validateNotice } from '../notice';

const paths = (r: ReturnType<typeof validateNotice> | ReturnType<typeof validateExtension>) => (r.ok ? [] : r.errors.map((e) => e.path));

describe('validateNotice (Pasal 22 ayat 7)', () => {
  it('accepts a grant in whole with its format and no cost', () => {
    const r = validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'softcopy (PDF)' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject({ held: true, decision: 'diberikan_seluruhnya', cost: 0, redactions: [], hurufPasal17: null });
      expect(noticeOutcome(r.value)).toBe('diberikan_seluruhnya');
    }
  });

  it('a grant in part names its Pasal 17 letter, reason and the blacked-out parts with reasons', () => {
    expect(paths(validateNotice({ held: true, decision: 'diberikan_sebagian', format: 'PDF' }))).toEqual(['hurufPasal17', 'reason', 'redactions']);
    const ok = validateNotice({
      held: true,
      decision: 'diberikan_sebagian',
      hurufPasal17: 'h',
      reason: 'memuat data pribadi',
      redactions: [{ part: 'Lampiran 2, kolom NIK', reason: 'data pribadi' }],
      format: 'softcopy',
      cost: 25000,
      payment: 'transfer ke rekening kas daerah',
    });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.value.redactions).toEqual([{ part: 'Lampiran 2, kolom NIK', reason: 'data pribadi', hurufPasal17: 'h' }]);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_sebagian', hurufPasal17: 'h', reason: 'x', format: 'PDF', redactions: [{ part: '', reason: 'x' }] }))).toEqual(['redactions.0.part']);
  });

  it('a refusal names its Pasal 17 letter (a-j) and reason; not a format', () => {
    expect(paths(validateNotice({ held: true, decision: 'ditolak' }))).toEqual(['hurufPasal17', 'reason']);
    expect(paths(validateNotice({ held: true, decision: 'ditolak', hurufPasal17: 'k', reason: 'x' }))).toEqual(['hurufPasal17']);
    const r = validateNotice({ held: true, decision: 'ditolak', hurufPasal17: 'c', reason: 'membahayakan pertahanan', consequenceTest: 'abc' });
    expect(r.ok && noticeOutcome(r.value)).toBe('ditolak');
  });

  it('information not held: no decision, the holder named when known', () => {
    const r = validateNotice({ held: false, holder: 'Dinas Kependudukan Kota Samarinda' });
    expect(r.ok && noticeOutcome(r.value)).toBe('tidak_dikuasai');
    expect(paths(validateNotice({ held: false, decision: 'ditolak' }))).toEqual(['decision']);
    expect(paths(validateNotice({ held: true, holder: 'x', decision: 'diberikan_seluruhnya', format: 'PDF' }))).toEqual(['holder']);
  });

  it('names each bad field: held, decision, cost, payment, unknown fields', () => {
    expect(paths(validateNotice({}))).toEqual(['held']);
    expect(paths(validateNotice(null))).toEqual(['']);
    expect(paths(validateNotice({ held: true, decision: 'mungkin' }))).toEqual(['decision']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF', cost: -1 }))).toEqual(['cost']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF', cost: 1.5 }))).toEqual(['cost']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF', cost: 5000 }))).toEqual(['payment']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF', status: 'x' }))).toEqual(['status']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya' }))).toEqual(['format']);
    expect(paths(validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF', hurufPasal17: 'a' }))).toEqual(['hurufPasal17']);
  });

  it('the digest changes with the content', () => {
    const a = validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'PDF' });
    const b = validateNotice({ held: true, decision: 'diberikan_seluruhnya', format: 'hardcopy' });
    if (!a.ok || !b.ok) throw new Error('valid');
    expect(noticeDigest('PMI-1', a.value)).toMatch(/^[0-9a-f]{64}$/);
    expect(noticeDigest('PMI-1', a.value)).not.toBe(noticeDigest('PMI-1', b.value));
  });
});

describe('validateExtension (Pasal 22 ayat 8)', () => {
  it('reasons required; days 1..7, default 7', () => {
    expect(validateExtension({ reasons: 'Dokumen di arsip inaktif' })).toEqual({ ok: true, value: { days: 7, reasons: 'Dokumen di arsip inaktif' } });
    expect(validateExtension({ reasons: 'x', days: 3 })).toEqual({ ok: true, value: { days: 3, reasons: 'x' } });
    expect(paths(validateExtension({ days: 3 }))).toEqual(['reasons']);
    expect(paths(validateExtension({ reasons: '  ', days: 8 }))).toEqual(['reasons', 'days']);
    expect(paths(validateExtension({ reasons: 'x', days: 0 }))).toEqual(['days']);
    expect(paths(validateExtension({ reasons: 'x', days: '3' }))).toEqual(['days']);
    expect(paths(validateExtension({ reasons: 'x', dueAt: '2030-01-01' }))).toEqual(['dueAt']);
  });
});

describe('printing helpers', () => {
  it('masks an identity number and writes rupiah', () => {
    expect(maskIdentity('6472011234560001')).toBe('6472********0001');
    expect(maskIdentity('123')).toBe('***');
    expect(formatRupiah(25000)).toBe('Rp 25.000');
    expect(formatRupiah(0)).toBe('Rp 0 (tanpa biaya)');
  });
});
