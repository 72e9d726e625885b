import type { Core } from '@strapi/strapi';
import { failuresInWindow, lockAfterFailure, lockState, lookbackMs, SIGNING_THROTTLE, type LockState, type SigningAttempt } from '../../core/signature';
import { fieldError, tooManyRequests } from '../../errors';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { comparePassword } from '../password-threads';

/**
 * The signer's password at paraf/tanda tangan, throttled per user (core/signature/throttle.ts).
 * Attempts and locks are rows in the database, read with the plugin clock, so a lock holds on
 * every app instance. Called before the act's transaction opens: the bcrypt check is slow and
 * must not hold the chain's lock or a pooled connection in a transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const attempts = () => strapi.db.query(UID.signingAttempt);
  const now = (): number => getService(strapi, 'clock').now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  async function recent(userId: number, at: number): Promise<SigningAttempt[]> {
    const rows = await attempts().findMany({
      where: { userId, attemptedAt: { $gt: iso(at - lookbackMs()) } },
      select: ['attemptedAt', 'outcome', 'lockedUntil'],
      orderBy: { attemptedAt: 'desc' },
      limit: 200,
    });
    return rows.map((r: { attemptedAt: string | Date; outcome: SigningAttempt['outcome']; lockedUntil: string | Date | null }) => ({
      at: new Date(r.attemptedAt).getTime(),
      outcome: r.outcome,
      lockedUntil: r.lockedUntil ? new Date(r.lockedUntil).getTime() : null,
    }));
  }

  function lockedError(state: LockState, at: number, justLocked: boolean) {
    const minutes = Math.max(1, Math.ceil(state.retryAfterSeconds / 60));
    const until = iso(state.lockedUntil!);
    const why = justLocked ? `Kata sandi salah ${SIGNING_THROTTLE.maxFailures} kali. ` : '';
    return tooManyRequests(
      `${why}Penandatanganan Anda dikunci sampai ${until} (${minutes} menit lagi) / signing is locked for ${minutes} more minute(s) after too many wrong passwords`,
      { reason: 'signing_locked', lockedUntil: until, retryAfterSeconds: state.retryAfterSeconds, checkedAt: iso(at) }
    );
  }

  const self = {
    /** Whether the user's signing is locked now (read from the database). */
    async lockState(userId: number): Promise<LockState> {
      const at = now();
      return lockState(await recent(userId, at), at);
    },

    /**
     * Throws 429 while the user is locked (even for a correct password), 400 `password` for a
     * wrong one (recorded; the fifth in the window starts a lock and answers 429).
     */
    async verifyPassword(userId: number, password: string, meta: { ip?: string | null } = {}): Promise<void> {
      const at = now();
      const before = await recent(userId, at);
      const state = lockState(before, at);
      if (state.locked) throw lockedError(state, at, false);
      const user = await strapi.db.query('admin::user').findOne({ where: { id: userId }, select: ['id', 'password'] });
      // bcrypt on a worker thread (password-threads.ts): ~100 ms of CPU kept off the event loop.
      const ok = !!user?.password && (await comparePassword(password, user.password, () => strapi.service('admin::auth').validatePassword(password, user.password)));
      const ip = meta.ip ? String(meta.ip).slice(0, 100) : null;
      if (ok) {
        // A success resets the count; written only when there is a count to reset.
        if (failuresInWindow(before, at) > 0) await attempts().create({ data: { userId, attemptedAt: iso(at), outcome: 'success', ip } });
        return;
      }
      await attempts().create({ data: { userId, attemptedAt: iso(at), outcome: 'failure', ip } });
      // Re-read: failures made on other instances meanwhile count too.
      const after = await recent(userId, at);
      const until = lockAfterFailure(after, at);
      if (until !== null) {
        await attempts().create({ data: { userId, attemptedAt: iso(at), outcome: 'locked', lockedUntil: iso(until), ip } });
        strapi.log.warn(`[ppid] signing locked for admin user ${userId} until ${iso(until)} after ${SIGNING_THROTTLE.maxFailures} wrong passwords`);
        throw lockedError(lockState([...after, { at, outcome: 'locked', lockedUntil: until }], at), at, true);
      }
      const left = SIGNING_THROTTLE.maxFailures - failuresInWindow(after, at);
      throw fieldError('password', `Kata sandi salah; sisa ${left} percobaan sebelum penandatanganan dikunci / wrong password, ${left} attempt(s) left`);
    },
  };
  return self;
};
