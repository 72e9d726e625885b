import request from 'supertest';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor } from '../helpers/people';
import { consistencyProblems, RECORD, runAtStep3, seed000, Seed000, SOP, UID } from '../helpers/hardening';
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
}, 600000); // thirteen officials (bcrypt each) and a second instance: minutes on a busy 2-core machine
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

it(`20 reviewers sign at once${twoInstances ? ' (over two instances)' : ''}: every signature succeeds, one record per act, the chain verifies`, async () => {
  // Issue #17: the chain lock is held for the append only, so twenty signers on twenty runs
  // (password and intent each) all get through; none is refused or lost.
  const t = await seed000(app, 'TTD20', 1);
  const signers = Object.values(
    await peopleFor(app, SOP, Array.from({ length: 20 }, (_, i) => ({ key: `sek20x${i}`, sopRoles: ['sekretaris'], jabatan: `Sekretaris ${i}`, unit: t.unitId })))
  );
  const wf = app.strapi.plugin('ppid').service('workflow');
  const runs: string[] = [];
  for (let i = 0; i < signers.length; i++) {
    const doc = await app.strapi.documents(UID as any).create({ data: { title: `Pengumuman bertanda tangan ${i}`, summary: 'Ringkasan', classification: 'setiap_saat', unit: t.unitId } as any });
    const run = await wf.submit({ uid: UID, documentId: doc.documentId }, t.p.camat.id);
    await wf.act(run.id, { act: 'approve' }, t.p.camat.id);
    await wf.act(run.id, { act: 'submit' }, t.p.jfu.id);
    await wf.act(run.id, { act: 'approve' }, t.kasis[0].id);
    runs.push(run.id);
  }
  const recordsBefore = await app.strapi.db.query(RECORD).count({});
  const results = await Promise.all(
    signers.map((p, i) => {
      const target = second && i % 2 === 1 ? request(second.url) : app.http();
      return target
        .post(`/ppid/runs/${runs[i]}/acts`)
        .set(bearer(p))
        .send({ act: 'approve', step: 4, password: p.password, confirmIntent: true })
        .then((r) => ({ status: r.status, body: r.body }));
    })
  );
  expect(results.filter((r) => r.status !== 200).map((r) => JSON.stringify(r.body).slice(0, 200))).toEqual([]);
  expect(await app.strapi.db.query(RECORD).count({})).toBe(recordsBefore + 20);
  for (let i = 0; i < runs.length; i++) {
    const signed = (await app.strapi.db.query(RECORD).findMany({ where: { runDocumentId: runs[i], stepNumber: 4 } })) as any[];
    expect(signed.map((r) => [r.kind, r.body.signer.userId])).toEqual([['tanda_tangan', String(signers[i].id)]]);
    // The answer carries the sealed record: its place in the chain is filled in.
    expect(results[i].body.data.written[0]).toMatchObject({ kind: 'tanda_tangan', seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }
  const seqs = (await app.strapi.db.query(RECORD).findMany({ select: ['seq'], orderBy: { seq: 'asc' } })).map((r: any) => Number(r.seq));
  expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
  expect(await consistencyProblems(app)).toEqual([]);
}, 900000);
