import {
  CLASS_LABELS,
  DEFAULT_INFORMATION_KINDS,
  INFORMATION_CLASSES,
  isRefreshOverdue,
  kindCodesOf,
  refreshDueDate,
} from '..';

describe('classes and kinds', () => {
  it('label each class with its article', () => {
    expect(INFORMATION_CLASSES.map((c) => CLASS_LABELS[c].legalBasis)).toEqual([
      'UU 14/2008 Pasal 9',
      'UU 14/2008 Pasal 10',
      'UU 14/2008 Pasal 11',
      'UU 14/2008 Pasal 17',
    ]);
  });
  it('cover the regulation lists with unique codes', () => {
    const codes = DEFAULT_INFORMATION_KINDS.map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(kindCodesOf('berkala')).toHaveLength(10);
    expect(kindCodesOf('serta_merta')).toHaveLength(6);
    expect(kindCodesOf('setiap_saat')).toHaveLength(8);
    expect(kindCodesOf('dikecualikan')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((l) => `dikecualikan_${l}`),
    );
    expect(DEFAULT_INFORMATION_KINDS.find((k) => k.code === 'laporan_keuangan')?.legalBasis).toMatch(
      /Pasal 9 ayat \(2\) huruf c/,
    );
  });
});

describe('berkala refresh', () => {
  it('is due six local months after the last publication', () => {
    expect(refreshDueDate('2026-01-15T03:00:00Z')).toEqual(new Date('2026-07-15T03:00:00Z'));
    // 31 August 10:00 WIB + 6 months = 28 February.
    expect(refreshDueDate(new Date('2025-08-31T03:00:00Z'))).toEqual(new Date('2026-02-28T03:00:00Z'));
    expect(refreshDueDate('2026-01-15T03:00:00Z', 3)).toEqual(new Date('2026-04-15T03:00:00Z'));
  });
  it('rejects cycles longer than the law allows', () => {
    expect(() => refreshDueDate('2026-01-15T03:00:00Z', 12)).toThrow(RangeError);
  });
  it('flags overdue and never-published items', () => {
    expect(isRefreshOverdue('2025-08-01T00:00:00Z', new Date('2026-03-01T00:00:00Z'))).toBe(true);
    expect(isRefreshOverdue('2025-12-01T00:00:00Z', new Date('2026-03-01T00:00:00Z'))).toBe(false);
    expect(isRefreshOverdue(null, new Date())).toBe(true);
  });
});
