import type { WorkingCalendar } from './working-calendar';

const DAYS = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const ZONES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
const clock = (t: string) => t.replace(':', '.');

/**
 * The body's jam kerja in words, for the reports: "Senin–Kamis 07.30–16.00, Jumat 07.30–16.30
 * WIB, di luar hari libur". Consecutive days with the same hours are joined.
 */
export function workingHoursSentence(cal: Pick<WorkingCalendar, 'timeZone' | 'workingDays' | 'hours'>): string {
  const days = [...cal.workingDays].sort((a, b) => a - b).filter((d) => cal.hours[d]);
  const spans: { from: number; to: number; hours: string }[] = [];
  for (const d of days) {
    const h = cal.hours[d]!;
    const hours = `${clock(h.start)}–${clock(h.end)}${h.breaks?.length ? ` (istirahat ${h.breaks.map((b) => `${clock(b.start)}–${clock(b.end)}`).join(', ')})` : ''}`;
    const last = spans[spans.length - 1];
    if (last && last.hours === hours && last.to === d - 1) last.to = d;
    else spans.push({ from: d, to: d, hours });
  }
  if (!spans.length) return 'tidak ada jam kerja';
  const text = spans.map((s) => `${DAYS[s.from]}${s.to !== s.from ? `–${DAYS[s.to]}` : ''} ${s.hours}`).join(', ');
  return `${text} ${ZONES[cal.timeZone] ?? cal.timeZone}, di luar hari libur`;
}

/** A span of minutes as a person reads it: "45 menit", "3 jam 5 menit", "2 hari 4 jam". */
export function durationText(totalMinutes: number): string {
  let m = Math.max(0, Math.round(totalMinutes));
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  if (d) return h ? `${d} hari ${h} jam` : `${d} hari`;
  if (h) return m ? `${h} jam ${m} menit` : `${h} jam`;
  return `${m} menit`;
}
