import { ruleSentence } from '../describe';

describe('ruleSentence', () => {
  it('reads a keyword rule as a sentence with the class and the Pasal 17 letter', () => {
    expect(ruleSentence({ keywordsAny: ['rahasia', 'penyidikan'] }, [{ suggestClass: 'dikecualikan', pasal17: 'h' }])).toBe(
      'Jika judul/isi memuat salah satu kata: rahasia, penyidikan, sarankan klasifikasi Dikecualikan (Pasal 17 huruf h)'
    );
  });

  it('joins nested conditions and several outcomes in words, never in rule syntax', () => {
    const s = ruleSentence(
      { all: [{ classIs: ['dikecualikan'] }, { not: { hasAttachments: true } }] },
      [{ requireConsequenceTest: true }, { setRefreshMonths: 6 }]
    );
    expect(s).toBe('Jika klasifikasi yang dipilih Dikecualikan dan tidak benar bahwa ada lampiran, wajibkan uji konsekuensi, lalu perbarui setiap 6 bulan');
    expect(s).not.toMatch(/classIs|hasAttachments|requireConsequenceTest|setRefreshMonths/);
  });

  it('names kinds of information by their label and cuts long lists', () => {
    const words = Array.from({ length: 10 }, (_, i) => `kata${i}`);
    expect(ruleSentence({ keywordsAny: words }, [{ fastTrack: true }])).toBe(
      'Jika judul/isi memuat salah satu kata: kata0, kata1, kata2, kata3, kata4, kata5, kata6, kata7, dan 2 lainnya, jalankan jalur cepat serta merta'
    );
    const { DEFAULT_INFORMATION_KINDS } = require('../kinds');
    const k = DEFAULT_INFORMATION_KINDS[0];
    expect(ruleSentence({ kindIn: [k.code] }, [{ requireClass: k.class }])).toContain(k.label);
  });
});
