import { renderNotFoundPage, renderVerificationPage, type PublicVerification } from '../page';

const view = (over: Partial<PublicVerification> = {}): PublicVerification => ({
  valid: true,
  code: 'NZMYCBWS9311',
  checkedAt: '2026-11-23T12:00:00.000Z',
  instansi: 'Pemerintah Kota Samarinda',
  record: {
    kind: 'tanda_tangan',
    kindLabel: 'Tanda tangan',
    step: 4,
    signedAt: '2026-11-23T07:05:00.000Z',
    signedAtLocal: '23-11-2026 14:05 WIB',
    hash: 'e'.repeat(64),
    keyId: '0123456789abcdef',
    method: 'login',
    externalRef: null,
  },
  item: { title: 'Kerja bakti <RT 12> & "warga"', classification: 'setiap_saat', classificationLabel: 'Setiap saat', kind: null },
  sop: { code: 'palaran-publikasi-website', version: 1, name: 'Publikasi Informasi melalui Website', nomor: '000.8.3.3/0958/400.02' },
  contentHash: 'c'.repeat(64),
  publishedAt: '2026-11-23T08:00:00.000Z',
  signers: [
    {
      step: 4,
      role: 'Sekretaris',
      kind: 'tanda_tangan',
      kindLabel: 'Tanda tangan',
      nama: 'Hj. Siti <b>Aminah</b>',
      nip: '**************2007',
      jabatan: 'Sekretaris Kecamatan',
      jabatanLines: ['Plh. Sekretaris Kecamatan'],
      capacity: 'plh',
      onBehalfOf: null,
      signedAt: '2026-11-23T07:05:00.000Z',
      signedAtLocal: '23-11-2026 14:05 WIB',
    },
  ],
  checks: { record: true, run: true, content: true },
  problems: [],
  keysUrl: 'https://ppid.example.go.id/api/ppid/keys',
  ...over,
});

describe('renderVerificationPage', () => {
  it('is a self-contained page in Bahasa Indonesia with English beside, escaping every value', () => {
    const html = renderVerificationPage(view());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('SAH <span class="en" lang="en">Valid</span>');
    expect(html).toContain('Kerja bakti &#60;RT 12&#62; &#38; &#34;warga&#34;');
    expect(html).toContain('Hj. Siti &#60;b&#62;Aminah&#60;/b&#62;');
    expect(html).not.toContain('<b>Aminah');
    expect(html).toContain('Plh. Sekretaris Kecamatan');
    expect(html).toContain('NIP **************2007');
    expect(html).not.toMatch(/<script|<link|src=|@import/);
    expect(html).toContain('tidak tersertifikasi');
  });

  it('says TIDAK SAH and lists the problems when a check fails', () => {
    const html = renderVerificationPage(
      view({ valid: false, checks: { record: true, run: true, content: false }, problems: [{ code: 'content_drift', message: 'content changed <after> approval' }] })
    );
    expect(html).toContain('TIDAK SAH');
    expect(html).toContain('content_drift');
    expect(html).toContain('content changed &#60;after&#62; approval');
    expect(html).toContain('✘ Isi yang terbit sama dengan yang disetujui');
  });

  it('never vouches for an external reference: an old record with one is shown as unverified, not tersertifikasi', () => {
    const html = renderVerificationPage(
      view({ record: { ...view().record, method: 'external', externalRef: { provider: 'BSrE', documentId: 'DOC-1' } } })
    );
    expect(html).not.toMatch(/Tanda tangan tersertifikasi/);
    expect(html).not.toContain('DOC-1');
    expect(html).toContain('tanda tangan elektronik tidak tersertifikasi');
    expect(html).toContain('tidak diverifikasi oleh sistem');
  });
});

describe('renderNotFoundPage', () => {
  it('says only that the code was not found', () => {
    const html = renderNotFoundPage();
    expect(html).toContain('Kode verifikasi tidak ditemukan');
    expect(html).toContain('Verification code not found');
  });
});
