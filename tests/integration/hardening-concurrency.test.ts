import request from 'supertest';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer } from '../helpers/people';
import { consistencyProblems, RECORD, runAtStep3, seed000, Seed000 } from '../helpers/hardening';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../bench/lib/child');

// 50 concurrent conflicting acts on the same steps. On PostgreSQL they are spread over TWO app
// instances on one database (the second is a child process: Strapi keeps one global `strapi`
// per process), as behind a load balancer; SQLite and MySQL run them on one instance.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const twoInstances = client === 'postgres';
const RUNS = 5;
const KASIS = 10;

let app: TestApp;
let second: { url: string; stop(): Promise<void> } | null = null;
let s: Seed000;
let runIds: string[];

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'KONK', KASIS);
  runIds = [];
  for (let i = 0; i < RUNS; i++) runIds.push(await runAtStep3(app, s, `Pengumuman serentak nomor ${i}`));
  // Same database and secrets (process.env, set by startApp): tokens from one instance work on the other.
  if (twoInstances) second = await startServer({ LOG_LEVEL: 'error' });
});
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

const title = twoInstances
  ? 'two app instances on one PostgreSQL: 50 concurrent conflicting acts, exactly one per step succeeds, the rest get 409'
  : `one instance on ${client}: 50 concurrent conflicting acts, exactly one per step succeeds, the rest get 409`;

it(title, async () => {
  const versions = new Map<string, number>();
  for (const runId of runIds) {
    const v = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.kasis[0]));
    expect(v.status).toBe(200);
    expect(v.body.data.currentStep.number).toBe(3);
    versions.set(runId, v.body.data.version);
  }
  const recordsBefore = await app.strapi.db.query(RECORD).count({});
  const jobs = runIds.flatMap((runId) =>
    s.kasis.map((kasi, k) => {
      const target = second && k % 2 === 1 ? request(second.url) : app.http();
      return target
        .post(`/ppid/runs/${runId}/acts`)
        .set(bearer(kasi))
        .send({ act: 'approve', step: 3, expectedVersion: versions.get(runId) })
        .then((r) => ({ runId, status: r.status, instance: second && k % 2 === 1 ? 2 : 1 }));
    })
  );
  expect(jobs).toHaveLength(50);
  const results = await Promise.all(jobs);

  for (const runId of runIds) {
    const mine = results.filter((r) => r.runId === runId).map((r) => r.status);
    expect(mine.filter((st) => st === 200)).toHaveLength(1);
    expect(mine.filter((st) => st !== 200).every((st) => st === 409)).toBe(true);
    const recs = (await app.strapi.db.query(RECORD).findMany({ where: { runDocumentId: runId, stepNumber: 3 } })) as any[];
    expect(recs).toHaveLength(1);
    const run = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.kasis[0]));
    expect(run.body.data.currentStep.number).toBe(4);
  }
  if (twoInstances) expect(new Set(results.map((r) => r.instance)).size).toBe(2);
  expect(await app.strapi.db.query(RECORD).count({})).toBe(recordsBefore + RUNS);
  expect(await consistencyProblems(app)).toEqual([]);
});

it(`${twoInstances ? 'two instances' : `one instance on ${client}`}: concurrent signatures (password) on the next step, one per run, the chain stays whole`, async () => {
  // Step 4: the Sekretaris signs; every run gets the signature at once, plus a duplicate each.
  const sign = { act: 'approve', step: 4, password: s.p.sekcam.password, confirmIntent: true };
  const results = await Promise.all(
    runIds.flatMap((runId) =>
      [0, 1].map((i) => {
        const target = second && i === 1 ? request(second.url) : app.http();
        return target.post(`/ppid/runs/${runId}/acts`).set(bearer(s.p.sekcam)).send(sign).then((r) => ({ runId, status: r.status }));
      })
    )
  );
  for (const runId of runIds) expect(results.filter((r) => r.runId === runId).map((r) => r.status).sort()).toEqual([200, 409]);
  expect(await consistencyProblems(app)).toEqual([]);
});
