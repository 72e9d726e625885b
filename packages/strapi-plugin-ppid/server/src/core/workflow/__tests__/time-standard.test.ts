import { parseDuration, parseTimeStandard, stepDeadline, validateSopDefinition } from '..';
import { loadSeed } from './fixtures';

const value = (v: unknown) => {
  const r = parseTimeStandard(v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('parseTimeStandard: waktu as SOPs write it', () => {
  it.each([
    ['15 menit', { amount: 15, unit: 'minute' }],
    ['30 Menit', { amount: 30, unit: 'minute' }],
    ['1 jam', { amount: 1, unit: 'hour' }],
    ['2 hari', { amount: 2, unit: 'day' }],
    ['3 hari kerja', { amount: 3, unit: 'day' }],
    ['1 minggu', { amount: 1, unit: 'week' }],
    ['1–2 hari', { amount: 2, unit: 'day' }],
    ['1-2 hari', { amount: 2, unit: 'day' }],
    ['2 - 1 jam', { amount: 2, unit: 'hour' }],
    ['1 s.d. 3 hari kerja', { amount: 3, unit: 'day' }],
    ['1 x 24 jam', { amount: 24, unit: 'hour' }],
    ['0,5 jam', { amount: 0.5, unit: 'hour' }],
    ['10 minutes', { amount: 10, unit: 'minute' }],
    ['1 week', { amount: 1, unit: 'week' }],
    [{ amount: 15, unit: 'minute' }, { amount: 15, unit: 'minute' }],
    [{ amount: 2, unit: 'hari' }, { amount: 2, unit: 'day' }],
  ])('%p', (input, expected) => {
    expect(value(input)).toEqual(expected);
  });

  it('blank and tentatif are untimed', () => {
    for (const blank of [null, '', '  ', '-', 'tentatif', 'Tentatif']) expect(value(blank)).toBe('tentatif');
  });

  it('refuses what it cannot read, saying how to write it', () => {
    for (const bad of ['segera', '15', 'jam 15', '2 bulan', '0 menit', { amount: -1, unit: 'hour' }, { amount: 1, unit: 'jam', x: 1 }, 5, []]) {
      const r = parseTimeStandard(bad);
      expect(r.ok).toBe(false);
    }
    const r = parseTimeStandard('2 bulan');
    expect(!r.ok && r.message).toMatch(/"2 bulan".*15 menit/);
  });

  it('a duration is never untimed (fastTrackStandard)', () => {
    expect(parseDuration('tentatif').ok).toBe(false);
    expect(parseDuration('5 menit')).toEqual({ ok: true, value: { amount: 5, unit: 'minute' } });
  });

  it('a step written in Indonesian validates and counts its deadline from the upper bound', () => {
    const sop = JSON.parse(JSON.stringify(loadSeed('palaran')));
    sop.steps[4].standard = '1–2 jam';
    sop.steps[4].fastTrackStandard = '30 menit';
    sop.steps[1].standard = '';
    const r = validateSopDefinition(sop);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.steps[4]!.standard).toEqual({ amount: 2, unit: 'hour' });
    expect(r.value.steps[1]!.standard).toBe('tentatif');
    const t0 = new Date('2025-01-06T01:00:00Z');
    expect(stepDeadline(r.value.steps[4]!, t0)).toBe('2025-01-06T03:00:00.000Z');
    expect(stepDeadline(r.value.steps[4]!, t0, true)).toBe('2025-01-06T01:30:00.000Z');
  });
});
