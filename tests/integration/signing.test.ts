import { startApp, TestApp } from '../helpers/strapi';
import { bearer, Person } from '../helpers/people';
import { runAtStep3, seed000, Seed000, RECORD } from '../helpers/hardening';
import { startSecondInstance } from '../helpers/second-instance';
import { INTENT_STATEMENTS } from '../../packages/strapi-plugin-ppid/server/src/core/signature/intent';

// The signature step is passed only with the signer's own confirmation: no externalRef
// shortcut, the statement that fits the act sealed in the record, and password attempts
// throttled per user in the database (5 wrong in 15 minutes lock signing for 15 minutes),
// checked before the act's transaction opens.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const ATTEMPT = 'plugin::ppid.signing-attempt';

let app: TestApp;
let s: Seed000;

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const clock = () => app.strapi.plugin('ppid').service('clock');

/** A seed 000 run at step 4 (the Sekretaris Kecamatan's tanda tangan). */
async function runAtStep4(title: string) {
  const runId = await runAtStep3(app, s, title);
  const paraf = await act(s.kasis[0], runId, { act: 'approve', step: 3 });
  expect(paraf.status).toBe(200);
  return runId;
}

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'SIGN', 1);
});
afterAll(async () => {
  clock()?.setNow(null);
  await app?.stop();
});

describe(`${client}: signing`, () => {
  it('externalRef is refused with a 400 naming the field, with or without a password, and nothing is signed', async () => {
    const runId = await runAtStep4('Informasi dengan rujukan BSrE palsu');
    const ref = { provider: 'BSrE', documentId: 'BSRE-DOC-1', certificateSerial: '00AA' };
    const before = await app.strapi.db.query(RECORD).count({});
    for (const body of [
      { act: 'approve', step: 4, externalRef: ref },
      { act: 'approve', step: 4, externalRef: ref, password: s.p.sekcam.password, confirmIntent: true },
      { act: 'approve', step: 4, externalRef: null },
    ]) {
      const r = await act(s.p.sekcam, runId, body);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/externalRef/);
      expect(r.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('externalRef');
    }
    expect(await app.strapi.db.query(RECORD).count({})).toBe(before);
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.p.sekcam));
    expect(view.body.data.currentStep.number).toBe(4);
  });

  it('a publication signature seals the statement it was given, and the password is checked outside the transaction', async () => {
    const runId = await runAtStep4('Informasi untuk ditandatangani');
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.p.sekcam));
    expect(view.body.data.currentStep).toMatchObject({ number: 4, recordKind: 'tanda_tangan', intentStatement: INTENT_STATEMENTS.publication.tanda_tangan });

    // Watch the password check (bcrypt, on a worker thread): it must not run inside a database transaction.
    const auth = app.strapi.plugin('ppid').service('signing') as any;
    const original = auth.verifyPassword;
    const inTransaction: boolean[] = [];
    auth.verifyPassword = (...args: unknown[]) => {
      inTransaction.push(app.strapi.db.inTransaction());
      return original.apply(auth, args);
    };
    let signed;
    try {
      signed = await act(s.p.sekcam, runId, { act: 'approve', step: 4, password: s.p.sekcam.password, confirmIntent: true });
    } finally {
      auth.verifyPassword = original;
    }
    expect(signed.status).toBe(200);
    expect(inTransaction).toEqual([false]);
    const record = signed.body.data.written[0];
    expect(record).toMatchObject({ kind: 'tanda_tangan', stepNumber: 4, method: 'login', externalRef: null, intent: INTENT_STATEMENTS.publication.tanda_tangan });
    const stored = await app.strapi.db.query(RECORD).findOne({ where: { hash: record.hash } });
    const body = typeof stored.body === 'string' ? JSON.parse(stored.body) : stored.body;
    expect(body.intent).toBe(INTENT_STATEMENTS.publication.tanda_tangan);
    expect((await app.strapi.plugin('ppid').service('records').verifyChains()).ok).toBe(true);
  });

  it('five wrong passwords in 15 minutes lock signing for 15 minutes, on every instance, even for the right password', async () => {
    const runId = await runAtStep4('Informasi saat kata sandi salah');
    const signer = s.p.camat; // a fresh user for the throttle (the Sekcam signs step 4 first)
    const sekcam = await act(s.p.sekcam, runId, { act: 'approve', step: 4, password: s.p.sekcam.password, confirmIntent: true });
    expect(sekcam.status).toBe(200);
    const t0 = new Date('2026-12-01T02:00:00.000Z');
    clock().setNow(t0);
    const wrong = () => act(signer, runId, { act: 'approve', step: 5, password: 'bukan-kata-sandinya', confirmIntent: true });
    for (let i = 1; i <= 4; i++) {
      const r = await wrong();
      expect(r.status).toBe(400);
      expect(r.body.error.details.errors[0].path).toEqual(['password']);
      expect(r.body.error.message).toMatch(new RegExp(`sisa ${5 - i} percobaan`));
    }
    const fifth = await wrong();
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toMatch(/dikunci/);
    expect(fifth.body.error.message).toMatch(/15 menit/);
    expect(fifth.body.error.details).toMatchObject({ reason: 'signing_locked', lockedUntil: '2026-12-01T02:15:00.000Z', retryAfterSeconds: 900 });
    expect(fifth.headers['retry-after']).toBe('900');

    // The lock is recorded in the database.
    const rows = await app.strapi.db.query(ATTEMPT).findMany({ where: { userId: signer.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r: any) => r.outcome)).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'locked']);
    expect(new Date(rows[5].lockedUntil).toISOString()).toBe('2026-12-01T02:15:00.000Z');

    // The right password ten minutes later is still refused, with the time left; nothing is signed.
    clock().setNow(new Date(t0.getTime() + 10 * 60_000));
    const right = await act(signer, runId, { act: 'approve', step: 5, password: signer.password, confirmIntent: true });
    expect(right.status).toBe(429);
    expect(right.body.error.details).toMatchObject({ reason: 'signing_locked', retryAfterSeconds: 300 });
    expect(right.headers['retry-after']).toBe('300');
    expect(right.body.error.message).toMatch(/5 menit/);
    expect((await app.http().get(`/ppid/runs/${runId}`).set(bearer(signer))).body.data.currentStep.number).toBe(5);

    // Another app instance on the same database sees the same lock.
    const second = await startSecondInstance();
    try {
      await second.setNow(new Date(t0.getTime() + 10 * 60_000));
      expect(await second.service('signing', 'lockState', signer.id)).toMatchObject({ locked: true, retryAfterSeconds: 300 });
      await second.setNow(new Date(t0.getTime() + 15 * 60_000));
      expect(await second.service('signing', 'lockState', signer.id)).toMatchObject({ locked: false });
    } finally {
      await second.stop();
    }

    // When the lock ends the right password signs.
    clock().setNow(new Date(t0.getTime() + 15 * 60_000 + 1000));
    const after = await act(signer, runId, { act: 'approve', step: 5, password: signer.password, confirmIntent: true });
    expect(after.status).toBe(200);
    expect(after.body.data.written[0]).toMatchObject({ kind: 'tanda_tangan', stepNumber: 5, intent: INTENT_STATEMENTS.publication.tanda_tangan });
    clock().setNow(null);
  });

  it('a locked user is refused before any password check; other users sign on', async () => {
    const runId = await runAtStep4('Informasi pengguna lain');
    const t0 = new Date('2026-12-02T02:00:00.000Z');
    clock().setNow(t0);
    for (let i = 0; i < 5; i++) await act(s.p.sekcam, runId, { act: 'approve', step: 4, password: `salah-${i}`, confirmIntent: true });
    // Strapi's own check (the path without password threads) is watched: it must not run.
    const auth = app.strapi.service('admin::auth') as any;
    const original = auth.validatePassword;
    let calls = 0;
    auth.validatePassword = (...args: unknown[]) => {
      calls++;
      return original.apply(auth, args);
    };
    process.env.PPID_PASSWORD_THREADS = '0';
    try {
      const locked = await act(s.p.sekcam, runId, { act: 'approve', step: 4, password: s.p.sekcam.password, confirmIntent: true });
      expect(locked.status).toBe(429);
      expect(calls).toBe(0);
      // The watch does see a check when one is made.
      await app.strapi.plugin('ppid').service('signing').verifyPassword(s.p.camat.id, s.p.camat.password);
      expect(calls).toBe(1);
    } finally {
      delete process.env.PPID_PASSWORD_THREADS;
      auth.validatePassword = original;
      clock().setNow(null);
    }
    // The camat's own count is untouched by the Sekcam's lock.
    expect(await app.strapi.plugin('ppid').service('signing').lockState(s.p.camat.id)).toMatchObject({ locked: false });
  });
});

