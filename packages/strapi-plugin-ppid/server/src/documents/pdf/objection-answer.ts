/**
 * The Atasan PPID's written answer to an objection (tanggapan tertulis atas keberatan, UU 14/2008
 * Pasal 36 ayat 2): the objection, the decision (menguatkan / membatalkan the PPID's decision), the
 * reasons, what follows, the applicant's right to take the dispute to the Komisi Informasi within
 * 14 working days (Pasal 37 ayat 2), and the signer's block from the signature record. Rendered
 * once, when the signature is sealed, and stored: the applicant downloads that file.
 */
import { loadPdfKit } from '../../core/lazy-libs';
import type { SignerCapacity } from '../../core/signature';
import { OBJECTION_REASONS, ANSWER_DECISIONS, type AnswerDecision, type ObjectionReason } from '../../core/requests';
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
  kopOf,
  toWinAnsi,
  usableWidth,
  type Doc,
  type KopBlock,
  type TableCell,
} from './layout';

export interface ObjectionAnswerData {
  kop?: KopBlock | null;
  instansi: string;
  unit?: string | null;
  alamat?: string | null;
  timeZone?: string;
  objection: { number: string; receivedAt: string; reasons: string[]; statement: string };
  request: { number: string; receivedAt: string; applicantName: string; information: string };
  decision: AnswerDecision;
  reasons: string | null;
  followUp: string | null;
  /** From the signature record: who signed, when, in what capacity; never typed-in names. */
  signer: { nama: string; nip?: string | null; jabatan: string; capacity?: SignerCapacity; onBehalfOf?: { nama?: string; jabatan: string } | null };
  signedAt: string;
  verificationCode: string;
  /** "Samarinda, 8 Januari 2027". */
  placeDate: string;
  /** Pasal 37 ayat (2): the last moment to file with the Komisi Informasi. */
  komisiDeadline: string;
  printedAt?: Date;
}

function paragraph(doc: Doc, text: string, opts: { font?: string; size?: number } = {}): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const t = toWinAnsi(text);
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 10);
  const y = ensureSpace(doc, doc.y, Math.min(doc.heightOfString(t, { width }), 40));
  doc.text(t, x, y, { width, align: 'justify' });
  doc.moveDown(0.5);
}

const reasonText = (letter: string) =>
  Object.prototype.hasOwnProperty.call(OBJECTION_REASONS, letter) ? `huruf ${letter}: ${OBJECTION_REASONS[letter as ObjectionReason]}` : `huruf ${letter}`;

export async function renderObjectionAnswer(data: ObjectionAnswerData): Promise<Buffer> {
  const printedAt = data.printedAt ?? new Date();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 40, left: 55, right: 50, bottom: 50 },
    bufferPages: true,
    info: { Title: `Tanggapan Atas Keberatan ${data.objection.number}`, Author: toWinAnsi(data.instansi), Creator: 'PPID', CreationDate: printedAt },
  });
  const done = collectPdf(doc);
  drawKop(doc, kopOf(data));
  drawTitle(doc, ['TANGGAPAN TERTULIS ATASAN PPID ATAS KEBERATAN'], { gapAfter: 2 });
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  doc.font(FONT.regular).fontSize(9).text(toWinAnsi(`Nomor register keberatan: ${data.objection.number} (UU 14/2008 Pasal 36 ayat (2))`), x, doc.y, { width, align: 'center' });
  doc.moveDown(1);

  const rows: [string, TableCell][] = [
    ['Nomor register keberatan', data.objection.number],
    ['Tanggal keberatan diterima', formatWaktu(data.objection.receivedAt, data.timeZone)],
    ['Nomor pendaftaran permohonan', data.request.number],
    ['Tanggal permohonan', formatWaktu(data.request.receivedAt, data.timeZone)],
    ['Nama pemohon', data.request.applicantName],
    ['Informasi yang diminta', data.request.information],
    ['Alasan keberatan (Pasal 35 ayat (1))', data.objection.reasons.map((r) => ({ text: reasonText(r) }))],
    ['Kasus posisi', data.objection.statement],
  ];
  doc.y = drawTable(
    doc,
    [
      { header: 'No', width: 24, align: 'center' },
      { header: 'Uraian', width: 150 },
      { header: 'Keterangan', width: width - 174 },
    ],
    rows.map(([label, value], i) => [String(i + 1), [{ text: label, font: FONT.bold }], value]),
    doc.y,
    { fontSize: 9, padding: 4 }
  ) + 12;

  const label = ANSWER_DECISIONS[data.decision].toUpperCase();
  paragraph(doc, 'Setelah memeriksa keberatan tersebut, Atasan PPID memutuskan:');
  paragraph(doc, label, { font: FONT.bold, size: 11 });
  if (data.reasons) {
    paragraph(doc, data.decision === 'menguatkan' ? 'Alasan (Pasal 36 ayat (2)):' : 'Alasan:', { font: FONT.bold });
    paragraph(doc, data.reasons);
  }
  if (data.followUp) {
    paragraph(doc, 'Tindak lanjut:', { font: FONT.bold });
    paragraph(doc, data.followUp);
  }
  paragraph(
    doc,
    'Apabila Saudara tidak puas dengan tanggapan ini, Saudara dapat mengajukan penyelesaian sengketa informasi kepada Komisi Informasi ' +
      `paling lambat 14 (empat belas) hari kerja setelah menerima tanggapan tertulis ini (UU 14/2008 Pasal 37 ayat (2)), yaitu sampai ${formatWaktu(data.komisiDeadline, data.timeZone)}.`
  );

  drawSignerBlocks(
    doc,
    [
      {
        jabatan: data.signer.jabatan,
        capacity: data.signer.capacity ?? 'definitif',
        onBehalfOf: (data.signer.onBehalfOf as any) ?? null,
        nama: data.signer.nama,
        nip: data.signer.nip ?? null,
        mark: `Ditandatangani secara elektronik ${formatWaktu(data.signedAt, data.timeZone)} (kode ${data.verificationCode})`,
      },
    ],
    { placeDate: data.placeDate, fontSize: 9 }
  );
  const y = ensureSpace(doc, doc.y + 4, 40);
  doc.lineWidth(0.5).moveTo(x, y).lineTo(x + width, y).stroke('#999999');
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor('#444444')
    .text(
      toWinAnsi(
        `Kode verifikasi tanda tangan: ${data.verificationCode}. Catatan tanda tangan adalah tanda tangan elektronik tidak tersertifikasi ` +
          '(UU ITE Pasal 11; PP 71/2019), tersimpan dalam rantai catatan PPID dan dapat diperiksa melalui PPID.'
      ),
      x,
      y + 6,
      { width }
    );
  doc.fillColor('black');
  decorateBufferedPages(doc, `Tanggapan atas keberatan ${data.objection.number} · kode verifikasi ${data.verificationCode} · ${formatTanggal(data.signedAt, data.timeZone)}`);
  doc.end();
  return done;
}
