import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { kopOf, renderObjectionForm, type ObjectionFormData } from '..';

const data = (over: Partial<ObjectionFormData> = {}): ObjectionFormData => ({
  kop: kopOf({ instansi: 'Pemerintah Kota Samarinda', unit: 'Kecamatan Palaran', alamat: 'Jl. Trikora No. 1, Palaran' }),
  timeZone: 'Asia/Makassar',
  number: 'KEB-2026-00003',
  receivedAt: '2026-12-21T01:00:00Z',
  dueAt: '2027-02-03T01:00:00Z',
  request: { number: 'PMI-2026-00011', purpose: 'Pengawasan program oleh warga', information: 'Daftar penerima bantuan sosial' },
  applicant: { type: 'perorangan', name: 'Rahmat Hidayat', address: 'Jl. Pelabuhan No. 5, Samarinda', maskedIdentity: '6472********0003', maskedPhone: '6281****0101' },
  reasons: ['c', 'g'],
  statement: 'Permohonan saya tidak ditanggapi sampai batas waktu.',
  tempat: 'Samarinda',
  printedAt: new Date('2026-12-21T01:00:00Z'),
  ...over,
});

function text(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-form-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the objection form (formulir keberatan, Perki 1/2021)', () => {
  it('prints the form\'s parts A-D: the numbers, the applicant (masked), every Pasal 35 reason with the chosen ones ticked, the case, the answer\'s due date', async () => {
    const pdf = await renderObjectionForm(data());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = text(pdf);
    const t = raw.replace(/\s+/g, ' ');
    expect(t).toContain('FORMULIR KEBERATAN ATAS PERMOHONAN INFORMASI PUBLIK');
    expect(t).toContain('KECAMATAN PALARAN'); // the kop
    for (const part of ['A. Informasi Pengaju Keberatan', 'B. Alasan Pengajuan Keberatan', 'C. Kasus Posisi', 'D. Hari/Tanggal Tanggapan atas Keberatan akan Diberikan']) expect(t).toContain(part);
    expect(t).toContain('KEB-2026-00003');
    expect(t).toContain('PMI-2026-00011');
    expect(t).toContain('Rahmat Hidayat');
    expect(t).toContain('6472********0003');
    expect(t).toContain('6281****0101');
    // All seven letters are listed; only c and g are ticked.
    const ticked = raw.split('\n').filter((l) => /^\s*X\s+[a-g]\s/.test(l)).map((l) => /X\s+([a-g])/.exec(l)![1]);
    expect(ticked).toEqual(['c', 'g']);
    expect(t).toContain('Pengenaan biaya yang tidak wajar'); // f, not chosen, still printed
    expect(t).toContain('Permohonan saya tidak ditanggapi sampai batas waktu.');
    // The answer's due date in the body's zone (WITA), Pasal 36 ayat 2.
    expect(t).toContain('3 Februari 2027 pukul 09:00 WITA');
    expect(t).toContain('Pasal 36 ayat 2');
    expect(t).toContain('Samarinda, 21 Desember 2026');
    expect(t).toContain('Kuasa pemohon (nama, alamat, telepon) -'); // '-' when there is none
  });
});
