/**
 * Dates as Indonesian official documents write them: "1 Desember 2026", and the
 * place-and-date line before a signature ("Samarinda, 1 Desember 2026"). The day is the
 * body's local day (its time zone), not the server's.
 */
import { localIsoDate } from './time-zone';

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "1 Desember 2026". A plain `YYYY-MM-DD` is that calendar day as written; an instant (Date or
 * ISO date-time) is read in `timeZone` (default Asia/Jakarta, WIB).
 */
export function formatTanggalIndonesia(value: string | Date, timeZone = 'Asia/Jakarta'): string {
  const plain = typeof value === 'string' ? PLAIN_DATE.exec(value) : null;
  const iso = plain ? value as string : (() => {
    const d = typeof value === 'string' ? new Date(value) : value;
    if (Number.isNaN(d.getTime())) throw new TypeError(`invalid date: ${String(value)}`);
    return localIsoDate(d, timeZone);
  })();
  const [y, m, day] = iso.split('-').map(Number);
  if (!(m >= 1 && m <= 12) || !(day >= 1 && day <= 31)) throw new TypeError(`invalid date: ${String(value)}`);
  return `${day} ${BULAN[m - 1]} ${y}`;
}

/** "Samarinda, 1 Desember 2026"; without a place just the date. */
export function placeAndDate(place: string | null | undefined, value: string | Date, timeZone = 'Asia/Jakarta'): string {
  const tanggal = formatTanggalIndonesia(value, timeZone);
  const p = (place ?? '').trim();
  return p ? `${p}, ${tanggal}` : tanggal;
}
