import request from 'supertest';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, nextNip } from '../helpers/people';
import { consistencyProblems, RECORD, RUN, runAtStep3, seed000, Seed000, SOP, UID } from '../helpers/hardening';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../bench/lib/child');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startNginx, freePort } = require('../../bench/lib/nginx');

// Several instances (issue #17, docs/deployment.md): three app instances on one PostgreSQL
// behind Debian's nginx (its own process, a generated configuration on a free port). Instance A
// is this test's own Strapi, B and C are child processes (Strapi keeps one `strapi` per
// process); all share the database, the secrets and the signing key (./keys), and every
// background job is on with a 2-second reminder rule. Under a bounded mixed load through nginx
// — public readers, 20 reviewers who log in and act on their own item, duplicate submissions
// landing on different instances, a binding change — it shows: no 5xx, one run per submitted
// item, one record per act, each reminder sent once and each job slot run by one instance, the
// binding change enforced on every instance within 2 s, the chain verified afterwards.
// PostgreSQL only (scripts/run-tests.js: ONLY_ON_POSTGRES).
const PLAIN = 'api::plain-item.plain-item';
const REVIEWERS = 20;
const SUBMISSIONS = 8;
const READS_PER_READER = 40;
const READERS = 4;
const REMINDER_RULE = '*/2 * * * * *';

let app: TestApp;
let s: Seed000;
let runIds: string[];
let others: { url: string; port: number; call(m: string, f: string, ...a: unknown[]): Promise<any>; stop(): Promise<void> }[] = [];
let nginx: { url: string; stop(): Promise<void>; errorLog(): string };
let instanceUrls: string[];
let admin: Record<string, string>;
const statuses: { what: string; status: number; upstream: string }[] = [];

const via = (url: string) => request(url);
const note = (what: string) => (res: request.Response) => {
  statuses.push({ what, status: res.status, upstream: String(res.headers['x-upstream'] ?? '') });
  return res;
};

const t0 = Date.now();
const mark = (what: string) => process.env.PPID_TEST_TIMINGS && console.log(`${what}: ${Math.round((Date.now() - t0) / 1000)} s`);

beforeAll(async () => {
  app = await startApp({
    // Every type the bench servers B and C register, so A creates all tables before they boot.
    PPID_TEST_FIXTURES: 'plain-item,indexed-item',
    PPID_REMINDERS: 'true',
    PPID_REMINDERS_RULE: REMINDER_RULE,
    TRUST_PROXY: 'true', // as docs/deployment.md sets it behind nginx
  });
  // A listens like B and C; B and C inherit the database, secrets and job settings (process.env).
  const portA = await freePort();
  await new Promise<void>((resolve, reject) => {
    app.strapi.server.httpServer.once('error', reject);
    app.strapi.server.httpServer.listen(portA, '127.0.0.1', () => resolve());
  });
  mark('A booted');
  const booting = Promise.all([startServer({ LOG_LEVEL: 'error' }), startServer({ LOG_LEVEL: 'error' })]);
  // The seed 000 cast with one Kasi, then 19 more Kasi in the same admin role (one role mapping:
  // the reviewers log in through nginx during the load, not here).
  s = await seed000(app, 'RAME', 1);
  const dir = app.strapi.plugin('ppid').service('directory');
  for (let i = 1; i < REVIEWERS; i++) {
    const email = `kasi${i}.rame@example.go.id`;
    const password = `Rahasia-kasi${i}-123`;
    const user = await dir.ensureUser({ email, firstname: `Kasi ${i}`, password, roles: [s.kasis[0].roleId] });
    await dir.ensureOfficial({ nama: `Kasi Rame ${i}`, nip: nextNip(), jabatan: `Kasi ${i}`, unit: s.unitId, user: user.id });
    s.kasis.push({ id: user.id, email, password, token: '', roleId: s.kasis[0].roleId });
  }
  mark('people');
  // Four at a time (PostgreSQL takes concurrent acts; the order of runIds is the reviewers').
  runIds = new Array(REVIEWERS);
  for (let i = 0; i < REVIEWERS; i += 4) {
    await Promise.all([0, 1, 2, 3].filter((k) => i + k < REVIEWERS).map(async (k) => (runIds[i + k] = await runAtStep3(app, s, `Pengumuman ramai nomor ${i + k}`))));
  }
  mark('runs at step 3');
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'super.rame@example.go.id', firstname: 'Super', password: 'Super-Rame-123', roles: [role.id] });
  admin = { Authorization: `Bearer ${await login(app, 'super.rame@example.go.id', 'Super-Rame-123')}` };
  others = await booting;
  mark('B and C booted');
  instanceUrls = [`http://127.0.0.1:${portA}`, ...others.map((o) => o.url)];
  nginx = await startNginx(instanceUrls.map((u) => u.replace('http://', '')));
  mark('nginx');
}, 600_000);

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(others.map((o) => o.stop()));
  await app?.stop();
});

it('three instances behind nginx under a mixed load: no 5xx, one run per item, one record per act, the binding enforced everywhere within 2 s, the chain whole', async () => {
  const lb = () => via(nginx.url);
  const plainDraft = (await app.strapi.documents(PLAIN as any).create({ data: { title: 'Draf biasa', summary: 'Belum diatur SOP' } as any })).documentId;
  // A plain item published while the type is ungoverned: public on every instance until the binding.
  const published = (await app.strapi.documents(PLAIN as any).create({ data: { title: 'Terbit tanpa SOP', summary: 'Ringkasan' } as any })).documentId;
  await app.strapi.documents(PLAIN as any).publish({ documentId: published });
  const token = (await app.strapi.service('admin::api-token').create({ name: 'baca-ramai', type: 'read-only', lifespan: null, permissions: [] })).accessKey;
  const publicSees = async (url: string) => {
    const res = await via(url).get('/api/plain-items').set({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    return (res.body.data as any[]).some((d) => d.documentId === published);
  };
  for (const url of instanceUrls) expect(await publicSees(url)).toBe(true);
  const versions = await Promise.all(runIds.map(async (id) => (await app.http().get(`/ppid/runs/${id}`).set(bearer(s.kasis[0]))).body.data.version));
  const recordsBefore = await app.strapi.db.query(RECORD).count({});

  // Items the JFU drafts through nginx, each then submitted twice at once (nginx spreads the two).
  const drafts: string[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const res = await lb()
      .post(`/content-manager/collection-types/${UID}`)
      .set(bearer(s.p.jfu))
      .send({ title: `Pengajuan serentak ${i}`, summary: 'Ringkasan', classification: 'setiap_saat', unit: s.unitId })
      .then(note('draft'));
    expect(res.status).toBe(201);
    drafts.push(res.body.data.documentId);
  }

  let loadDone = false;
  const readers = Array.from({ length: READERS }, async (_, r) => {
    for (let i = 0; i < READS_PER_READER && !loadDone; i++) {
      const path = i % 2 ? '/api/information-items?pagination[pageSize]=10' : `/api/information-items?filters[title][$contains]=${r}`;
      await lb().get(path).then(note('read'));
    }
  });
  // 20 reviewers: a real login through nginx, then their own act on their own item.
  const reviewers = s.kasis.map(async (kasi, i) => {
    const logged = await lb().post('/admin/login').send({ email: kasi.email, password: kasi.password }).then(note('login'));
    if (logged.status !== 200) return logged.status;
    const act = await lb()
      .post(`/ppid/runs/${runIds[i]}/acts`)
      .set({ Authorization: `Bearer ${logged.body.data.token}` })
      .send({ act: 'approve', step: 3, expectedVersion: versions[i] })
      .then(note('act'));
    return act.status;
  });
  const submits = drafts.flatMap((documentId) =>
    [0, 1].map(() => lb().post('/ppid/runs').set(bearer(s.p.camat)).send({ uid: UID, documentId }).then(note('submit')))
  );
  // The binding change, mid-load: from then on a direct publish of the type is refused on every instance.
  const binding = (async () => {
    await new Promise((r) => setTimeout(r, 300));
    const made = await lb().post('/ppid/bindings').set(admin).send({ contentType: PLAIN, sopCode: SOP }).then(note('binding'));
    expect(made.status).toBe(201);
    const changedAt = Date.now();
    // Per instance: how long after the change the public stopped seeing the published plain item
    // (reads re-check the settings version at most every PPID_SETTINGS_REFRESH_MS, 1 s; the time
    // is when the deciding read was sent, so a slow answer under load does not count against the
    // instance), then whether a direct publish is refused (a publish that went through would have
    // published the draft: the failure).
    return Promise.all(
      instanceUrls.map(async (url) => {
        let readAfter = Infinity;
        for (;;) {
          const sentAfter = Date.now() - changedAt;
          if (!(await publicSees(url))) {
            readAfter = sentAfter;
            break;
          }
          if (sentAfter > 2000) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        // Writes check the version at once: the first direct publish after that is refused.
        const res = await via(url).post(`/content-manager/collection-types/${PLAIN}/${plainDraft}/actions/publish`).set(admin).send({});
        const refused = res.status === 403 && JSON.stringify(res.body).includes('publish_through_workflow');
        return refused ? { readAfter, status: res.status } : { readAfter, status: res.status, body: res.body };
      })
    );
  })();

  const [actStatuses, submitResults, enforcedAfter] = await Promise.all([Promise.all(reviewers), Promise.all(submits), binding]);
  loadDone = true;
  mark('load');
  await Promise.all(readers);

  // No 5xx anywhere, and all three instances served.
  expect(statuses.filter((x) => x.status >= 500)).toEqual([]);
  expect(new Set(statuses.map((x) => x.upstream)).size).toBe(3);
  expect(statuses.filter((x) => x.what === 'read').every((x) => x.status === 200)).toBe(true);
  // The binding change is enforced on every instance within 2 s: public reads within the refresh interval, writes at once.
  for (const e of enforcedAfter) expect(e).toEqual({ readAfter: expect.any(Number), status: 403 });
  expect(Math.max(...enforcedAfter.map((e) => e.readAfter))).toBeLessThanOrEqual(2000);
  if (process.env.PPID_TEST_TIMINGS) console.log(`binding enforced after (ms): ${JSON.stringify(enforcedAfter)}`);
  for (const o of others) expect(await o.call('tests/helpers/instance-calls.js', 'isGoverned', PLAIN)).toBe(true);
  // Every reviewer acted once; one record per act.
  expect(actStatuses).toEqual(runIds.map(() => 200));
  expect(await app.strapi.db.query(RECORD).count({ where: { runDocumentId: { $in: runIds }, stepNumber: 3 } })).toBe(REVIEWERS);
  // One run per submitted item: one 201 per item, the duplicate refused with 409.
  const newRuns: string[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const pair = submitResults.slice(2 * i, 2 * i + 2).map((r) => r.status).sort();
    expect(pair).toEqual([201, 409]);
    const runs = await app.strapi.db.query(RUN).findMany({ where: { itemDocumentId: drafts[i] } });
    expect(runs).toHaveLength(1);
    newRuns.push(runs[0].documentId);
  }
  // A submission is one act: no run holds two records of one kind (a duplicated submit would).
  for (const runId of newRuns) {
    const kinds = ((await app.strapi.db.query(RECORD).findMany({ where: { runDocumentId: runId } })) as any[]).map((r) => r.kind);
    expect(kinds.length - new Set(kinds).size).toBe(0);
  }
  expect(nginx.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);

  // Reminders: the new runs' open steps are made overdue; the jobs of all three instances fire
  // every 2 s, and each overdue reminder goes out once (to the Camat, the step's one holder).
  const logs = ((await app.strapi.db.query('plugin::ppid.step-log').findMany({ where: { endedAt: null }, populate: { run: true } })) as any[]).filter((l) =>
    newRuns.includes(l.run?.documentId)
  );
  expect(logs).toHaveLength(SUBMISSIONS);
  const overdueSince = Date.now();
  await app.strapi.db.query('plugin::ppid.step-log').updateMany({ where: { id: { $in: logs.map((l) => l.id) } }, data: { deadline: new Date(overdueSince - 60_000).toISOString() } });
  const overdue = async () =>
    ((await app.strapi.db.query('plugin::ppid.notification').findMany({ where: { event: 'deadline_overdue' } })) as any[]).filter((n) => newRuns.includes(n.payload?.runId));
  for (let t = 0; t < 60 && (await overdue()).length < SUBMISSIONS; t++) await new Promise((r) => setTimeout(r, 250));
  // Two more intervals: nothing is sent again.
  await new Promise((r) => setTimeout(r, 4500));
  const sent = await overdue();
  expect(sent.map((n) => n.payload.runId).sort()).toEqual([...newRuns].sort());
  expect(new Set(sent.map((n) => n.recipientId))).toEqual(new Set([s.p.camat.id]));

  // The jobs themselves: each instance fired each slot, exactly one of them ran it.
  const histories = [
    app.strapi.plugin('ppid').service('jobs').history('ppidReminders'),
    ...(await Promise.all(others.map((o) => o.call('tests/helpers/instance-calls.js', 'jobHistory', 'ppidReminders')))),
  ] as { slot: number; outcome: string }[][];
  const since = histories.map((h) => h.filter((r) => r.slot >= overdueSince));
  if (process.env.PPID_TEST_TIMINGS) console.log(JSON.stringify(histories.map((h) => h.slice(-8))));
  for (const h of since) expect(h.length).toBeGreaterThan(0);
  const ranSlots = since.flat().filter((r) => r.outcome === 'ran').map((r) => r.slot);
  expect(ranSlots.length).toBeGreaterThanOrEqual(2);
  expect(new Set(ranSlots).size).toBe(ranSlots.length);
  // 'overlap': that instance's previous run was still going (a slot is skipped then, never doubled).
  expect(since.flat().every((r) => ['ran', 'busy', 'done', 'overlap'].includes(r.outcome))).toBe(true);

  // The chain afterwards.
  expect(await consistencyProblems(app)).toEqual([]);
}, 300_000);
