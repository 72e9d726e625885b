import { failuresInWindow, lockAfterFailure, lockState, SIGNING_THROTTLE, type SigningAttempt } from '../throttle';

const MIN = 60_000;
const T0 = Date.parse('2026-11-30T08:00:00.000Z');
const fail = (min: number): SigningAttempt => ({ at: T0 + min * MIN, outcome: 'failure' });

describe('signing throttle (5 wrong passwords in 15 minutes lock signing for 15 minutes)', () => {
  it('uses the login rule', () => {
    expect(SIGNING_THROTTLE).toEqual({ maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN });
  });

  it('four failures do not lock; the fifth inside the window does', () => {
    const four = [0, 1, 2, 3].map(fail);
    expect(lockAfterFailure(four, T0 + 3 * MIN)).toBeNull();
    const five = [...four, fail(4)];
    expect(lockAfterFailure(five, T0 + 4 * MIN)).toBe(T0 + 19 * MIN);
  });

  it('failures older than the window do not count', () => {
    const spread = [0, 6, 10, 15, 20].map(fail); // at minute 20, the one at 0 is 20 minutes old
    expect(failuresInWindow(spread, T0 + 20 * MIN)).toBe(4);
    expect(lockAfterFailure(spread, T0 + 20 * MIN)).toBeNull();
  });

  it('a success resets the count', () => {
    const attempts = [fail(0), fail(1), fail(2), fail(3), { at: T0 + 4 * MIN, outcome: 'success' as const }, fail(5)];
    expect(failuresInWindow(attempts, T0 + 5 * MIN)).toBe(1);
  });

  it('a lock holds until it ends, with the time left rounded up to seconds', () => {
    const attempts: SigningAttempt[] = [...[0, 1, 2, 3, 4].map(fail), { at: T0 + 4 * MIN, outcome: 'locked', lockedUntil: T0 + 19 * MIN }];
    expect(lockState(attempts, T0 + 4 * MIN + 500)).toEqual({ locked: true, lockedUntil: T0 + 19 * MIN, retryAfterSeconds: 15 * 60 });
    expect(lockState(attempts, T0 + 19 * MIN - 1).locked).toBe(true);
    expect(lockState(attempts, T0 + 19 * MIN)).toEqual({ locked: false, lockedUntil: null, retryAfterSeconds: 0 });
  });

  it('after a lock ends the user has a fresh set of attempts', () => {
    const attempts: SigningAttempt[] = [...[0, 1, 2, 3, 4].map(fail), { at: T0 + 4 * MIN, outcome: 'locked', lockedUntil: T0 + 19 * MIN }, fail(19)];
    expect(failuresInWindow(attempts, T0 + 19 * MIN)).toBe(1);
    expect(lockAfterFailure(attempts, T0 + 19 * MIN)).toBeNull();
  });

  it('attempts in the future of `now` (another clock) are ignored', () => {
    const attempts = [0, 1, 2, 3, 4].map(fail);
    expect(failuresInWindow(attempts, T0 - MIN)).toBe(0);
    expect(lockState([{ at: T0, outcome: 'locked', lockedUntil: T0 + 15 * MIN }], T0 - MIN).locked).toBe(false);
  });
});
