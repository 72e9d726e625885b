import { jobSlot, latestFire, mysqlLockName, pgLockKeys, slotCounterName, slotDue } from '../lease';

describe('job slots', () => {
  const now = new Date('2026-12-01T05:00:30.123Z');

  it('names the interval by the nominal fire date, to the second', () => {
    expect(jobSlot(new Date('2026-12-01T05:00:00.004Z'), now)).toBe(Date.parse('2026-12-01T05:00:00Z'));
    expect(jobSlot(new Date('2026-12-01T05:00:00.999Z'), now)).toBe(Date.parse('2026-12-01T05:00:00Z'));
    // Two instances woken a moment apart share the fire date, so the slot.
    expect(jobSlot(new Date('2026-12-01T05:01:00Z'), new Date('2026-12-01T05:01:00.030Z'))).toBe(
      jobSlot(new Date('2026-12-01T05:01:00Z'), new Date('2026-12-01T05:01:01.700Z'))
    );
  });

  it('falls back to now without a usable fire date', () => {
    expect(jobSlot(undefined, now)).toBe(Date.parse('2026-12-01T05:00:30Z'));
    expect(jobSlot(new Date('nope'), now)).toBe(Date.parse('2026-12-01T05:00:30Z'));
  });

  it('a slot is due only after the last claimed one', () => {
    expect(slotDue(null, 1000)).toBe(true);
    expect(slotDue('0', 1000)).toBe(true);
    expect(slotDue('1000', 1000)).toBe(false);
    expect(slotDue(2000, 1000)).toBe(false); // an older fire date after a newer run: never again
    expect(slotDue('1000', 2000)).toBe(true);
    expect(slotDue('garbage', 2000)).toBe(true);
  });
});

describe('the latest fire time of a rule', () => {
  // Every 2 seconds, like `*/2 * * * * *`.
  const every2s = (after: Date) => new Date((Math.floor(after.getTime() / 2000) + 1) * 2000);
  const at = (iso: string) => new Date(iso);

  it('is the nominal time that just fired, whenever the timer woke up', () => {
    expect(latestFire(every2s, at('2026-12-01T05:00:02.030Z'))).toEqual(at('2026-12-01T05:00:02Z'));
    expect(latestFire(every2s, at('2026-12-01T05:00:03.500Z'))).toEqual(at('2026-12-01T05:00:02Z'));
    expect(latestFire(every2s, at('2026-12-01T05:00:01.800Z'))).toEqual(at('2026-12-01T05:00:02Z')); // a timer a little early
  });

  it('is null when the rule did not fire within the look-back', () => {
    const daily7 = (after: Date) => {
      const d = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), 7));
      return d.getTime() > after.getTime() ? d : new Date(d.getTime() + 86_400_000);
    };
    expect(latestFire(daily7, at('2026-12-01T07:00:00.200Z'))).toEqual(at('2026-12-01T07:00:00Z'));
    expect(latestFire(daily7, at('2026-12-01T09:00:00Z'))).toBeNull();
    expect(latestFire(() => null, at('2026-12-01T09:00:00Z'))).toBeNull();
  });
});

describe('lock names', () => {
  it('PostgreSQL keys are two int4 values, stable, distinct per job', () => {
    const [a, b] = pgLockKeys('ppidReminders');
    for (const k of [a, b]) expect(Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31).toBe(true);
    expect(pgLockKeys('ppidReminders')).toEqual([a, b]);
    expect(pgLockKeys('ppidDigest')[0]).toBe(a);
    expect(pgLockKeys('ppidDigest')[1]).not.toBe(b);
  });

  it('MariaDB names carry the database (GET_LOCK is server-wide) and fit 64 characters', () => {
    expect(mysqlLockName('ppid', 'ppidReminders')).toBe('ppid:ppid:ppidReminders');
    expect(mysqlLockName('a', 'x')).not.toBe(mysqlLockName('b', 'x'));
    const long = mysqlLockName('d'.repeat(64), 'ppidReminders');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toBe(mysqlLockName('d'.repeat(64), 'ppidReminders'));
    expect(long).not.toBe(mysqlLockName('d'.repeat(64), 'ppidDigest'));
  });

  it('slot rows are named per job', () => {
    expect(slotCounterName('ppidCheckpoint')).toBe('job:ppidCheckpoint');
  });
});
