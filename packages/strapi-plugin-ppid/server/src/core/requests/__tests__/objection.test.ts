import { DEFAULT_CALENDAR } from '../../calendar';
import { checkObjectionTiming, objectionWindowStart, validateObjection } from '..';

const pathsOf = (input: unknown) => {
  const r = validateObjection(input);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('validateObjection (Pasal 35 ayat 1)', () => {
  it('accepts one or more letters a-g, sorted and without repeats', () => {
    const r = validateObjection({ email: ' Siti@Example.id', reasons: ['e', 'c', 'c'], statement: ' Tidak ada tanggapan ' });
    expect(r).toEqual({ ok: true, value: { email: 'siti@example.id', reasons: ['c', 'e'], statement: 'Tidak ada tanggapan' } });
  });

  it('names each bad field', () => {
    expect(pathsOf({})).toEqual(['email', 'reasons', 'statement']);
    expect(pathsOf({ email: 'a@b.id', reasons: [], statement: 'x' })).toEqual(['reasons']);
    expect(pathsOf({ email: 'a@b.id', reasons: ['c', 'h', 7], statement: 'x' })).toEqual(['reasons.1', 'reasons.2']);
    expect(pathsOf({ email: 'a@b.id', reasons: ['c'], statement: 'x', nik: '1' })).toEqual(['nik']);
  });
});

describe('objection timing (Pasal 36 ayat 1)', () => {
  const dueAt = new Date('2026-11-02T02:00:00Z'); // Monday 2 November 2026, 09:00 WIB

  it('counts from the written notice when one was sent, else from the notice deadline', () => {
    const sent = new Date('2026-10-26T02:00:00Z');
    expect(objectionWindowStart({ dueAt })).toBe(dueAt);
    expect(objectionWindowStart({ dueAt, noticeSentAt: sent })).toBe(sent);
  });

  it('accepts an objection up to 30 working days later and refuses one after, saying why', () => {
    const last = new Date('2026-12-14T02:00:00Z');
    expect(checkObjectionTiming({ dueAt }, last, DEFAULT_CALENDAR)).toEqual({ ok: true, deadline: last });
    const late = checkObjectionTiming({ dueAt }, new Date(last.getTime() + 60_000), DEFAULT_CALENDAR);
    expect(late.ok).toBe(false);
    expect(late.ok ? '' : late.message).toMatch(/Pasal 36 ayat 1/);
    expect(late.deadline).toEqual(last);
  });
});
