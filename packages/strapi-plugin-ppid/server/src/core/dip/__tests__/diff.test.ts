import { DipDiffError, diffEditions } from '..';
import { entry } from './fixtures';

describe('diffEditions', () => {
  const a = entry({ key: 'a', nomor: 1 });
  const b = entry({ key: 'b', nomor: 2, ringkasan: 'Laporan keuangan' });
  const c = entry({ key: 'c', nomor: 3, ringkasan: 'Rencana kerja' });

  it('matches by key and reports added, removed, changed columns and the unchanged count', () => {
    const bChanged = { ...b, ringkasan: 'Laporan keuangan 2026', retensi: { ...b.retensi, inaktifTahun: 10 } };
    const d = entry({ key: 'd', nomor: 3, ringkasan: 'Pengumuman pengadaan' });
    const diff = diffEditions([a, b, c], [a, bChanged, d]);

    expect(diff.added).toEqual([d]);
    expect(diff.removed).toEqual([c]);
    expect(diff.changed).toEqual([{ key: 'b', before: b, after: bChanged, columns: ['ringkasan', 'retensi'] }]);
    expect(diff.unchanged).toBe(1);
  });

  it('does not count a different bentuk order as a change, and can ignore renumbering', () => {
    const reordered = { ...a, bentuk: ['hardcopy', 'softcopy'] as const, nomor: 7 };
    expect(diffEditions([a], [{ ...reordered, bentuk: [...reordered.bentuk] }]).changed[0].columns).toEqual(['nomor']);
    const diff = diffEditions([a], [{ ...a, nomor: 7 }], { ignoreColumns: ['nomor'] });
    expect(diff).toMatchObject({ changed: [], unchanged: 1 });
  });

  it('refuses duplicate keys', () => {
    expect(() => diffEditions([a, a], [])).toThrow(DipDiffError);
  });
});
