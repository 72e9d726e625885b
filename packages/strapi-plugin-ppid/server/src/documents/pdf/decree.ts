/**
 * The Surat Keputusan (SK) establishing a Daftar Informasi Publik edition: heading, title,
 * Menimbang / Mengingat / MEMUTUSKAN with three diktum, "Ditetapkan di … pada tanggal …", the
 * signer block and a QR code to the verification page of the signing record. The entries are
 * not repeated: the Lampiran is the DIP export of the same edition (pdf/exports), referred to
 * by its number of entries and its address.
 */
import { loadPdfKit } from '../../core/lazy-libs';
import type { OnBehalfOf, SignerCapacity } from '../../core/signature';
import {
  collectPdf,
  decorateBufferedPages,
  drawBanner,
  drawKop,
  drawSignerBlock,
  drawTitle as drawTitleLines,
  ensureSpace,
  FONT,
  formatTanggal,
  kopOf,
  measureSignerBlock,
  toWinAnsi,
  type KopBlock,
  usableWidth,
  type Doc,
} from './layout';
import { renderQrPng } from './qr';

export interface DecreeData {
  /** The kop (letterhead); without it the heading is built from instansi/unit/alamat. */
  kop?: KopBlock | null;
  instansi: string;
  unit?: string | null;
  alamat?: string | null;
  year: number;
  /** Null while the edition is not established: the document is then a DRAF with blanks. */
  decreeNumber: string | null;
  /** YYYY-MM-DD, the signing date on the body's local calendar (WIB, WITA or WIT). */
  decreeDate: string | null;
  /** "Ditetapkan di …". */
  ditetapkanDi?: string | null;
  /** The office in whose name the decree is issued (title line): e.g. "Sekretaris Daerah selaku Atasan PPID". */
  jabatanPenetap: string;
  signer: {
    nama: string;
    nip: string | null;
    jabatan: string;
    capacity?: SignerCapacity | null;
    onBehalfOf?: OnBehalfOf | null;
  } | null;
  /** Who establishes (the SOP's establish step): the PPID (default) or the Atasan PPID; picks the default Menimbang. */
  penetap?: 'ppid' | 'atasan-ppid';
  /** Considerations ("bahwa …"); defaults to DEFAULT_MENIMBANG (DEFAULT_MENIMBANG_ATASAN when penetap is the Atasan PPID). `{jabatan}`, `{tahun}` and `{instansi}` are filled in. */
  menimbang?: string[] | null;
  /** Legal basis; defaults to DEFAULT_MENGINGAT. */
  mengingat?: string[] | null;
  /** Number of entries in the Lampiran (the DIP export). */
  entryCount: number;
  /** Address of the Lampiran (the edition's DIP export), printed under the Lampiran note. */
  lampiranUrl?: string | null;
  /** Verification of the signing record; null for a draft. */
  verification: { url: string; code: string } | null;
  printedAt?: Date;
}

const MENIMBANG_A =
  'bahwa berdasarkan Pasal 11 ayat (1) huruf a Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, setiap Badan Publik wajib menyediakan daftar seluruh informasi publik yang berada di bawah penguasaannya, tidak termasuk informasi yang dikecualikan;';
const MENIMBANG_C =
  'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan {jabatan} tentang Penetapan Daftar Informasi Publik Tahun {tahun};';

/**
 * Considerations when the PPID establishes the DIP, as Perki 1/2021 (Standar Layanan Informasi
 * Publik) has it: the PPID sets up and updates the DIP. (The earlier text said the head of the
 * body establishes it, which the Perki does not say.)
 *
 * Interpretation (checked for issue #16): the considerans names the Perki as a whole, not an
 * article. The Perki's own text was not at hand to verify which article has the PPID establish
 * the DIP, and a wrong article in a signed decree is worse than none; UU 14/2008 Pasal 11 ayat
 * (1) huruf a (huruf a above) is the article the obligation itself rests on. A body that cites
 * the Perki's article (or its own regulation) replaces the list with `decreeMenimbang`.
 */
export const DEFAULT_MENIMBANG = [
  MENIMBANG_A,
  'bahwa sesuai Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik, Daftar Informasi Publik ditetapkan oleh Pejabat Pengelola Informasi dan Dokumentasi dan dimutakhirkan secara berkala;',
  MENIMBANG_C,
];

/**
 * Where the body's own SOP has the Atasan PPID establish it (seed 002): the PPID still draws it
 * up under the Perki, and the establishment by the Atasan PPID rests on the body's procedure,
 * not on the Perki.
 */
export const DEFAULT_MENIMBANG_ATASAN = [
  MENIMBANG_A,
  'bahwa Daftar Informasi Publik disusun dan dimutakhirkan secara berkala oleh Pejabat Pengelola Informasi dan Dokumentasi sesuai Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik, dan menurut prosedur penetapan Daftar Informasi Publik di lingkungan {instansi} ditetapkan oleh {jabatan} selaku Atasan Pejabat Pengelola Informasi dan Dokumentasi;',
  MENIMBANG_C,
];

export const DEFAULT_MENGINGAT = [
  'Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;',
  'Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;',
  'Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;',
];

export const DECREE_DRAFT_BANNER = 'DRAF — belum ditetapkan';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIKTUM = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA'];
const SIZE = 10.5;

function fill(template: string, data: DecreeData): string {
  return template.replace(/\{jabatan\}/g, data.jabatanPenetap).replace(/\{tahun\}/g, String(data.year)).replace(/\{instansi\}/g, data.instansi);
}

function drawTitle(doc: Doc, data: DecreeData): void {
  drawTitleLines(
    doc,
    [
      `KEPUTUSAN ${data.jabatanPenetap.toUpperCase()}`,
      `NOMOR ${data.decreeNumber ?? '.................................'}`,
      '',
      'TENTANG',
      '',
      `PENETAPAN DAFTAR INFORMASI PUBLIK TAHUN ${data.year}`,
      '',
      `${data.jabatanPenetap.toUpperCase()},`,
    ],
    { size: 11, gapAfter: 12 }
  );
}

const LABEL_W = 78;
const COLON_W = 10;
const MARKER_W = 18;

/**
 * A labelled part of the decree ("Menimbang : a. bahwa …"): the label and colon on the first
 * line, the items (with markers when there are several) hanging beside them.
 */
function drawPart(doc: Doc, label: string, items: { marker?: string; text: string; bold?: boolean }[]): void {
  const x = doc.page.margins.left;
  const cx = x + LABEL_W + COLON_W;
  const cw = usableWidth(doc) - LABEL_W - COLON_W;
  items.forEach((item, i) => {
    const text = toWinAnsi(item.text);
    const tx = item.marker ? cx + MARKER_W : cx;
    const tw = item.marker ? cw - MARKER_W : cw;
    doc.font(item.bold ? FONT.bold : FONT.regular).fontSize(SIZE);
    const h = doc.heightOfString(text, { width: tw, align: 'justify' });
    const y = ensureSpace(doc, doc.y, Math.min(h, 60));
    if (i === 0) {
      doc.font(FONT.regular).fontSize(SIZE).text(toWinAnsi(label), x, y, { width: LABEL_W, lineBreak: false });
      doc.text(':', x + LABEL_W, y, { width: COLON_W, lineBreak: false });
    }
    if (item.marker) doc.font(FONT.regular).fontSize(SIZE).text(toWinAnsi(item.marker), cx, y, { width: MARKER_W, lineBreak: false });
    doc.font(item.bold ? FONT.bold : FONT.regular).fontSize(SIZE).text(text, tx, y, { width: tw, align: 'justify' });
    doc.y += 3;
  });
  doc.moveDown(0.5);
}

function drawBody(doc: Doc, data: DecreeData): void {
  const list = (xs: string[], markers: (i: number) => string) =>
    xs.map((t, i) => ({ marker: xs.length > 1 ? markers(i) : undefined, text: fill(t, data) }));
  const menimbang = data.menimbang?.length ? data.menimbang : data.penetap === 'atasan-ppid' ? DEFAULT_MENIMBANG_ATASAN : DEFAULT_MENIMBANG;
  const mengingat = data.mengingat?.length ? data.mengingat : DEFAULT_MENGINGAT;
  drawPart(doc, 'Menimbang', list(menimbang, (i) => `${LETTERS[i] ?? i + 1}.`));
  drawPart(doc, 'Mengingat', list(mengingat, (i) => `${i + 1}.`));

  const y = ensureSpace(doc, doc.y + 2, 40);
  doc.font(FONT.bold).fontSize(11).text('MEMUTUSKAN:', doc.page.margins.left, y, { width: usableWidth(doc), align: 'center' });
  doc.moveDown(0.6);
  drawPart(doc, 'Menetapkan', [
    { text: `KEPUTUSAN ${data.jabatanPenetap.toUpperCase()} TENTANG PENETAPAN DAFTAR INFORMASI PUBLIK TAHUN ${data.year}.`, bold: true },
  ]);
  const tanggal = data.decreeDate ? ` yaitu tanggal ${formatTanggal(data.decreeDate)}` : '';
  const diktum = [
    `Menetapkan Daftar Informasi Publik ${data.instansi} Tahun ${data.year} sebanyak ${data.entryCount} (${terbilang(data.entryCount)}) informasi sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.`,
    'Daftar Informasi Publik sebagaimana dimaksud dalam Diktum KESATU dimutakhirkan paling sedikit 1 (satu) kali dalam setahun.',
    `Keputusan ini mulai berlaku pada tanggal ditetapkan${tanggal}.`,
  ];
  diktum.forEach((text, i) => drawPart(doc, DIKTUM[i], [{ text }]));
}

/** Indonesian number words, for "sebanyak 12 (dua belas)". */
export function terbilang(n: number): string {
  const units = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
  const words = (m: number): string => {
    if (m < 12) return units[m];
    if (m < 20) return `${units[m - 10]} belas`;
    if (m < 100) return `${units[Math.floor(m / 10)]} puluh${m % 10 ? ` ${units[m % 10]}` : ''}`;
    if (m < 200) return `seratus${m - 100 ? ` ${words(m - 100)}` : ''}`;
    if (m < 1000) return `${units[Math.floor(m / 100)]} ratus${m % 100 ? ` ${words(m % 100)}` : ''}`;
    if (m < 2000) return `seribu${m - 1000 ? ` ${words(m - 1000)}` : ''}`;
    if (m < 1_000_000) return `${words(Math.floor(m / 1000))} ribu${m % 1000 ? ` ${words(m % 1000)}` : ''}`;
    return String(m);
  };
  return Number.isInteger(n) && n >= 0 ? words(n) : String(n);
}

/** QR and verification text on the left, the signer block on the right, side by side. */
function drawSignature(doc: Doc, data: DecreeData, qr: Buffer | null): void {
  const x0 = doc.page.margins.left;
  const width = usableWidth(doc);
  const half = width / 2;
  const tanggal = data.decreeDate ? formatTanggal(data.decreeDate) : '....................';
  const block = {
    label: `Ditetapkan di ${data.ditetapkanDi || '....................'}`,
    date: `pada tanggal ${tanggal}`,
    jabatan: data.signer?.jabatan ?? data.jabatanPenetap,
    capacity: data.signer?.capacity ?? undefined,
    onBehalfOf: data.signer?.onBehalfOf ?? null,
    nama: data.signer?.nama ?? '(belum ditandatangani)',
    nip: data.signer?.nip ?? null,
    mark: data.signer ? 'Ditandatangani secara elektronik' : undefined,
  };
  const fontSize = 10;
  const blockH = measureSignerBlock(doc, block, half - 10, fontSize);
  const qrSize = 88;
  let y = ensureSpace(doc, doc.y + 8, Math.max(blockH, qrSize + 60));
  const bottomSigner = drawSignerBlock(doc, block, x0 + half + 5, y, half - 10, fontSize);

  let bottomQr = y;
  if (data.verification && qr) {
    doc.image(qr, x0, y, { width: qrSize, height: qrSize });
    const tw = half - 10;
    doc.font(FONT.bold).fontSize(8).fillColor('black').text('Verifikasi keputusan ini', x0, y + qrSize + 2, { width: tw });
    doc.font(FONT.mono).fontSize(7).text(toWinAnsi(data.verification.url), { width: tw });
    doc.font(FONT.regular).fontSize(8).text('Kode verifikasi: ', { width: tw, continued: true });
    doc.font(FONT.bold).text(toWinAnsi(data.verification.code));
    bottomQr = doc.y;
  }
  y = Math.max(bottomSigner, bottomQr) + 10;
  doc.y = y;
}

function drawLampiran(doc: Doc, data: DecreeData): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const y = ensureSpace(doc, doc.y + 4, 60);
  doc.lineWidth(0.5).moveTo(x, y).lineTo(x + width, y).stroke('#999999');
  doc
    .font(FONT.bold)
    .fontSize(8.5)
    .fillColor('black')
    .text(`Lampiran: Daftar Informasi Publik Tahun ${data.year} (${data.entryCount} entri)`, x, y + 5, { width });
  doc
    .font(FONT.regular)
    .fontSize(8)
    .text(
      toWinAnsi(
        'Lampiran Keputusan ini adalah ekspor Daftar Informasi Publik edisi yang sama (tujuh kolom Perki 1/2021), ' +
          'yang memuat nomor dan tanggal Keputusan ini.'
      ),
      { width }
    );
  if (data.lampiranUrl) doc.font(FONT.mono).fontSize(7).text(toWinAnsi(data.lampiranUrl), { width });
  if (data.signer) {
    doc
      .font(FONT.italic)
      .fontSize(7)
      .fillColor('#444444')
      .text(
        'Keputusan ini ditandatangani secara elektronik (tanda tangan elektronik tidak tersertifikasi, UU ITE Pasal 11; ' +
          'PP 71/2019) melalui sistem PPID; keasliannya dapat diperiksa dengan kode verifikasi di atas.',
        { width }
      );
  }
  doc.fillColor('black');
}

/** Render the decree as an A4 portrait PDF. */
export async function renderDipDecree(data: DecreeData): Promise<Buffer> {
  const qr = data.verification ? await renderQrPng(data.verification.url) : null;
  const printedAt = data.printedAt ?? new Date();
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 45, left: 60, right: 50, bottom: 50 },
    bufferPages: true,
    info: {
      Title: toWinAnsi(`Keputusan ${data.jabatanPenetap} Nomor ${data.decreeNumber ?? '(draf)'} tentang Penetapan Daftar Informasi Publik Tahun ${data.year}`),
      Author: toWinAnsi(data.instansi),
      Creator: 'PPID',
      CreationDate: printedAt,
    },
  });
  const done = collectPdf(doc);
  drawKop(doc, kopOf(data));
  if (!data.decreeNumber) drawBanner(doc, DECREE_DRAFT_BANNER);
  drawTitle(doc, data);
  drawBody(doc, data);
  drawSignature(doc, data, qr);
  drawLampiran(doc, data);
  const footer = data.decreeNumber ? `Keputusan Nomor ${data.decreeNumber}` : 'DRAF';
  decorateBufferedPages(doc, data.verification ? `${footer} · kode verifikasi ${data.verification.code}` : footer, data.decreeNumber ? null : 'DRAF');
  doc.end();
  return done;
}
