import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { renderObjectionAnswer, type ObjectionAnswerData } from '..';

const data = (over: Partial<ObjectionAnswerData> = {}): ObjectionAnswerData => ({
  instansi: 'Pemerintah Kota Samarinda',
  unit: 'Kecamatan Palaran',
  alamat: 'Jl. Trikora No. 1, Palaran',
  timeZone: 'Asia/Makassar',
  objection: { number: 'KEB-2026-00001', receivedAt: '2026-12-07T01:00:00Z', reasons: ['a', 'e'], statement: 'Permohonan ditolak tanpa uji konsekuensi.' },
  request: { number: 'PMI-2026-00001', receivedAt: '2026-11-20T01:00:00Z', applicantName: 'Rahmat Hidayat', information: 'Daftar penerima bantuan sosial' },
  decision: 'menguatkan',
  reasons: 'Memuat data pribadi (Pasal 17 huruf h).',
  followUp: null,
  signer: { nama: 'Dr. Ahmad Ṣāliḥ, M.M.', nip: '196801011990031005', jabatan: 'Asisten Pemerintahan', capacity: 'an', onBehalfOf: { jabatan: 'Sekretaris Daerah' } },
  signedAt: '2026-12-23T02:00:00Z',
  verificationCode: '7K3M9Q2XHV4P',
  placeDate: 'Samarinda, 23 Desember 2026',
  komisiDeadline: '2027-01-13T02:00:00Z',
  printedAt: new Date('2026-12-23T02:00:00Z'),
  ...over,
});

function text(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-keb-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Atasan PPID answer PDF (Pasal 36 ayat 2)', () => {
  it('prints the objection, the decision with its reasons, the a.n. signer and the Komisi Informasi deadline in the body zone', async () => {
    const t = text(await renderObjectionAnswer(data()));
    expect(t).toContain('TANGGAPAN TERTULIS ATASAN PPID ATAS KEBERATAN');
    expect(t).toContain('KEB-2026-00001');
    expect(t).toContain('huruf e: Tidak dipenuhinya permintaan informasi');
    expect(t).toContain('MENGUATKAN PUTUSAN PPID');
    expect(t).toContain('Pasal 17 huruf h');
    expect(t).toContain('a.n. Sekretaris Daerah');
    expect(t).toContain('Dr. Ahmad Salih, M.M. NIP. 196801011990031005');
    expect(t).toContain('Samarinda, 23 Desember 2026');
    // 13 January 2027 10:00 WITA.
    expect(t).toMatch(/sampai 13-01-2027 10:00 WITA/);
    expect(t).toContain('7K3M9Q2XHV4P');
  });

  it('an overturn prints what follows', async () => {
    const t = text(await renderObjectionAnswer(data({ decision: 'membatalkan', reasons: null, followUp: 'Salinan diberikan dalam 3 hari kerja.' })));
    expect(t).toContain('MEMBATALKAN PUTUSAN PPID');
    expect(t).toContain('Tindak lanjut: Salinan diberikan dalam 3 hari kerja.');
    expect(t).not.toContain('Alasan:');
  });
});
