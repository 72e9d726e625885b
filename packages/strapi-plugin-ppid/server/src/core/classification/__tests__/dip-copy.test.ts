import { redactDipCopy } from '../exclusion';

const entry = { ringkasan: 'Laporan proyek Whiskey 4455 tahap satu', pejabatUnit: 'Bagian Umum', penanggungJawab: 'Kepala Bagian Umum', tautan: 'https://x.go.id/Whiskey 4455' };

describe('redactDipCopy: a DIP entry’s copy of partly excluded item text', () => {
  it('blacks out the passage in the copy of the excluded field and scrubs it from every text column', () => {
    const { entry: out, changed } = redactDipCopy(entry, [{ kolom: 'title', kutipan: 'Whiskey 4455', hurufPasal17: 'b' }]);
    expect(changed).toBe(true);
    expect(out.ringkasan).toBe('Laporan proyek [DIKECUALIKAN — Pasal 17 huruf b] tahap satu');
    expect(out.tautan).not.toContain('Whiskey');
    expect(entry.ringkasan).toContain('Whiskey'); // the input is not changed
  });

  it('a whole-field exclusion, or a passage not found in the copy, blacks out the whole copy (fail closed)', () => {
    expect(redactDipCopy(entry, [{ kolom: 'holder', hurufPasal17: 'h' }]).entry).toMatchObject({
      pejabatUnit: '[DIKECUALIKAN — Pasal 17 huruf h]',
      penanggungJawab: '[DIKECUALIKAN — Pasal 17 huruf h]',
      ringkasan: entry.ringkasan,
    });
    expect(redactDipCopy(entry, [{ kolom: 'title', kutipan: 'teks yang diubah', hurufPasal17: 'c' }]).entry.ringkasan).toBe('[DIKECUALIKAN — Pasal 17 huruf c]');
  });

  it('an exclusion of a field the entry does not copy changes nothing unless its passage appears', () => {
    expect(redactDipCopy(entry, [{ kolom: 'summary', hurufPasal17: 'b' }])).toEqual({ entry, changed: false });
    expect(redactDipCopy(entry, [{ kolom: 'body', kutipan: 'Bagian Umum', hurufPasal17: 'h' }]).entry.pejabatUnit).toBe('[DIKECUALIKAN — Pasal 17 huruf h]');
  });
});
