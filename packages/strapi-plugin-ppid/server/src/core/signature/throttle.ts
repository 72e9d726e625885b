/**
 * Throttling of password attempts at signing, per user, like Strapi's own login: after
 * `maxFailures` wrong passwords within `windowMs` the user's signing is locked for `lockMs`.
 * Plain functions over the user's recent attempts (oldest first or in any order), so the
 * rule holds across app instances when the attempts come from the database.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const SIGNING_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type AttemptOutcome = 'failure' | 'success' | 'locked';

export interface SigningAttempt {
  /** Epoch milliseconds. */
  at: number;
  outcome: AttemptOutcome;
  /** For 'locked': the end of the lock (epoch ms). */
  lockedUntil?: number | null;
}

export interface LockState {
  locked: boolean;
  /** Epoch ms when the lock ends; null when not locked. */
  lockedUntil: number | null;
  /** Whole seconds until the lock ends (rounded up); 0 when not locked. */
  retryAfterSeconds: number;
}

/** How far back the caller must read attempts for the rule to see everything that matters. */
export function lookbackMs(rule: ThrottleRule = SIGNING_THROTTLE): number {
  return Math.max(rule.windowMs, rule.lockMs);
}

/** Is the user locked out at `now`? A correct password does not end a lock. */
export function lockState(attempts: SigningAttempt[], now: number, rule: ThrottleRule = SIGNING_THROTTLE): LockState {
  let until: number | null = null;
  for (const a of attempts) {
    if (a.outcome !== 'locked') continue;
    const end = a.lockedUntil ?? a.at + rule.lockMs;
    if (a.at <= now && end > now && (until === null || end > until)) until = end;
  }
  return until === null
    ? { locked: false, lockedUntil: null, retryAfterSeconds: 0 }
    : { locked: true, lockedUntil: until, retryAfterSeconds: Math.ceil((until - now) / 1000) };
}

/**
 * Wrong passwords that count at `now`: within the window, and after the user's last success
 * or last lock (a lock that has run out gives a fresh set of attempts, as a login counter does).
 */
export function failuresInWindow(attempts: SigningAttempt[], now: number, rule: ThrottleRule = SIGNING_THROTTLE): number {
  let since = now - rule.windowMs;
  for (const a of attempts) {
    if ((a.outcome === 'success' || a.outcome === 'locked') && a.at <= now && a.at > since) since = a.at;
  }
  return attempts.filter((a) => a.outcome === 'failure' && a.at > since && a.at <= now).length;
}

/**
 * After a wrong password at `now` (already among `attempts`): the end of the lock it starts,
 * or null when the user may still try again.
 */
export function lockAfterFailure(attempts: SigningAttempt[], now: number, rule: ThrottleRule = SIGNING_THROTTLE): number | null {
  return failuresInWindow(attempts, now, rule) >= rule.maxFailures ? now + rule.lockMs : null;
}
