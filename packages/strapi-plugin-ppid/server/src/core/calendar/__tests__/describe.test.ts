import { durationText, workingHoursSentence } from '../describe';
import { DEFAULT_CALENDAR } from '../working-calendar';

describe('workingHoursSentence', () => {
  it('joins days with the same hours and names the zone', () => {
    expect(workingHoursSentence(DEFAULT_CALENDAR)).toBe('Senin–Kamis 07.30–16.00, Jumat 07.30–16.30 WIB, di luar hari libur');
  });

  it('shows breaks and a body in WITA working on Saturday', () => {
    const cal = {
      timeZone: 'Asia/Makassar',
      workingDays: [1, 2, 6] as any,
      hours: {
        1: { start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '13:00' }] },
        2: { start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '13:00' }] },
        6: { start: '08:00', end: '12:00' },
      },
    };
    expect(workingHoursSentence(cal)).toBe('Senin–Selasa 08.00–16.00 (istirahat 12.00–13.00), Sabtu 08.00–12.00 WITA, di luar hari libur');
  });
});

describe('durationText', () => {
  it.each([
    [0, '0 menit'],
    [45, '45 menit'],
    [60, '1 jam'],
    [185, '3 jam 5 menit'],
    [1440 * 2 + 240 + 7, '2 hari 4 jam'],
    [1440, '1 hari'],
  ])('%d minutes read as %s', (m, text) => expect(durationText(m)).toBe(text));
});
