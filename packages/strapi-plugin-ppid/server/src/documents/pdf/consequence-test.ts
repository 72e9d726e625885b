/**
 * The "Berita Acara / Keputusan Uji Konsekuensi" (PP 61/2010; Perki 1/2021 Pasal 49): every
 * element of a consequence test, the deciding officials' signer blocks and the verification
 * code of the decision record. The document describes EXCLUDED information: it is an internal
 * document, never public, so it carries no QR code to the public verification page (which
 * answers 404 for these records); the code is checked by the PPID on the admin Verification page.
 */
import { loadPdfKit } from '../../core/lazy-libs';
import { PASAL_17_GROUNDS, PASAL_17_LETTERS, type Pasal17Letter } from '../../core/classification/classes';
import { exclusionPeriodText } from '../../core/classification/exclusion';
import {
  collectPdf,
  decorateBufferedPages,
  drawBanner,
  drawKop,
  drawSignerBlocks,
  drawTable,
  drawTitle,
  ensureSpace,
  FONT,
  formatTanggal,
  formatWaktu,
  kopOf,
  toWinAnsi,
  type KopBlock,
  usableWidth,
  type Doc,
  type TableCell,
} from './layout';

export interface ConsequenceTestDecisionData {
  /** The kop (letterhead); without it the heading is built from instansi/unit/alamat. */
  kop?: KopBlock | null;
  instansi: string;
  unit?: string | null;
  alamat?: string | null;
  status: 'draft' | 'decided';
  /** The excluded item the test is about (internal reference). */
  item?: { uid: string; documentId: string; title?: string | null } | null;
  informasi?: string | null;
  badanPublik?: string | null;
  /** The test's own unit (unit kerja that holds the information). */
  unitKerja?: string | null;
  dasarHukum?: { undangUndang?: string | null; pasal?: string | null; hurufPasal17?: string | null } | null;
  konsekuensiJikaDibuka?: string | null;
  konsekuensiJikaDitutup?: string | null;
  pertimbanganKepentinganPublik?: string | null;
  /** Last day of the exclusion; null = unlimited (letters g-j only). */
  masaPengecualianBerakhir?: string | null;
  /**
   * The officials who signed in the test's run (its signature records), with the SOP role they
   * signed as; never typed-in names. Only these get a signer block.
   */
  pejabatPemutus?: { nama: string; nip?: string | null; jabatan: string; peran?: string | null; act?: string | null; kind?: string | null; signedAt?: string | null; verificationCode?: string | null }[] | null;
  /** SOP roles that have not signed yet: blank blocks. */
  belumMenandatangani?: { peran: string }[] | null;
  nomorKeputusan?: string | null;
  cakupan?: 'seluruh' | 'sebagian' | null;
  bagianDikecualikan?: { kolom: string; kutipan?: string | null; hurufPasal17: string; alasan?: string | null; uraian?: string | null }[] | null;
  tempatKeputusan?: string | null;
  /** YYYY-MM-DD. */
  tanggalKeputusan?: string | null;
  /** ISO UTC, when the decision was recorded. */
  decidedAt?: string | null;
  /** Who recorded the decision in the system (the signature record's signer). */
  recordedBy?: { nama: string; nip?: string | null; jabatan: string } | null;
  /** The decision record; null while draft. */
  verification: { code: string; hash: string } | null;
  printedAt?: Date;
  /** The body's zone (or its unit's), for the times printed; WIB by default. */
  timeZone?: string;
}

export const UNDECIDED_BANNER = 'BELUM DIPUTUSKAN — draf uji konsekuensi';

const isLetter = (x: unknown): x is Pasal17Letter => typeof x === 'string' && (PASAL_17_LETTERS as readonly string[]).includes(x);
const blank = (s: string | null | undefined) => !s || !String(s).trim();
const orDash = (s: string | null | undefined) => (blank(s) ? '—' : String(s));

/** "Pasal 17 huruf c UU 14/2008: membahayakan pertahanan dan keamanan negara". */
export function legalBasisText(d: ConsequenceTestDecisionData['dasarHukum']): string {
  if (!d) return '—';
  const letter = d.hurufPasal17 ?? null;
  const parts = [d.pasal || 'Pasal 17', letter ? `huruf ${letter}` : null, d.undangUndang || null].filter(Boolean).join(' ');
  return isLetter(letter) ? `${parts}: ${PASAL_17_GROUNDS[letter].id}` : parts;
}

/** "sampai 31 Desember 2030", or "tanpa tanggal berakhir" for letters g-j (core/classification/exclusion.ts). */
export { exclusionPeriodText };

function drawHeading(doc: Doc, data: ConsequenceTestDecisionData): void {
  drawKop(doc, kopOf(data));
  drawTitle(doc, ['BERITA ACARA / KEPUTUSAN UJI KONSEKUENSI'], { gapAfter: 2 });
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  doc.font(FONT.regular).fontSize(8.5).text('(UU 14/2008 Pasal 2 ayat (4) dan Pasal 17; PP 61/2010; Perki 1/2021 Pasal 49)', x, doc.y, { width, align: 'center' });
  doc
    .font(FONT.bold)
    .fontSize(8)
    .fillColor('#c62828')
    .text('DOKUMEN INTERNAL PPID — memuat uraian informasi yang dikecualikan, tidak untuk dipublikasikan', { width, align: 'center' });
  doc.fillColor('black');
  doc.moveDown(0.8);
}

function paragraph(doc: Doc, text: string, opts: { font?: string; size?: number } = {}): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const t = toWinAnsi(text);
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 9.5);
  const y = ensureSpace(doc, doc.y, Math.min(doc.heightOfString(t, { width }), 40));
  doc.text(t, x, y, { width, align: 'justify' });
  doc.moveDown(0.5);
}

function drawFields(doc: Doc, data: ConsequenceTestDecisionData): void {
  const d = data.dasarHukum ?? {};
  const pejabat = data.pejabatPemutus ?? [];
  const rows: [string, TableCell][] = [
    ['Informasi yang diuji (uraian)', orDash(data.informasi)],
    ['Badan publik', orDash(data.badanPublik)],
    ['Unit / satuan kerja', orDash(data.unitKerja)],
    ['Dasar hukum: undang-undang', orDash(d.undangUndang)],
    ['Dasar hukum: pasal', orDash(d.pasal)],
    [
      'Huruf Pasal 17 UU 14/2008',
      isLetter(d.hurufPasal17)
        ? [{ text: `huruf ${d.hurufPasal17}`, font: FONT.bold }, { text: PASAL_17_GROUNDS[d.hurufPasal17].id }]
        : orDash(d.hurufPasal17),
    ],
    ['Konsekuensi jika dibuka', orDash(data.konsekuensiJikaDibuka)],
    ['Konsekuensi jika ditutup', orDash(data.konsekuensiJikaDitutup)],
    ['Pertimbangan kepentingan publik', orDash(data.pertimbanganKepentinganPublik)],
    [
      'Cakupan pengecualian',
      data.cakupan === 'sebagian'
        ? [
            { text: 'Sebagian; bagian lain tetap informasi publik dan ditampilkan dengan bagian ini dihitamkan:', font: FONT.bold },
            ...(data.bagianDikecualikan ?? []).map((b, i) => ({
              text: `${i + 1}. kolom "${b.kolom}"${b.kutipan ? `, kutipan "${b.kutipan}"` : ' (seluruh kolom)'}: Pasal 17 huruf ${b.hurufPasal17}${b.alasan ? `; ${b.alasan}` : ''}`,
            })),
          ]
        : 'Seluruh informasi',
    ],
    ['Jangka waktu pengecualian (ditetapkan Atasan PPID)', exclusionPeriodText(data.masaPengecualianBerakhir, d.hurufPasal17)],
    [
      'Pejabat yang menandatangani (dari catatan tanda tangan)',
      pejabat.length
        ? pejabat.map((p, i) => ({ text: `${i + 1}. ${p.nama}${p.nip ? `, NIP ${p.nip}` : ''}, ${p.jabatan}${p.peran ? ` (${p.peran})` : ''}` }))
        : 'belum ada yang menandatangani',
    ],
    ['Nomor keputusan', orDash(data.nomorKeputusan)],
    ['Tempat keputusan', orDash(data.tempatKeputusan)],
    ['Tanggal keputusan', data.tanggalKeputusan ? formatTanggal(data.tanggalKeputusan) : '—'],
  ];
  if (data.item) rows.push(['Rujukan item (internal)', [{ text: `${data.item.title ? `${data.item.title}\n` : ''}${data.item.uid} ${data.item.documentId}`, size: 7.5 }]]);
  const width = usableWidth(doc);
  doc.y = drawTable(
    doc,
    [
      { header: 'No', width: 24, align: 'center' },
      { header: 'Unsur', width: 140 },
      { header: 'Uraian', width: width - 164 },
    ],
    rows.map(([label, value], i) => [String(i + 1), [{ text: label, font: FONT.bold }], value]),
    doc.y,
    { fontSize: 9, padding: 4 }
  ) + 10;
}

function drawConclusion(doc: Doc, data: ConsequenceTestDecisionData): void {
  const basis = legalBasisText(data.dasarHukum);
  const masa = exclusionPeriodText(data.masaPengecualianBerakhir, data.dasarHukum?.hurufPasal17);
  if (data.status === 'decided' && data.cakupan === 'sebagian') {
    paragraph(
      doc,
      `Berdasarkan uji konsekuensi di atas, BAGIAN informasi yang tercantum DITETAPKAN SEBAGAI INFORMASI YANG DIKECUALIKAN berdasarkan ${basis}, ` +
        `dengan jangka waktu pengecualian ${masa}. Bagian lainnya tetap informasi publik; versi publiknya menampilkan bagian yang dikecualikan dalam keadaan dihitamkan.`
    );
  } else if (data.status === 'decided') {
    paragraph(
      doc,
      `Berdasarkan uji konsekuensi di atas, informasi tersebut DITETAPKAN SEBAGAI INFORMASI YANG DIKECUALIKAN berdasarkan ${basis}, ` +
        `dengan jangka waktu pengecualian ${masa}. Informasi ini tidak dapat dipublikasikan dan harus diuji kembali ketika jangka waktu pengecualiannya berakhir.`
    );
  } else {
    paragraph(
      doc,
      `Uji konsekuensi ini BELUM DIPUTUSKAN. Usulan dasar hukum: ${basis}; usulan masa pengecualian: ${masa}. ` +
        'Dokumen ini bukan keputusan dan tidak dapat dijadikan dasar pengecualian.'
    );
  }
}

/** Who signed, and as what: the PPID decides (Pasal 19), the Atasan PPID sets the period. */
const ACT_MARK: Record<string, string> = {
  decide: 'Memutuskan uji konsekuensi',
  establish: 'Menetapkan jangka waktu pengecualian',
  review_paraf: 'Paraf',
  review_signature: 'Menandatangani',
};

function drawSigners(doc: Doc, data: ConsequenceTestDecisionData): void {
  // Only officials who actually signed (their records): nobody is printed as deciding who did not act.
  const pejabat = data.pejabatPemutus ?? [];
  const pending = data.status === 'decided' ? [] : data.belumMenandatangani ?? [];
  if (!pejabat.length && !pending.length) return;
  const decided = data.status === 'decided';
  const tempat = data.tempatKeputusan || '....................';
  const tanggal = data.tanggalKeputusan ? formatTanggal(data.tanggalKeputusan) : '....................';
  drawSignerBlocks(
    doc,
    pejabat.map((p) => ({
      jabatan: p.peran ? `${p.jabatan}\n(${p.peran})` : p.jabatan,
      nama: p.nama,
      nip: p.nip || null,
      mark: [
        (p.act && ACT_MARK[p.act]) || (p.kind === 'paraf' ? 'Paraf' : 'Menandatangani'),
        `; ditandatangani secara elektronik${p.signedAt ? ` ${formatWaktu(p.signedAt, data.timeZone)}` : ''}`,
        p.verificationCode ? ` (kode ${p.verificationCode})` : '',
        decided ? '' : '; keputusan belum berlaku',
      ].join(''),
    })).concat(pending.map((p) => ({ jabatan: p.peran, nama: '....................', nip: null, mark: '(belum ditandatangani)' }))),
    { heading: decided ? 'Pejabat yang menandatangani' : 'Tanda tangan sejauh ini (belum berlaku)', placeDate: `${tempat}, ${tanggal}`, perRow: 3, fontSize: 9 }
  );
}

function drawVerification(doc: Doc, data: ConsequenceTestDecisionData): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const y = ensureSpace(doc, doc.y + 4, 70);
  doc.lineWidth(0.5).moveTo(x, y).lineTo(x + width, y).stroke('#999999');
  doc.y = y + 6;
  if (!data.verification) {
    doc
      .font(FONT.italic)
      .fontSize(8)
      .fillColor('#444444')
      .text('Kode verifikasi diberikan ketika uji konsekuensi diputuskan.', x, doc.y, { width });
    doc.fillColor('black');
    return;
  }
  doc.font(FONT.bold).fontSize(9).fillColor('black').text('Verifikasi keputusan ini', x, doc.y, { width });
  doc.font(FONT.regular).fontSize(8.5).text('Kode verifikasi: ', { width, continued: true });
  doc.font(FONT.bold).text(toWinAnsi(data.verification.code));
  doc.font(FONT.regular).fontSize(8).text('Hash catatan (SHA-256): ', { width, continued: true });
  doc.font(FONT.mono).fontSize(7.5).text(data.verification.hash);
  if (data.recordedBy || data.decidedAt) {
    const who = data.recordedBy ? `${data.recordedBy.nama}${data.recordedBy.nip ? `, NIP ${data.recordedBy.nip}` : ''}, ${data.recordedBy.jabatan}` : '';
    doc
      .font(FONT.regular)
      .fontSize(8)
      .text(
        toWinAnsi(
          data.recordedBy
            ? `Dicatat oleh: ${who}${data.decidedAt ? ` pada ${formatWaktu(data.decidedAt, data.timeZone)}` : ''}`
            : `Dicatat pada: ${formatWaktu(data.decidedAt!, data.timeZone)}`
        ),
        { width }
      );
  }
  doc
    .font(FONT.italic)
    .fontSize(7.5)
    .fillColor('#444444')
    .text(
      'Verifikasi melalui PPID: karena menyangkut informasi yang dikecualikan, keputusan ini tidak ditampilkan pada halaman ' +
        'verifikasi publik. PPID memeriksa kode ini pada halaman Verifikasi panel admin (POST /ppid/verify). ' +
        'Catatan keputusan adalah tanda tangan elektronik tidak tersertifikasi (UU ITE Pasal 11; PP 71/2019).',
      { width }
    );
  doc.fillColor('black');
}

/** Render the consequence-test decision as an A4 portrait PDF. */
export async function renderConsequenceTestDecision(data: ConsequenceTestDecisionData): Promise<Buffer> {
  const printedAt = data.printedAt ?? new Date();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 40, left: 50, right: 45, bottom: 50 },
    bufferPages: true,
    info: {
      Title: 'Berita Acara / Keputusan Uji Konsekuensi',
      Author: toWinAnsi(data.instansi),
      Creator: 'PPID',
      CreationDate: printedAt,
    },
  });
  const done = collectPdf(doc);
  drawHeading(doc, data);
  const decided = data.status === 'decided';
  if (!decided) drawBanner(doc, UNDECIDED_BANNER);
  const tempat = data.tempatKeputusan || '....................';
  const tanggal = data.tanggalKeputusan ? formatTanggal(data.tanggalKeputusan) : '....................';
  paragraph(
    doc,
    `Pada tanggal ${tanggal}, bertempat di ${tempat}, pejabat yang bertanda tangan di bawah ini ${decided ? 'telah melakukan' : 'melakukan'} ` +
      'uji konsekuensi atas informasi sebagai berikut:'
  );
  drawFields(doc, data);
  drawConclusion(doc, data);
  drawSigners(doc, data);
  drawVerification(doc, data);
  decorateBufferedPages(
    doc,
    `Uji konsekuensi · ${decided && data.verification ? `kode verifikasi ${data.verification.code}` : 'BELUM DIPUTUSKAN'} · dicetak ${formatWaktu(printedAt, data.timeZone)}`,
    decided ? null : 'BELUM DIPUTUSKAN'
  );
  doc.end();
  return done;
}
