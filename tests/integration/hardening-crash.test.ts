import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, Person } from '../helpers/people';
import { consistencyProblems, runAtStep3, seed000, Seed000 } from '../helpers/hardening';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../bench/lib/child');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const probe = require('../helpers/crash-probe');

// kill -9 of an app instance (a child process on this test's database) in the middle of a burst
// of acts, while at least one act's transaction is open (the child logs acts started, sealed and
// committed): after a restart that act left nothing behind, every run is consistent (state
// matches records, lock == version), the chain verifies, and the interrupted runs can go on.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const RUNS = 8;

let app: TestApp;
let s: Seed000;
let runIds: string[];

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'CRASH', 1);
  runIds = [];
  for (let i = 0; i < RUNS; i++) runIds.push(await runAtStep3(app, s, `Informasi sebelum crash nomor ${i}`));
});
afterAll(async () => {
  await app?.stop();
});

/** The forward act at steps 3-5 of seed 000 (paraf, then two signatures). */
function forwardFor(step: number): { who: (s: Seed000) => Person; body: (p: Person) => Record<string, unknown> } {
  if (step === 3) return { who: (x) => x.kasis[0], body: () => ({ act: 'approve', step: 3 }) };
  if (step === 4) return { who: (x) => x.p.sekcam, body: (p) => ({ act: 'approve', step: 4, password: p.password, confirmIntent: true }) };
  return { who: (x) => x.p.camat, body: (p) => ({ act: 'approve', step: 5, password: p.password, confirmIntent: true }) };
}

it(`${client}: a kill -9 in the middle of a burst of acts leaves every run consistent after restart`, async () => {
  const child = await startServer({ LOG_LEVEL: 'error' });
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-crash-')), 'acts.log');
  await child.call('tests/helpers/crash-probe.js', 'install', log, 300);
  let answered = 0;
  let atKill: ReturnType<typeof probe.read> | null = null;
  // Every run walks steps 3 -> 4 -> 5 at once; the instance dies after a few answers, at a moment
  // when an act has sealed its record and its transaction is still open.
  const killed = new Promise<void>((resolve) => {
    const check = setInterval(async () => {
      if (answered < 6 || atKill) return;
      const now = probe.read(log);
      if (!now.sealedInFlight.length) return;
      atKill = now;
      clearInterval(check);
      await child.kill9();
      resolve();
    }, 5);
  });
  const lanes = runIds.map(async (runId) => {
    for (const step of [3, 4, 5]) {
      const f = forwardFor(step);
      const who = f.who(s);
      try {
        const r = await request(child.url).post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(f.body(who)).timeout(30000);
        answered++;
        if (r.status !== 200) return;
      } catch {
        return; // connection reset by the kill
      }
    }
  });
  await Promise.all([killed, ...lanes]);

  // The kill landed in flight: acts had committed, at least one had started and not committed,
  // and at least one of those had sealed its record inside its open transaction.
  const after = probe.read(log);
  expect(atKill).not.toBeNull();
  expect(after.committed.size).toBeGreaterThanOrEqual(1);
  expect(after.inFlight.length).toBeGreaterThanOrEqual(1);
  expect(after.sealedInFlight.length).toBeGreaterThanOrEqual(1);
  // Rolled back: the records sealed by the interrupted acts are not in the database (a commit
  // can only have slipped in for an act whose "commit" line the kill cut off, so at least one).
  const codes = after.sealedInFlight.flatMap((id: string) => after.sealed.get(id) ?? []);
  const stored = await app.strapi.db.query('plugin::ppid.signature-record').findMany({ where: { verificationCode: { $in: codes } }, select: ['verificationCode'] });
  expect(stored.length).toBeLessThan(codes.length);

  // Restart (a fresh instance on the same database), then check every run and the chain.
  const restarted = await startServer({ LOG_LEVEL: 'error' });
  try {
    expect(await consistencyProblems(app)).toEqual([]);
    // Each run can be driven on to step 6 from wherever the crash left it.
    for (const runId of runIds) {
      for (let guard = 0; guard < 4; guard++) {
        const view = await request(restarted.url).get(`/ppid/runs/${runId}`).set(bearer(s.p.camat));
        expect(view.status).toBe(200);
        const step = view.body.data.currentStep.number;
        expect(step).toBeGreaterThanOrEqual(3);
        if (step >= 6) break;
        const f = forwardFor(step);
        const who = f.who(s);
        const r = await request(restarted.url).post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(f.body(who));
        expect(r.status).toBe(200);
      }
    }
    expect(await consistencyProblems(app)).toEqual([]);
  } finally {
    await restarted.stop();
  }
});
