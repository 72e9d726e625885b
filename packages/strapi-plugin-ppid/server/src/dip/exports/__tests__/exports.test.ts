import { PassThrough, Readable, type Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DIP_HEADERS, type DipEntry, formatRow, parseCsv, parseXlsx, validateImportRows } from '../../../core/dip';
import { entry } from '../../../core/dip/__tests__/fixtures';
import { DIP_XLSX_HEADER_ROW, type DipEditionMeta, writeDipCsv, writeDipPdf, writeDipXlsx } from '..';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePdf: (data: Uint8Array) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');
// pdf.js (inside pdf-parse) reads `data.buffer` and ignores byteOffset, so a Buffer that is a
// slice of a larger pool is misread; hand it a copy that owns its memory.
const pdfParse = (pdf: Buffer) => parsePdf(new Uint8Array(pdf));

const PERKI_THEN_KLASIFIKASI = DIP_HEADERS.slice(0, 8);

const edition: DipEditionMeta = {
  title: 'Daftar Informasi Publik 2026',
  instansi: 'Pemerintah Kota Samarinda',
  unit: 'BKPSDM',
  decreeNumber: '000.8.3.3/0001/BKPSDM/2026',
  decreeDate: '2026-01-15',
  ditetapkanDi: 'Samarinda',
  signer: { nama: 'Dra. Siti Aminah, M.Si.', nip: '197001012000032001', jabatan: 'Kepala BKPSDM selaku Atasan PPID' },
  verificationUrl: 'https://ppid.example.go.id/verifikasi/dip/2026',
};

const entries: DipEntry[] = [
  entry(),
  entry({
    nomor: 2,
    key: 'doc-2',
    ringkasan: '=HYPERLINK("http://evil") laporan, dengan "kutip" dan koma',
    klasifikasi: 'setiap_saat',
    bentuk: ['hardcopy'],
    retensi: { aktifTahun: 1, inaktifTahun: 3, disposisiAkhir: 'musnah', keterangan: 'JRA, fasilitatif' },
    waktuTempat: { waktu: '2025-07-01', tempat: 'Samarinda' },
    tautan: undefined,
  }),
  entry({ nomor: 3, key: 'doc-3', ringkasan: 'Pengumuman bencana banjir', klasifikasi: 'serta_merta' }),
];

async function* stream(list: DipEntry[]): AsyncGenerator<DipEntry> {
  for (const e of list) yield e;
}

async function capture(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const data = buffer(out);
  await write(out);
  return data;
}

const withoutKey = ({ key: _key, ...rest }: DipEntry) => rest;

describe('writeDipCsv', () => {
  it('writes a BOM, the Indonesian headers in order and one row per entry', async () => {
    const csv = await capture((out) => writeDipCsv(stream(entries), out));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const records: string[][] = parse(csv, { bom: true });
    expect(records[0].slice(0, 8)).toEqual(PERKI_THEN_KLASIFIKASI);
    expect(records[0]).toEqual(DIP_HEADERS);
    expect(records.slice(1)).toEqual(
      entries.map((e) => formatRow(e).map((c) => (c.startsWith('=') ? `'${c}` : c))), // formula guard
    );
  });

  it('round-trips through the import', async () => {
    const csv = await capture((out) => writeDipCsv(stream(entries), out, { delimiter: ';' }));
    const res = validateImportRows(await parseCsv(csv));
    expect(res.errors).toEqual([]);
    expect(res.entries.map(withoutKey)).toEqual(entries.map(withoutKey));
  });
});

describe('writeDipXlsx', () => {
  it('puts the headers on the fixed header row, bold, with the data below', async () => {
    const xlsx = await capture((out) => writeDipXlsx(stream(entries), edition, out));

    const rows: ExcelJS.Row[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(xlsx), { styles: 'cache' });
    for await (const sheet of reader) for await (const row of sheet) rows.push(row);

    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(byNumber.get(1)?.getCell(1).value).toBe(edition.title);
    expect(String(byNumber.get(3)?.getCell(1).value)).toContain(edition.decreeNumber);

    const header = byNumber.get(DIP_XLSX_HEADER_ROW)!;
    const headers = (header.values as ExcelJS.CellValue[]).slice(1);
    expect(headers.slice(0, 8)).toEqual(PERKI_THEN_KLASIFIKASI);
    expect(headers).toEqual(DIP_HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);

    const second = byNumber.get(DIP_XLSX_HEADER_ROW + 2)!;
    expect(second.getCell(1).value).toBe(2);
    expect(second.getCell(2).value).toBe(entries[1].ringkasan); // a string, never a formula
    expect(second.getCell(7).value).toBe('Aktif 1 tahun, inaktif 3 tahun, musnah (JRA, fasilitatif)');
    expect(second.getCell(8).value).toBe('Setiap Saat');

    // The streaming reader does not resolve hyperlinks (they follow the rows in the file).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('DIP')!;
    expect(sheet.getRow(DIP_XLSX_HEADER_ROW + 1).getCell(9).value).toMatchObject({ hyperlink: entries[0].tautan });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: DIP_XLSX_HEADER_ROW });
    expect(sheet.getColumn(2).width).toBeGreaterThan(sheet.getColumn(1).width!);
  });

  it('round-trips through the import despite the title rows', async () => {
    const xlsx = await capture((out) => writeDipXlsx(stream(entries), edition, out));
    const rows = await parseXlsx(xlsx);
    const res = validateImportRows(rows);
    expect(res.errors).toEqual([]);
    expect(res.entries.map(withoutKey)).toEqual(entries.map(withoutKey));
    // Sheet row numbers survive: break the first data row and it is reported on row 6.
    rows[DIP_XLSX_HEADER_ROW - 1][DIP_HEADERS[5]] = 'Disket';
    expect(validateImportRows(rows).errors).toEqual([expect.objectContaining({ row: DIP_XLSX_HEADER_ROW + 1 })]);
  });
});

describe('writeDipPdf', () => {
  it('prints heading, table headers, entries, decree number and the signer', async () => {
    const pdf = await capture((out) => writeDipPdf(stream(entries), edition, out));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // pdf-parse joins wrapped lines with newlines; compare on collapsed whitespace.
    const text = (await pdfParse(pdf)).text.replace(/\s+/g, ' ');
    for (const h of PERKI_THEN_KLASIFIKASI) expect(text).toContain(h);
    expect(text).toContain(edition.decreeNumber);
    expect(text).toContain('15 Januari 2026');
    expect(text).toContain('PEMERINTAH KOTA SAMARINDA');
    expect(text).toContain('NIP. 197001012000032001');
    expect(text).toContain(edition.signer!.nama);
    expect(text).toContain('Pengumuman bencana banjir');
    expect(text).toContain('Serta Merta');
  });

  it('repeats the table header on every page', async () => {
    const many = Array.from({ length: 120 }, (_, i) => entry({ nomor: i + 1, key: `k${i}` }));
    const pdf = await capture((out) => writeDipPdf(stream(many), edition, out));
    const parsed = await pdfParse(pdf);
    expect(parsed.numpages).toBeGreaterThan(2);
    const headerCount = parsed.text.replace(/\s+/g, ' ').split('Ringkasan Isi Informasi').length - 1;
    expect(headerCount).toBeGreaterThanOrEqual(parsed.numpages - 1); // the last page may hold only the signer block
  });

  it('marks a draft edition and omits the signer block', async () => {
    const draft = { title: edition.title, instansi: edition.instansi };
    const text = (await pdfParse(await capture((out) => writeDipPdf(stream([]), draft, out)))).text;
    expect(text).toContain('DRAF');
    expect(text).not.toContain('NIP.');
  });
});
