import { isOwnSop, kopLines, mergeKop, sopHeaderLines, stackInstansi, type Kop } from '..';

const BODY: Kop = {
  nama: 'Kecamatan Palaran',
  pemerintah: 'Pemerintah Kota Samarinda',
  alamat: 'Jalan Ampera No. 1, Samarinda 75253',
  telepon: '(0541) 7270001',
  email: 'kecamatan.palaran@samarindakota.go.id',
  website: 'palaran.samarindakota.go.id',
  tempat: 'Samarinda',
  logoPath: 'public/logo-samarinda.png',
};

describe('kop (letterhead)', () => {
  it('prints the parent government over the body, names in capitals, contacts on one line', () => {
    expect(kopLines(BODY)).toEqual({
      pemerintah: 'PEMERINTAH KOTA SAMARINDA',
      nama: 'KECAMATAN PALARAN',
      alamat: 'Jalan Ampera No. 1, Samarinda 75253',
      kontak: 'Telepon (0541) 7270001, Pos-el kecamatan.palaran@samarindakota.go.id, Laman palaran.samarindakota.go.id',
    });
    expect(kopLines({ nama: 'Dinas Sosial' })).toEqual({ pemerintah: null, nama: 'DINAS SOSIAL', alamat: null, kontak: null });
  });

  it("a unit's own kop overrides field by field; what it leaves empty is the body's", () => {
    const unit = mergeKop(BODY, { nama: 'Kelurahan Rawa Makmur', alamat: 'Jalan Rawa Makmur 2', website: '  ' });
    expect(unit).toMatchObject({ nama: 'Kelurahan Rawa Makmur', pemerintah: 'Pemerintah Kota Samarinda', alamat: 'Jalan Rawa Makmur 2', website: 'palaran.samarindakota.go.id', tempat: 'Samarinda', logoPath: 'public/logo-samarinda.png' });
    // A unit's uploaded logo replaces the body's logo path.
    const withLogo = mergeKop(BODY, { logoFile: 7 });
    expect(withLogo.logoFile).toBe(7);
    expect(withLogo.logoPath).toBeUndefined();
    expect(mergeKop(BODY, null)).toEqual(BODY);
  });

  it('stacks a one-string body name with the parent government first', () => {
    expect(stackInstansi('Kecamatan Palaran, Pemerintah Kota Samarinda')).toEqual(['Pemerintah Kota Samarinda', 'Kecamatan Palaran']);
    expect(stackInstansi('Dinas Komunikasi, Informatika, Persandian dan Statistik Provinsi Kalimantan Tengah')).toEqual([
      'Dinas Komunikasi, Informatika, Persandian dan Statistik Provinsi Kalimantan Tengah',
    ]);
    expect(stackInstansi('Dinas Sosial Kota Pontianak')).toEqual(['Dinas Sosial Kota Pontianak']);
  });

  it("heads the body's own SOP with its kop, another body's SOP with its own stacked name", () => {
    expect(isOwnSop('Kecamatan Palaran, Pemerintah Kota Samarinda', BODY)).toBe(true);
    expect(sopHeaderLines('Kecamatan Palaran, Pemerintah Kota Samarinda', null, BODY)).toEqual({ pemerintah: 'Pemerintah Kota Samarinda', nama: 'Kecamatan Palaran', unit: null });
    expect(sopHeaderLines('Kecamatan Palaran, Pemerintah Kota Samarinda', null)).toEqual({ pemerintah: 'Pemerintah Kota Samarinda', nama: 'Kecamatan Palaran', unit: null });
    expect(isOwnSop('Dinas Sosial Kota Pontianak', BODY)).toBe(false);
    expect(sopHeaderLines('Dinas Sosial Kota Pontianak', 'Bidang Sekretariat', BODY)).toEqual({ pemerintah: null, nama: 'Dinas Sosial Kota Pontianak', unit: 'Bidang Sekretariat' });
  });
});
