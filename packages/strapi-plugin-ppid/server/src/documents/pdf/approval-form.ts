/**
 * The "formulir persetujuan publikasi": the printable record of who initialled or signed an
 * item's publication, step by step, with a QR code leading to the verification page.
 */
import { loadPdfKit } from '../../core/lazy-libs';
import type { OnBehalfOf, SignatureKind, SignatureRecord, SignerCapacity } from '../../core/signature';
import {
  collectPdf,
  decorateBufferedPages,
  drawBanner,
  drawKop,
  drawSignerBlocks as drawSignerRows,
  drawTable,
  drawTitle,
  ensureSpace,
  FONT,
  formatJabatan,
  formatWaktu,
  kopOf,
  toWinAnsi,
  type KopBlock,
  usableWidth,
  type Doc,
  type TableCell,
  type TableColumn,
} from './layout';
import { renderQrPng } from './qr';
import { placeAndDate } from '../../core/calendar/tanggal';
import { DEFAULT_TIME_ZONE, zoneAbbreviation } from '../../core/calendar/zones';

export interface ApprovalFormSigner {
  nama: string;
  nip: string | null;
  jabatan: string;
}

/** One SOP step of the run; signer/kind/signedAt are null while the step has not been acted on. */
export interface ApprovalFormRow {
  no: number;
  /** The step's activity, short (e.g. "Koreksi dan paraf"). */
  activity: string;
  signer: ApprovalFormSigner | null;
  capacity?: SignerCapacity;
  onBehalfOf?: OnBehalfOf | null;
  kind: SignatureKind | null;
  /** ISO UTC. */
  signedAt: string | null;
  note?: string | null;
  /** Record hash; the form prints its first 12 hex. */
  hash?: string | null;
}

export interface ApprovalFormData {
  /** The kop (letterhead); without it the heading is built from instansi/unit/alamat. */
  kop?: KopBlock | null;
  /** "Samarinda, 1 Desember 2026", printed before the signatures. */
  placeDate?: string | null;
  instansi: string;
  unit?: string | null;
  alamat?: string | null;
  item: {
    judul: string;
    ringkasan?: string | null;
    klasifikasi?: string | null;
    versi?: number | null;
    contentHash?: string | null;
  };
  sop: { nama: string; nomor: string; versi?: string | null };
  rows: ApprovalFormRow[];
  /** False while the run is in progress: the form then carries the BELUM LENGKAP banner. */
  complete: boolean;
  /** Null before the first act is recorded: there is nothing to verify yet. */
  verification: { url: string; code: string } | null;
  /** Place for the signer blocks, e.g. "Bandung". */
  tempat?: string | null;
  printedAt?: Date;
  /** The run's zone, for every time printed (Asia/Jakarta = WIB by default). */
  timeZone?: string;
}

export const ACT_LABELS: Record<SignatureKind, string> = {
  paraf: 'Paraf',
  tanda_tangan: 'Tanda tangan',
  return: 'Dikembalikan',
  handover: 'Diserahkan',
  publish: 'Diterbitkan',
  submit: 'Diajukan',
  complete: 'Selesai',
  cancel: 'Dibatalkan',
  unpublish: 'Ditarik',
  decree: 'Ditetapkan',
  edit: 'Diubah',
  void: 'Gugur (konten berubah)',
  delete: 'Dihapus',
  config: 'Pengaturan diubah',
};

export const INCOMPLETE_BANNER = 'BELUM LENGKAP — proses masih berjalan';

/**
 * One row per SOP step from the run's records: the latest record of each step wins, so a
 * step returned and then approved again shows its final act. A committee step shows one row
 * per member who acted in its latest round (the members' acts recorded 'member_approved' and
 * the act that met the rule, 'approved').
 */
export function approvalRowsFromRecords(
  steps: { stepNumber: number; activity: string }[],
  records: SignatureRecord[]
): ApprovalFormRow[] {
  const byStep = new Map<number, SignatureRecord[]>();
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (r.stepNumber === null) continue;
    byStep.set(r.stepNumber, [...(byStep.get(r.stepNumber) ?? []), r]);
  }
  const row = (s: { stepNumber: number; activity: string }, r: SignatureRecord | undefined): ApprovalFormRow => ({
    no: s.stepNumber,
    activity: s.activity,
    signer: r ? { nama: r.signer.nama, nip: r.signer.nip, jabatan: r.signer.jabatan } : null,
    capacity: r?.capacity,
    onBehalfOf: r?.onBehalfOf ?? null,
    kind: r?.kind ?? null,
    signedAt: r?.signedAt ?? null,
    note: r?.note ?? null,
    hash: r?.hash ?? null,
  });
  return steps.flatMap((s) => {
    const recs = byStep.get(s.stepNumber) ?? [];
    const last = recs[recs.length - 1];
    if (!last) return [row(s, undefined)];
    // The latest committee round: trailing member acts, with the act that completed it.
    let i = recs.length - 1;
    if (last.decision === 'approved' && recs[i - 1]?.decision === 'member_approved') i--;
    if (recs[i]?.decision !== 'member_approved') return [row(s, last)];
    while (i > 0 && recs[i - 1]!.decision === 'member_approved') i--;
    return recs.slice(i).map((r) => row(s, r));
  });
}

const columns = (timeZone?: string): TableColumn[] => [
  { header: 'No', width: 20, align: 'center' },
  { header: 'Tahap', width: 84 },
  { header: 'Pejabat', width: 133 },
  { header: 'Tindakan', width: 55 },
  { header: `Waktu (${zoneAbbreviation(timeZone ?? DEFAULT_TIME_ZONE)})`, width: 84 },
  { header: 'Catatan', width: 78 },
  { header: 'Hash', width: 61 },
];

function rowCells(row: ApprovalFormRow, timeZone?: string): TableCell[] {
  const pejabat: TableCell = row.signer
    ? [
        { text: row.signer.nama, font: FONT.bold },
        ...(row.signer.nip ? [{ text: `NIP ${row.signer.nip}` }] : []),
        { text: formatJabatan(row.signer.jabatan, row.capacity, row.onBehalfOf ?? null).join('\n') },
      ]
    : [{ text: 'menunggu', font: FONT.italic, color: '#777777' }];
  return [
    String(row.no),
    row.activity,
    pejabat,
    row.kind ? ACT_LABELS[row.kind] : '',
    row.signedAt ? formatWaktu(row.signedAt, timeZone) : '',
    row.note ?? '',
    row.hash ? [{ text: row.hash.slice(0, 12), font: FONT.mono }] : '',
  ];
}

function drawHeading(doc: Doc, data: ApprovalFormData): void {
  drawKop(doc, kopOf(data));
  drawTitle(doc, ['FORMULIR PERSETUJUAN PUBLIKASI'], { size: 14 });
}

function drawItemBlock(doc: Doc, data: ApprovalFormData): void {
  const x = doc.page.margins.left;
  const labelWidth = 110;
  const valueWidth = usableWidth(doc) - labelWidth;
  const entries: [string, string | null | undefined, string?][] = [
    ['Judul informasi', data.item.judul],
    ['Ringkasan', data.item.ringkasan],
    ['Klasifikasi', data.item.klasifikasi],
    ['Versi', data.item.versi != null ? String(data.item.versi) : null],
    ['SOP', data.sop.versi ? `${data.sop.nama} (versi ${data.sop.versi})` : data.sop.nama],
    ['Nomor SOP', data.sop.nomor],
    ['Hash isi (SHA-256)', data.item.contentHash, FONT.mono],
  ];
  for (const [label, value, font] of entries) {
    if (!value) continue;
    const text = toWinAnsi(value);
    doc.font(font ?? FONT.regular).fontSize(font ? 7.5 : 9);
    const h = Math.max(doc.heightOfString(text, { width: valueWidth }), 11);
    const y = ensureSpace(doc, doc.y, h);
    doc.text(text, x + labelWidth, y, { width: valueWidth });
    doc.font(FONT.bold).fontSize(9).text(label, x, y, { width: labelWidth - 6 });
    doc.y = y + h + 2;
  }
  doc.moveDown(0.5);
}

function drawSignerBlocks(doc: Doc, data: ApprovalFormData): void {
  const signed = data.rows.filter((r) => r.signer && r.signedAt && (r.kind === 'paraf' || r.kind === 'tanda_tangan'));
  if (signed.length === 0) return;
  const blocks = signed.map((r) => ({
    label: `${r.no}. ${ACT_LABELS[r.kind!]}`,
    date: formatWaktu(r.signedAt!, data.timeZone),
    jabatan: r.signer!.jabatan,
    capacity: r.capacity,
    onBehalfOf: r.onBehalfOf ?? null,
    nama: r.signer!.nama,
    nip: r.signer!.nip,
    mark: `Ditandatangani secara elektronik\n${r.hash ? r.hash.slice(0, 12) : ''}`,
  }));
  drawSignerRows(doc, blocks, { heading: 'Paraf dan tanda tangan', placeDate: data.placeDate ?? null, perRow: 3 });
}

function drawVerification(doc: Doc, data: ApprovalFormData, qr: Buffer | null): void {
  if (!data.verification || !qr) {
    const y = ensureSpace(doc, doc.y + 6, 20);
    doc
      .font(FONT.italic)
      .fontSize(8)
      .fillColor('#444444')
      .text('Kode verifikasi tersedia setelah tindakan pertama dicatat.', doc.page.margins.left, y, { width: usableWidth(doc) });
    doc.fillColor('black');
    return;
  }
  const size = 90;
  const x = doc.page.margins.left;
  const y = ensureSpace(doc, doc.y + 6, size + 10);
  doc.image(qr, x, y, { width: size, height: size });
  const tx = x + size + 12;
  const tw = usableWidth(doc) - size - 12;
  doc.font(FONT.bold).fontSize(9).fillColor('black').text('Verifikasi formulir ini', tx, y + 4, { width: tw });
  doc.font(FONT.regular).fontSize(8).text('Pindai kode QR atau buka:', { width: tw });
  doc.font(FONT.mono).fontSize(7.5).text(toWinAnsi(data.verification.url), { width: tw });
  doc.font(FONT.regular).fontSize(8).text(`Kode verifikasi: `, { width: tw, continued: true });
  doc.font(FONT.bold).text(toWinAnsi(data.verification.code));
  doc
    .font(FONT.italic)
    .fontSize(7)
    .fillColor('#444444')
    .text(
      'Paraf dan tanda tangan pada formulir ini adalah tanda tangan elektronik tidak tersertifikasi yang dibuat ' +
        'oleh sistem PPID (UU ITE Pasal 11; PP 71/2019), diperiksa pada halaman verifikasi.',
      { width: tw }
    );
  doc.fillColor('black');
  doc.y = Math.max(doc.y, y + size) + 6;
}

/** Render the approval form as an A4 PDF. */
export async function renderApprovalForm(data: ApprovalFormData): Promise<Buffer> {
  const qr = data.verification ? await renderQrPng(data.verification.url) : null;
  const printedAt = data.printedAt ?? new Date();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 40, left: 40, right: 40, bottom: 50 },
    bufferPages: true,
    info: {
      Title: toWinAnsi(`Formulir persetujuan publikasi: ${data.item.judul}`),
      Author: toWinAnsi(data.instansi),
      Subject: toWinAnsi(`${data.sop.nomor} ${data.sop.nama}`),
      Creator: 'PPID',
      CreationDate: printedAt,
    },
  });
  const done = collectPdf(doc);

  drawHeading(doc, data);
  if (!data.complete) drawBanner(doc, INCOMPLETE_BANNER);
  drawItemBlock(doc, data);
  doc.y = drawTable(doc, columns(data.timeZone), data.rows.map((r) => rowCells(r, data.timeZone)), doc.y) + 8;
  drawSignerBlocks(doc, { ...data, placeDate: data.placeDate ?? placeAndDate(data.tempat, printedAt, data.timeZone) });
  drawVerification(doc, data, qr);
  // Footer on every page; the watermark while the run is not complete (layout.ts).
  decorateBufferedPages(
    doc,
    `${data.verification ? `Kode verifikasi ${data.verification.code} · ` : ''}dicetak ${formatWaktu(printedAt, data.timeZone)}`,
    data.complete ? null : 'BELUM LENGKAP'
  );
  doc.end();
  return done;
}
