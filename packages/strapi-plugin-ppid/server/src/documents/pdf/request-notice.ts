/**
 * The applicant's documents of a request for information: the receipt (tanda bukti penerimaan,
 * UU 14/2008 Pasal 22 ayat 3-4) and the written notice (pemberitahuan tertulis, ayat 7) the PPID
 * signs. Both on the body's kop; the identity number is never printed in full (masked).
 */
import { loadPdfKit } from '../../core/lazy-libs';
import { PASAL_17_GROUNDS } from '../../core/classification/classes';
import { NOTICE_OUTCOME_LABEL, formatRupiah, type NoticeInput, type NoticeOutcome } from '../../core/requests/notice';
import type { OnBehalfOf, SignerCapacity } from '../../core/signature';
import {
  collectPdf,
  decorateBufferedPages,
  drawKop,
  drawSignerBlocks,
  drawTable,
  drawTitle,
  ensureSpace,
  FONT,
  formatTanggal,
  formatWaktu,
  toWinAnsi,
  usableWidth,
  type Doc,
  type KopBlock,
  type TableCell,
} from './layout';

/** "21 Desember 2026 pukul 09:00 WIB": the date as documents write it, with the clock time and zone. */
export function tanggalWaktu(iso: string | Date, timeZone: string): string {
  const [, time, zone] = formatWaktu(iso, timeZone).split(' ');
  return `${formatTanggal(iso, timeZone)} pukul ${time} ${zone}`;
}

export interface RequestDocHeader {
  kop: KopBlock;
  timeZone: string;
  number: string;
  receivedAt: string;
  dueAt: string;
  applicant: { type: string; name: string; maskedIdentity: string };
  information: string;
  purpose: string;
  obtainBy: string;
  deliverBy: string;
}

export interface ReceiptData extends RequestDocHeader {
  trackingUrl: string;
  extension?: { days: number; reasons: string; originalDueAt: string } | null;
  printedAt?: Date;
}

export interface NoticeData extends RequestDocHeader {
  /** Nomor surat (the body's letter series for notices), given at signing. */
  noticeNumber?: string | null;
  notice: NoticeInput;
  outcome: NoticeOutcome;
  consequenceTest?: { nomorKeputusan?: string | null; tanggalKeputusan?: string | null } | null;
  signer: { nama: string; nip?: string | null; jabatan: string; capacity: SignerCapacity; onBehalfOf?: OnBehalfOf | null } | null;
  signedAt: string;
  tempat: string | null;
  verification: { code: string; hash: string } | null;
  digest: string;
}

const TYPE_LABEL: Record<string, string> = { perorangan: 'Perorangan', kelompok: 'Kelompok orang', badan_hukum: 'Badan hukum' };
const OBTAIN_LABEL: Record<string, string> = {
  melihat: 'Melihat',
  membaca: 'Membaca',
  mendengarkan: 'Mendengarkan',
  mencatat: 'Mencatat',
  salinan_softcopy: 'Mendapatkan salinan (softcopy)',
  salinan_hardcopy: 'Mendapatkan salinan (hardcopy)',
};
const DELIVER_LABEL: Record<string, string> = { langsung: 'Mengambil langsung', pos: 'Pos', email: 'E-mail', faksimili: 'Faksimili', kurir: 'Kurir' };

function paragraph(doc: Doc, text: string, opts: { font?: string; size?: number } = {}): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const t = toWinAnsi(text);
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 10);
  const y = ensureSpace(doc, doc.y, Math.min(doc.heightOfString(t, { width }), 40));
  doc.text(t, x, y, { width, align: 'justify' });
  doc.moveDown(0.5);
}

function fields(doc: Doc, rows: [string, TableCell][]): void {
  const width = usableWidth(doc);
  doc.y =
    drawTable(
      doc,
      [
        { header: 'Uraian', width: 170 },
        { header: 'Keterangan', width: width - 170 },
      ],
      rows.map(([label, value]) => [[{ text: label, font: FONT.bold }], value]),
      doc.y,
      { fontSize: 9.5, padding: 4 }
    ) + 10;
}

function requestRows(d: RequestDocHeader): [string, TableCell][] {
  return [
    ['Nomor pendaftaran', [{ text: d.number, font: FONT.bold }]],
    ['Waktu permohonan diterima', tanggalWaktu(d.receivedAt, d.timeZone)],
    ['Nama pemohon', d.applicant.name],
    ['Jenis pemohon', TYPE_LABEL[d.applicant.type] ?? d.applicant.type],
    ['Nomor identitas (disamarkan)', d.applicant.maskedIdentity || '-'],
    ['Rincian informasi yang dimohon', d.information],
    ['Tujuan penggunaan informasi', d.purpose],
    ['Cara memperoleh informasi', OBTAIN_LABEL[d.obtainBy] ?? d.obtainBy],
    ['Cara mendapatkan salinan', DELIVER_LABEL[d.deliverBy] ?? d.deliverBy],
  ];
}

async function newDoc(title: string, author: string, printedAt: Date): Promise<Doc> {
  return new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 40, left: 55, right: 50, bottom: 50 },
    bufferPages: true,
    info: { Title: title, Author: toWinAnsi(author), Creator: 'PPID', CreationDate: printedAt },
  });
}

/** The receipt: the registration number is the proof of receipt (Pasal 22 ayat 4), with the notice's deadline. */
export async function renderRequestReceipt(d: ReceiptData): Promise<Buffer> {
  const printedAt = d.printedAt ?? new Date();
  const doc = await newDoc('Tanda Bukti Penerimaan Permohonan Informasi Publik', d.kop.lines.nama, printedAt);
  const done = collectPdf(doc);
  drawKop(doc, d.kop);
  drawTitle(doc, ['TANDA BUKTI PENERIMAAN', 'PERMOHONAN INFORMASI PUBLIK'], { gapAfter: 2 });
  doc.font(FONT.regular).fontSize(8.5).text('(UU 14/2008 Pasal 22 ayat (3) dan (4); Perki 1/2021)', doc.page.margins.left, doc.y, { width: usableWidth(doc), align: 'center' });
  doc.moveDown(1);
  paragraph(doc, `Permohonan informasi publik berikut telah diterima dan dicatat dalam register permohonan dengan nomor pendaftaran ${d.number}.`);
  const rows = requestRows(d);
  rows.push(['Batas waktu pemberitahuan tertulis', [{ text: tanggalWaktu(d.dueAt, d.timeZone), font: FONT.bold }, { text: 'paling lambat 10 hari kerja sejak permohonan diterima (Pasal 22 ayat 7)' }]]);
  if (d.extension) {
    rows.push(['Perpanjangan', `${d.extension.days} hari kerja (Pasal 22 ayat 8), dari ${tanggalWaktu(d.extension.originalDueAt, d.timeZone)}; alasan: ${d.extension.reasons}`]);
  }
  fields(doc, rows);
  paragraph(doc, 'Cara memantau permohonan: buka alamat berikut dengan nomor pendaftaran dan alamat e-mail yang Anda gunakan saat mengajukan permohonan:', { size: 9.5 });
  doc.font(FONT.mono).fontSize(8.5).text(toWinAnsi(d.trackingUrl), { width: usableWidth(doc) });
  doc.moveDown(0.6);
  paragraph(
    doc,
    'Bila pemberitahuan tertulis tidak Anda terima sampai batas waktu, atau permohonan ditolak, Anda dapat mengajukan keberatan kepada Atasan PPID ' +
      'paling lambat 30 hari kerja (UU 14/2008 Pasal 35 dan 36).',
    { size: 9 }
  );
  paragraph(doc, 'Tanda bukti ini diterbitkan secara elektronik oleh sistem layanan informasi dan sah tanpa tanda tangan.', { font: FONT.italic, size: 8.5 });
  decorateBufferedPages(doc, `Tanda bukti penerimaan ${d.number} · dicetak ${formatWaktu(printedAt, d.timeZone)}`);
  doc.end();
  return done;
}

function outcomeRows(d: NoticeData): [string, TableCell][] {
  const n = d.notice;
  const rows: [string, TableCell][] = [];
  rows.push(['Penguasaan informasi', n.held ? 'Informasi dikuasai badan publik ini' : `Informasi tidak dikuasai badan publik ini${n.holder ? `; informasi dikuasai oleh: ${n.holder}` : ''}`]);
  rows.push(['Keputusan', [{ text: NOTICE_OUTCOME_LABEL[d.outcome], font: FONT.bold }]]);
  if (n.hurufPasal17) {
    rows.push(['Dasar pengecualian', `Pasal 17 huruf ${n.hurufPasal17} UU 14/2008: ${PASAL_17_GROUNDS[n.hurufPasal17].id}`]);
  }
  if (n.reason) rows.push(['Alasan', n.reason]);
  if (n.consequenceTest) {
    const ct = d.consequenceTest;
    const ref = [ct?.nomorKeputusan ? `nomor ${ct.nomorKeputusan}` : null, ct?.tanggalKeputusan ? `tanggal ${formatTanggal(ct.tanggalKeputusan, d.timeZone)}` : null].filter(Boolean).join(', ');
    rows.push(['Uji konsekuensi (Pasal 19)', `Keputusan uji konsekuensi${ref ? ` ${ref}` : ''}`]);
  }
  if (n.redactions.length) {
    rows.push([
      'Bagian yang dihitamkan',
      n.redactions.map((r, i) => ({ text: `${i + 1}. ${r.part}: Pasal 17 huruf ${r.hurufPasal17}; ${r.reason}` })),
    ]);
  }
  if (n.format) rows.push(['Bentuk informasi', n.format]);
  if (n.held && n.decision !== 'ditolak') rows.push(['Cara penyampaian', DELIVER_LABEL[d.deliverBy] ?? d.deliverBy]);
  rows.push(['Biaya', formatRupiah(n.cost)]);
  if (n.payment) rows.push(['Cara pembayaran', n.payment]);
  if (n.note) rows.push(['Keterangan', n.note]);
  return rows;
}

/** The written notice as signed by the PPID: rendered once, when the signature is sealed, and stored. */
export async function renderWrittenNotice(d: NoticeData): Promise<Buffer> {
  const printedAt = new Date(d.signedAt);
  const doc = await newDoc('Pemberitahuan Tertulis', d.kop.lines.nama, printedAt);
  const done = collectPdf(doc);
  drawKop(doc, d.kop);
  drawTitle(doc, ['PEMBERITAHUAN TERTULIS'], { gapAfter: 2 });
  doc.font(FONT.regular).fontSize(8.5).text('(UU 14/2008 Pasal 22 ayat (7); Perki 1/2021)', doc.page.margins.left, doc.y, { width: usableWidth(doc), align: 'center' });
  if (d.noticeNumber) doc.font(FONT.regular).fontSize(10).text(`Nomor: ${d.noticeNumber}`, doc.page.margins.left, doc.y + 2, { width: usableWidth(doc), align: 'center' });
  doc.moveDown(1);
  paragraph(doc, `Berdasarkan permohonan informasi publik nomor pendaftaran ${d.number}, dengan ini kami sampaikan hal-hal sebagai berikut:`);
  fields(doc, requestRows(d));
  fields(doc, outcomeRows(d));
  if (d.outcome === 'ditolak' || d.outcome === 'diberikan_sebagian' || d.outcome === 'tidak_dikuasai') {
    paragraph(
      doc,
      'Apabila Anda keberatan atas keputusan ini, Anda dapat mengajukan keberatan kepada Atasan PPID paling lambat 30 hari kerja sejak ' +
        'pemberitahuan ini diterima (UU 14/2008 Pasal 35 dan 36).',
      { size: 9 }
    );
  }
  if (d.signer) {
    drawSignerBlocks(
      doc,
      [
        {
          jabatan: d.signer.jabatan,
          capacity: d.signer.capacity,
          onBehalfOf: d.signer.onBehalfOf ?? null,
          nama: d.signer.nama,
          nip: d.signer.nip ?? null,
          mark: `Ditandatangani secara elektronik ${formatWaktu(d.signedAt, d.timeZone)}`,
        },
      ],
      { placeDate: `${d.tempat ? `${d.tempat}, ` : ''}${formatTanggal(d.signedAt, d.timeZone)}`, fontSize: 9 }
    );
  }
  if (d.verification) {
    const x = doc.page.margins.left;
    const width = usableWidth(doc);
    const y = ensureSpace(doc, doc.y + 4, 50);
    doc.lineWidth(0.5).moveTo(x, y).lineTo(x + width, y).stroke('#999999');
    doc.y = y + 6;
    doc.font(FONT.regular).fontSize(8.5).fillColor('black').text('Kode verifikasi: ', x, doc.y, { width, continued: true });
    doc.font(FONT.bold).text(toWinAnsi(d.verification.code));
    doc.font(FONT.regular).fontSize(8).text('Hash catatan tanda tangan (SHA-256): ', { width, continued: true });
    doc.font(FONT.mono).fontSize(7.5).text(d.verification.hash);
    doc.font(FONT.regular).fontSize(8).text('Hash isi pemberitahuan (SHA-256): ', { width, continued: true });
    doc.font(FONT.mono).fontSize(7.5).text(d.digest);
    doc
      .font(FONT.italic)
      .fontSize(7.5)
      .fillColor('#444444')
      .text('Tanda tangan elektronik tidak tersertifikasi (UU ITE Pasal 11; PP 71/2019); kode dapat diperiksa kepada PPID.', { width });
    doc.fillColor('black');
  }
  decorateBufferedPages(doc, `Pemberitahuan tertulis ${d.noticeNumber ? `${d.noticeNumber} · ` : ''}${d.number}${d.verification ? ` · kode verifikasi ${d.verification.code}` : ''}`);
  doc.end();
  return done;
}
