/**
 * The objection form as filed (formulir keberatan, with its tanda bukti penerimaan keberatan),
 * the fields of the Perki 1/2021 form: A. the objection's register number, the request's
 * registration number, the purpose, the applicant (and the proxy, when there is one); B. the
 * reasons (UU 14/2008 Pasal 35 ayat 1 huruf a-g, each ticked or not); C. the case (kasus
 * posisi); D. the date the answer is due (Pasal 36 ayat 2). Drawn from the stored objection on
 * the body's kop; the identity number is masked, the phone too (the form is downloaded over the
 * internet with the e-mail as the only key).
 */
import { loadPdfKit } from '../../core/lazy-libs';
import { OBJECTION_REASONS } from '../../core/requests/objection';
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
import { tanggalWaktu } from './request-notice';

export interface ObjectionFormData {
  kop: KopBlock;
  timeZone: string;
  /** Nomor registrasi keberatan. */
  number: string;
  receivedAt: string;
  /** Pasal 36 ayat (2): the Atasan PPID's written answer is due. */
  dueAt: string;
  request: { number: string; purpose: string; information: string };
  applicant: { type: string; name: string; address: string; maskedIdentity: string; maskedPhone: string | null };
  /** The proxy (kuasa pemohon), when the product records one; printed "-" otherwise. */
  proxy?: { name: string; address: string; phone: string | null } | null;
  reasons: string[];
  statement: string;
  tempat?: string | null;
  printedAt?: Date;
}

const TYPE_LABEL: Record<string, string> = { perorangan: 'Perorangan', kelompok: 'Kelompok orang', badan_hukum: 'Badan hukum' };

function paragraph(doc: Doc, text: string, opts: { font?: string; size?: number } = {}): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const t = toWinAnsi(text);
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 9.5);
  const y = ensureSpace(doc, doc.y, Math.min(doc.heightOfString(t, { width }), 40));
  doc.text(t, x, y, { width, align: 'justify' });
  doc.moveDown(0.4);
}

function heading(doc: Doc, text: string): void {
  const y = ensureSpace(doc, doc.y, 40);
  doc.font(FONT.bold).fontSize(10).text(toWinAnsi(text), doc.page.margins.left, y, { width: usableWidth(doc) });
  doc.moveDown(0.2);
}

function fields(doc: Doc, rows: [string, TableCell][]): void {
  const width = usableWidth(doc);
  doc.y =
    drawTable(
      doc,
      [
        { header: 'Uraian', width: 190 },
        { header: 'Keterangan', width: width - 190 },
      ],
      rows.map(([label, value]) => [[{ text: label, font: FONT.bold }], value]),
      doc.y,
      { fontSize: 9, padding: 3 }
    ) + 8;
}

/** The form the applicant filed, rendered on demand from what is stored (never signed: a receipt). */
export async function renderObjectionForm(d: ObjectionFormData): Promise<Buffer> {
  const printedAt = d.printedAt ?? new Date();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 40, left: 55, right: 50, bottom: 50 },
    bufferPages: true,
    info: { Title: 'Formulir Keberatan atas Permohonan Informasi Publik', Author: toWinAnsi(d.kop.lines.nama), Creator: 'PPID', CreationDate: printedAt },
  });
  const done = collectPdf(doc);
  drawKop(doc, d.kop);
  drawTitle(doc, ['FORMULIR KEBERATAN', 'ATAS PERMOHONAN INFORMASI PUBLIK'], { gapAfter: 2 });
  doc.font(FONT.regular).fontSize(8.5).text('(UU 14/2008 Pasal 35 dan 36; Perki 1/2021)', doc.page.margins.left, doc.y, { width: usableWidth(doc), align: 'center' });
  doc.moveDown(0.6);

  heading(doc, 'A. Informasi Pengaju Keberatan');
  const proxy = d.proxy ?? null;
  fields(doc, [
    ['Nomor registrasi keberatan', [{ text: d.number, font: FONT.bold }]],
    ['Waktu keberatan diterima', tanggalWaktu(d.receivedAt, d.timeZone)],
    ['Nomor pendaftaran permohonan informasi', d.request.number],
    ['Informasi yang dimohon', d.request.information],
    ['Tujuan penggunaan informasi', d.request.purpose],
    ['Identitas pemohon: nama', d.applicant.name],
    ['Jenis pemohon', TYPE_LABEL[d.applicant.type] ?? d.applicant.type],
    ['Alamat', d.applicant.address],
    ['Nomor identitas (disamarkan)', d.applicant.maskedIdentity || '-'],
    ['Nomor telepon (disamarkan)', d.applicant.maskedPhone || '-'],
    // One line when there is no proxy, so that the form and its signatures fit one page.
    ...((proxy
      ? [
          ['Identitas kuasa pemohon: nama', proxy.name],
          ['Alamat kuasa pemohon', proxy.address || '-'],
          ['Nomor telepon kuasa pemohon', proxy.phone || '-'],
        ]
      : [['Kuasa pemohon (nama, alamat, telepon)', '-']]) as [string, TableCell][]),
  ]);

  heading(doc, 'B. Alasan Pengajuan Keberatan (UU 14/2008 Pasal 35 ayat 1)');
  const width = usableWidth(doc);
  doc.y =
    drawTable(
      doc,
      [
        { header: 'Dipilih', width: 50, align: 'center' },
        { header: 'Huruf', width: 40, align: 'center' },
        { header: 'Alasan', width: width - 90 },
      ],
      Object.entries(OBJECTION_REASONS).map(([letter, text]) => {
        const chosen = d.reasons.includes(letter);
        return [chosen ? [{ text: 'X', font: FONT.bold }] : '', letter, chosen ? [{ text, font: FONT.bold }] : text];
      }),
      doc.y,
      { fontSize: 9, padding: 3 }
    ) + 8;

  heading(doc, 'C. Kasus Posisi');
  paragraph(doc, d.statement);

  heading(doc, 'D. Hari/Tanggal Tanggapan atas Keberatan akan Diberikan');
  paragraph(
    doc,
    `Paling lambat ${tanggalWaktu(d.dueAt, d.timeZone)}: Atasan PPID memberikan tanggapan tertulis paling lambat 30 hari kerja sejak keberatan diterima (UU 14/2008 Pasal 36 ayat 2).`
  );
  paragraph(
    doc,
    'Keberatan ini telah diterima dan dicatat dalam register keberatan. Bila tanggapan Atasan PPID tidak memuaskan atau tidak diberikan dalam waktu tersebut, ' +
      'pemohon dapat mengajukan penyelesaian sengketa informasi publik kepada Komisi Informasi paling lambat 14 hari kerja (UU 14/2008 Pasal 37 ayat 2).',
    { size: 8.5 }
  );
  drawSignerBlocks(
    doc,
    [
      { label: 'Mengetahui', jabatan: 'Petugas Informasi (Penerima Keberatan)', nama: 'Sistem layanan informasi', mark: 'Diterima secara elektronik' },
      { label: 'Pengaju keberatan', jabatan: 'Pemohon', nama: d.applicant.name, mark: 'Diajukan secara elektronik' },
    ],
    { perRow: 2, fontSize: 8.5, placeDate: `${d.tempat ? `${d.tempat}, ` : ''}${formatTanggal(d.receivedAt, d.timeZone)}` }
  );
  doc.moveDown(0.3);
  paragraph(doc, 'Formulir ini sekaligus tanda bukti penerimaan keberatan; diterbitkan secara elektronik oleh sistem layanan informasi dan sah tanpa tanda tangan.', {
    font: FONT.italic,
    size: 8.5,
  });
  decorateBufferedPages(doc, `Formulir keberatan ${d.number} · permohonan ${d.request.number} · dicetak ${formatWaktu(printedAt, d.timeZone)}`);
  doc.end();
  return done;
}
