import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { createKeyRing, generateKeyPair } from '../../../core/signature/keys';
import { buildChain } from '../../../core/signature/__tests__/fixtures';
import { approvalRowsFromRecords, INCOMPLETE_BANNER, renderApprovalForm } from '../approval-form';
import { formatJabatan, formatWib, toWinAnsi } from '../layout';
import { renderQrPng } from '../qr';
import { formData, SIGNERS } from './fixtures';

// The package entry runs a debug demo when required directly; the lib file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');

/** Whitespace-insensitive: table cells wrap, so words may be split over lines. */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('renderApprovalForm', () => {
  it('prints every signer name and NIP, and no banner once complete', async () => {
    const pdf = await renderApprovalForm(formData(true));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfParse(pdf);
    for (const s of SIGNERS) {
      expect(flat(text)).toContain(flat(toWinAnsi(s.nama)));
      expect(text).toContain(s.nip);
    }
    expect(text).toContain('FORMULIR PERSETUJUAN PUBLIKASI');
    expect(text).not.toContain('Publication approval form'); // Bahasa Indonesia titles only
    expect(text).toContain('Soreang, 24 November 2026'); // place and date before the signatures
    expect(text).toContain('Tanda tangan');
    expect(text).toContain('Diterbitkan');
    expect(text).toContain('Plh. Sekretaris Dinas');
    expect(text).toContain('a.n. Bupati Bandung');
    expect(text).toContain('23-11-2026 14:05 WIB');
    expect(text).toContain('b2b2b2b2b2b2');
    expect(text).toContain('7K3M9Q2XHV4P');
    expect(text).not.toContain('BELUM LENGKAP');
  });

  it('carries the BELUM LENGKAP banner while the run is in progress', async () => {
    const { text } = await pdfParse(await renderApprovalForm(formData(false)));
    expect(text).toContain(INCOMPLETE_BANNER);
    expect(text).toContain('menunggu');
    for (const s of SIGNERS.slice(0, 3)) expect(text).toContain(s.nip);
  });

  it('renders before the first act, without a verification code', async () => {
    const data = { ...formData(false), verification: null };
    data.rows = data.rows.map((r) => ({ ...r, signer: null, kind: null, signedAt: null, hash: null }));
    const { text } = await pdfParse(await renderApprovalForm(data));
    expect(text).toContain('Kode verifikasi tersedia setelah tindakan pertama dicatat');
    expect(text).not.toContain('Kode verifikasi 7K3M9Q2XHV4P');
    expect(text).toContain(INCOMPLETE_BANNER);
  });

  it('breaks a long table over pages', async () => {
    const data = formData(true);
    data.rows = Array.from({ length: 60 }, (_, i) => ({ ...data.rows[i % 5], no: i + 1 }));
    const { numpages, text } = await pdfParse(await renderApprovalForm(data));
    expect(numpages).toBeGreaterThan(1);
    expect(text).toContain(`halaman ${numpages} dari ${numpages}`);
  });

  it('builds one row per step from records, the latest act winning', () => {
    const ring = createKeyRing(generateKeyPair().privateKey);
    const records = buildChain(4, () => ring.active, 1).map((r, i) => ({ ...r, stepNumber: [1, 2, 2, 3][i] }));
    const rows = approvalRowsFromRecords(
      [1, 2, 3, 4].map((n) => ({ stepNumber: n, activity: `Tahap ${n}` })),
      records
    );
    expect(rows.map((r) => r.signer?.nama ?? null)).toEqual(['Pejabat 1', 'Pejabat 3', 'Pejabat 4', null]);
    expect(rows[1].hash).toBe(records[2].hash);
  });
});

describe('renderQrPng', () => {
  it('decodes back to the URL', async () => {
    const url = 'https://ppid.example.go.id/verifikasi/7K3M9Q2XHV4P';
    const png = PNG.sync.read(await renderQrPng(url));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(url);
  });
});

describe('layout helpers', () => {
  it('formats WIB times', () => {
    expect(formatWib('2026-11-23T07:05:00Z')).toBe('23-11-2026 14:05 WIB');
    expect(formatWib('2026-12-31T20:30:00.000Z')).toBe('01-01-2027 03:30 WIB');
  });

  it('writes capacity as tata naskah dinas does', () => {
    expect(formatJabatan('Kepala Dinas', 'plt')).toEqual(['Plt. Kepala Dinas']);
    expect(formatJabatan('Sekretaris', 'an', { nama: 'X', nip: null, jabatan: 'Kepala Dinas' })).toEqual([
      'a.n. Kepala Dinas',
      'Sekretaris',
    ]);
    expect(formatJabatan('Kepala Dinas')).toEqual(['Kepala Dinas']);
  });

  it('keeps text printable with the built-in fonts', () => {
    expect(toWinAnsi('Ṣāliḥ — “é” 漢')).toBe('Salih — “é” ?');
  });
});
