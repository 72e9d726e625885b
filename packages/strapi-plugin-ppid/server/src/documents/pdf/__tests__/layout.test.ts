import fs from 'fs';
import path from 'path';
import PDFDocument from 'pdfkit';
import { kopLines } from '../../../core/documents';
import { renderApprovalForm } from '../approval-form';
import { renderConsequenceTestDecision } from '../consequence-test';
import { renderDipDecree } from '../decree';
import { collectPdf, drawKop, drawSignerBlocks, drawTitle, kopOf, type KopBlock } from '../layout';
import { formData } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const flat = (s: string) => s.replace(/\s+/g, '');

const LOGO = fs.readFileSync(path.join(__dirname, '../../../../../assets/logo-demo.png'));
const KOP: KopBlock = {
  lines: kopLines({
    nama: 'Kecamatan Palaran',
    pemerintah: 'Pemerintah Kota Samarinda',
    alamat: 'Jalan Ampera No. 1, Kelurahan Rawa Makmur, Samarinda 75253',
    telepon: '(0541) 7270001',
    email: 'kecamatan.palaran@samarindakota.go.id',
  }),
  logo: LOGO,
};
const KOP_TEXT = ['PEMERINTAH KOTA SAMARINDA', 'KECAMATAN PALARAN', 'Jalan Ampera No. 1, Kelurahan Rawa Makmur, Samarinda 75253', 'Telepon (0541) 7270001, Pos-el kecamatan.palaran@samarindakota.go.id'];
// English subtitles the documents printed before; the printed documents are Bahasa Indonesia only.
const ENGLISH = ['Publication approval form', 'Consequence test decision', 'deciding officials', 'verify this', 'not yet', 'internal, not for publication', 'Unsur / element', 'description'];

/** Set PPID_ARTIFACTS=1 to keep the PDFs in tests/artifacts (gitignored) for a look. */
function keep(name: string, pdf: Buffer) {
  if (!process.env.PPID_ARTIFACTS) return;
  const dir = path.join(__dirname, '../../../../../../../tests/artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), pdf);
}

const imageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;

describe('layout blocks', () => {
  it('draws the kop (logo left, lines centred, double rule) and returns the y below it', async () => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 40, left: 40, right: 40, bottom: 40 } });
    const done = collectPdf(doc);
    const y = drawKop(doc, KOP);
    expect(y).toBeGreaterThan(40 + 62); // below the logo and the rule
    drawTitle(doc, ['FORMULIR PERSETUJUAN PUBLIKASI']);
    drawSignerBlocks(doc, [{ jabatan: 'Camat Palaran', nama: 'Drs. H. Camat', nip: '198001152005031001' }], { placeDate: 'Samarinda, 1 Desember 2026' });
    doc.end();
    const pdf = await done;
    const text = (await pdfParse(pdf)).text;
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 4)).toEqual(KOP_TEXT);
    // The place-and-date line comes before the signer's jabatan, nama and NIP.
    const at = (s: string) => lines.indexOf(s);
    expect(at('Samarinda, 1 Desember 2026')).toBeGreaterThan(at('FORMULIR PERSETUJUAN PUBLIKASI'));
    expect(at('Samarinda, 1 Desember 2026')).toBeLessThan(at('Camat Palaran'));
    expect(at('Camat Palaran')).toBeLessThan(at('NIP. 198001152005031001'));
    expect(imageCount(pdf)).toBeGreaterThanOrEqual(1); // the logo
  });

  it('without a kop, builds one from the old heading fields (instansi over unit)', () => {
    expect(kopOf({ instansi: 'Pemerintah Kota Samarinda', unit: 'Kecamatan Palaran', alamat: 'Jl. Ampera' }).lines).toEqual({
      pemerintah: 'PEMERINTAH KOTA SAMARINDA',
      nama: 'KECAMATAN PALARAN',
      alamat: 'Jl. Ampera',
      kontak: null,
    });
    expect(kopOf({ instansi: 'Dinas Sosial' }).lines).toMatchObject({ pemerintah: null, nama: 'DINAS SOSIAL' });
    expect(kopOf({ kop: KOP, instansi: 'x' })).toBe(KOP);
  });
});

describe('the three documents share the kop, the place-and-date line and Indonesian titles', () => {
  it('approval form', async () => {
    const pdf = await renderApprovalForm({ ...formData(true), kop: KOP, placeDate: 'Samarinda, 1 Desember 2026' });
    keep('approval-form.pdf', pdf);
    const text = await pdfParse(pdf).then((r) => r.text);
    for (const l of KOP_TEXT) expect(flat(text)).toContain(flat(l));
    expect(text).toContain('FORMULIR PERSETUJUAN PUBLIKASI');
    expect(text).toContain('Samarinda, 1 Desember 2026');
    for (const e of ENGLISH) expect(text).not.toContain(e);
    expect(imageCount(pdf)).toBeGreaterThanOrEqual(2); // logo (with its alpha mask) and QR code
  });

  it('SK penetapan DIP', async () => {
    const pdf = await renderDipDecree({
      kop: KOP,
      instansi: 'Kecamatan Palaran',
      year: 2026,
      decreeNumber: '000.5/12/PPID/2026',
      decreeDate: '2026-12-01',
      ditetapkanDi: 'Samarinda',
      jabatanPenetap: 'Camat Palaran',
      signer: { nama: 'Drs. H. Camat Palaran', nip: '198001152005031001', jabatan: 'Camat Palaran' },
      entryCount: 12,
      verification: { url: 'https://ppid.samarindakota.go.id/api/ppid/verify/7K3M9Q2XHV4P', code: '7K3M9Q2XHV4P' },
    });
    keep('decree.pdf', pdf);
    const text = await pdfParse(pdf).then((r) => r.text);
    for (const l of KOP_TEXT) expect(flat(text)).toContain(flat(l));
    expect(text).toContain('Ditetapkan di Samarinda');
    expect(text).toContain('pada tanggal 1 Desember 2026');
    for (const e of ENGLISH) expect(text).not.toContain(e);
    const draft = await pdfParse(await renderDipDecree({ kop: KOP, instansi: 'x', year: 2026, decreeNumber: null, decreeDate: null, jabatanPenetap: 'Camat Palaran', signer: null, entryCount: 0, verification: null }));
    expect(draft.text).toContain('DRAF — belum ditetapkan');
    for (const e of ENGLISH) expect(draft.text).not.toContain(e);
  });

  it('berita acara uji konsekuensi', async () => {
    const pdf = await renderConsequenceTestDecision({
      kop: KOP,
      instansi: 'x',
      status: 'decided',
      informasi: 'Dokumen rencana pengamanan objek vital',
      dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
      masaPengecualianBerakhir: '2030-12-31',
      pejabatPemutus: [{ nama: 'Ir. Pejabat Pemutus', nip: '197001012000031001', jabatan: 'Sekretaris Daerah' }],
      tempatKeputusan: 'Samarinda',
      tanggalKeputusan: '2026-12-01',
      verification: { code: 'XYZ', hash: 'ab'.repeat(32) },
    });
    keep('consequence-test.pdf', pdf);
    const text = await pdfParse(pdf).then((r) => r.text);
    for (const l of KOP_TEXT) expect(flat(text)).toContain(flat(l));
    expect(text).toContain('BERITA ACARA / KEPUTUSAN UJI KONSEKUENSI');
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines.indexOf('Samarinda, 1 Desember 2026')).toBeGreaterThan(-1);
    expect(lines.indexOf('Samarinda, 1 Desember 2026')).toBeLessThan(lines.indexOf('Sekretaris Daerah'));
    for (const e of ENGLISH) expect(text).not.toContain(e);
    expect(text).not.toMatch(/until|unlimited|recorded (by|at)/);
  });
});
