import { DEFAULT_NOTICE_NUMBER_PATTERN, formatNoticeNumber, requestCounterName, validateNoticeNumberPattern } from '..';
import { requestsConfig } from '../../../config';

describe('the written notice\'s letter number (nomor surat)', () => {
  it('the default: serial of the year, PPID/PT, the month in Roman numerals, the local year of signing', () => {
    expect(DEFAULT_NOTICE_NUMBER_PATTERN).toBe('{serial:3}/PPID/PT/{bulan:romawi}/{tahun}');
    expect(formatNoticeNumber(DEFAULT_NOTICE_NUMBER_PATTERN, { serial: 4, signedAt: new Date('2026-12-08T03:00:00Z') })).toBe('004/PPID/PT/XII/2026');
    // 1 January 2027 00:30 WIB: the new year's series.
    expect(formatNoticeNumber(DEFAULT_NOTICE_NUMBER_PATTERN, { serial: 1, signedAt: new Date('2026-12-31T17:30:00Z'), timeZone: 'Asia/Jakarta' })).toBe('001/PPID/PT/I/2027');
    expect(requestCounterName(2027, 'notice')).toBe('notice:2027');
  });

  it("a body's own format, as its letters are numbered (spaces and slashes allowed)", () => {
    expect(formatNoticeNumber('045.2/{serial}/PPID-Kec. Palaran/{tahun}', { serial: 17, signedAt: new Date('2026-03-02T03:00:00Z') })).toBe('045.2/17/PPID-Kec. Palaran/2026');
  });

  it('refuses a pattern without its serial, with {kode}/{unit}, or with characters a CSV cell would change', () => {
    expect(validateNoticeNumberPattern('PPID/{tahun}')).toEqual({ ok: false, errors: ['Pattern must contain {serial}'] });
    expect(validateNoticeNumberPattern('{kode}/{serial}').ok).toBe(false);
    expect(validateNoticeNumberPattern('{serial};x').ok).toBe(false);
    expect(validateNoticeNumberPattern(3).ok).toBe(false);
    expect(() => formatNoticeNumber('PPID', { serial: 1, signedAt: new Date() })).toThrow(/serial/);
  });

  it('the plugin config: requests.noticeNumberPattern and requests.reminderDaysBefore, checked at boot', () => {
    expect(requestsConfig({})).toMatchObject({ noticeNumberPattern: DEFAULT_NOTICE_NUMBER_PATTERN, reminderDaysBefore: 2 });
    expect(requestsConfig({ noticeNumberPattern: '{serial}/PT/{tahun}', reminderDaysBefore: '3' })).toMatchObject({ noticeNumberPattern: '{serial}/PT/{tahun}', reminderDaysBefore: 3 });
    expect(() => requestsConfig({ noticeNumberPattern: 'PT' })).toThrow(/requests\.noticeNumberPattern/);
    expect(() => requestsConfig({ reminderDaysBefore: -1 })).toThrow(/requests\.reminderDaysBefore/);
  });
});
