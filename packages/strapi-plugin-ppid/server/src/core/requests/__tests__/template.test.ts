import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DEFAULT_CALENDAR } from '../../calendar';
import { parseSopText, standardFor } from '../../workflow';
import { LEGAL_WORKING_DAYS } from '..';

const SOPS_DIR = join(__dirname, '../../../../../sops');

describe('template 101 Pelayanan Permohonan Informasi Publik', () => {
  const parsed = parseSopText(readFileSync(join(SOPS_DIR, '101-pelayanan-permohonan-informasi.yaml'), 'utf8'));

  it('validates with the SOP validator', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  it('registration, forwarding, search and preparation, consequence test, the PPID-signed notice, delivery', () => {
    if (!parsed.ok) throw new Error('invalid');
    const sop = parsed.value;
    expect(sop.code).toBe('pelayanan-permohonan-informasi');
    expect(sop.header.namaSop).toBe('Pelayanan Permohonan Informasi Publik');
    expect(sop.steps.map((s) => [s.role, s.act])).toEqual([
      ['petugas-informasi', 'collect'],
      ['petugas-informasi', 'handover'],
      ['ppid-pelaksana', 'draft'],
      ['ppid', 'classify'],
      ['ppid', 'decide'],
      ['petugas-informasi', 'handover'],
    ]);
    // A decision SOP: nothing is published by it.
    expect(sop.steps.some((s) => s.act === 'publish')).toBe(false);
  });

  it('its time standards fit inside the 10 working days of Pasal 22 ayat (7)', () => {
    if (!parsed.ok) throw new Error('invalid');
    const perWeek = DEFAULT_CALENDAR.workingDays.length;
    const days = parsed.value.steps.reduce((sum, s) => {
      const st = standardFor(s, false);
      if (st === 'tentatif') throw new Error(`step ${s.number} is untimed`);
      return sum + (st.unit === 'day' ? st.amount : st.unit === 'week' ? st.amount * perWeek : 0);
    }, 0);
    expect(days).toBeLessThanOrEqual(LEGAL_WORKING_DAYS.notice);
  });
});

describe('template 102 Penanganan Keberatan', () => {
  const parsed = parseSopText(readFileSync(join(SOPS_DIR, '102-penanganan-keberatan.yaml'), 'utf8'));

  it('validates; the Atasan PPID decides and signs the answer (Pasal 36 ayat 2) within 30 working days', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.value.code).toBe('penanganan-keberatan');
    expect(parsed.value.steps.find((s) => s.act === 'decide')?.role).toBe('atasan-ppid');
    const days = parsed.value.steps.reduce((sum, s) => {
      const st = standardFor(s, false);
      if (st === 'tentatif' || st.unit !== 'day') throw new Error(`step ${s.number}: a standard in days`);
      return sum + st.amount;
    }, 0);
    expect(days).toBeLessThanOrEqual(LEGAL_WORKING_DAYS.objectionAnswer);
  });
});
