import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';

// Seeds 001 (Diskominfo Kalteng) and 004 (Dinsos Pontianak) end to end on information items,
// each role a distinct user; plus the doors that are not the Content Manager (REST with an
// API token, GraphQL), delegation (Plt) and SOP definitions refused with every problem listed.
const UID = 'api::information-item.information-item';
let app: TestApp;
let unitId: number;

const act = (who: Person, runId: string, body: Record<string, unknown>) =>
  app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);

/** The forward act a step expects, with the signature fields when the step is signed. */
async function forward(who: Person, runId: string) {
  const view = (await app.http().get(`/ppid/runs/${runId}`).set(bearer(who))).body.data;
  const fwd = view.allowedActs.find((a: string) => ['submit', 'approve', 'handover', 'publish'].includes(a));
  expect(fwd).toBeDefined();
  const body: Record<string, unknown> = { act: fwd, step: view.currentStep.number };
  if (view.currentStep.recordKind === 'tanda_tangan') Object.assign(body, { password: who.password, confirmIntent: true });
  const res = await act(who, runId, body);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function createItem(who: Person, title: string, extra: Record<string, unknown> = {}) {
  const res = await app
    .http()
    .post(`/content-manager/collection-types/${UID}`)
    .set(bearer(who))
    .send({ title, summary: 'Ringkasan informasi', classification: 'berkala', unit: unitId, ...extra });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

beforeAll(async () => {
  app = await startApp();
  unitId = (await app.strapi.plugin('ppid').service('directory').ensureUnit({ code: 'DINAS', name: 'Dinas' })).id;
});
afterAll(async () => {
  await app?.stop();
});

describe('seed 001: Pendokumentasian dan Publikasi Informasi Publik (4 steps)', () => {
  const SOP = 'kalteng-pendokumentasian-publikasi';
  let p: Record<string, Person>;
  beforeAll(async () => {
    p = await peopleFor(app, SOP, [
      { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
      { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'Kepala Diskominfo (PPID Utama)', unit: unitId },
      { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah Provinsi (Atasan PPID)', unit: unitId },
      { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
    ]);
  });

  it('runs collect → approve (PPID Utama, signature) → establish (Atasan PPID, signature) → upload', async () => {
    const documentId = await createItem(p.pembantu, 'Laporan keuangan semester I 2026');
    const submit = await app.http().post('/ppid/runs').set(bearer(p.pembantu)).send({ uid: UID, documentId, sopCode: SOP });
    expect(submit.status).toBe(201);
    const runId = submit.body.data.id;
    expect((await forward(p.pembantu, runId)).currentStep.number).toBe(2);
    // The PPID Pembantu cannot sign for the PPID Utama.
    expect((await act(p.pembantu, runId, { act: 'approve', password: p.pembantu.password, confirmIntent: true })).status).toBe(403);
    expect((await forward(p.utama, runId)).currentStep).toMatchObject({ number: 3, role: 'atasan-ppid' });
    // Step 3 (menetapkan) is the Atasan PPID's: the PPID Utama who approved cannot establish.
    const byUtama = await act(p.utama, runId, { act: 'approve', step: 3, password: p.utama.password, confirmIntent: true });
    expect(byUtama.status).toBe(403);
    expect((await forward(p.atasan, runId)).currentStep).toMatchObject({ number: 4, role: 'admin-ppid' });
    const done = await forward(p.admin, runId);
    expect(done.status).toBe('published');
    expect(done.records.map((r: any) => r.kind)).toEqual(['submit', 'tanda_tangan', 'tanda_tangan', 'publish']);
    const establish = done.records.find((r: any) => r.stepNumber === 3);
    expect(establish).toMatchObject({ kind: 'tanda_tangan', signer: { userId: String(p.atasan.id) } });
    expect(establish.signer.jabatan).toBe('Sekretaris Daerah Provinsi (Atasan PPID)');
    const list = await app.http().get('/api/information-items');
    expect(list.body.data.map((d: any) => d.documentId)).toContain(documentId);
  });
});

describe('seed 004: Pengumuman Informasi Publik (7 steps)', () => {
  const SOP = 'pontianak-dinsos-pengumuman';
  let p: Record<string, Person>;
  beforeAll(async () => {
    p = await peopleFor(app, SOP, [
      { key: 'bidang', sopRoles: ['bidang-pli'], jabatan: 'Kabid Pengelolaan dan Layanan Informasi', unit: unitId },
      { key: 'operator', sopRoles: ['petugas-informasi'], jabatan: 'Operator PPID', unit: unitId },
      { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana', unit: unitId },
      { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
    ]);
  });

  it('runs all seven steps, with a return from PPID Utama to the draft step', async () => {
    const documentId = await createItem(p.pelaksana, 'Jadwal penyaluran bantuan sosial triwulan IV');
    const runId = (await app.http().post('/ppid/runs').set(bearer(p.bidang)).send({ uid: UID, documentId, sopCode: SOP })).body.data.id;
    expect((await forward(p.bidang, runId)).currentStep.number).toBe(2);
    expect((await forward(p.bidang, runId)).currentStep.number).toBe(3);
    expect((await forward(p.pelaksana, runId)).currentStep).toMatchObject({ number: 4, role: 'ppid-utama' });
    const ret = await act(p.utama, runId, { act: 'return', comment: 'Klarifikasi jenis informasi: berkala atau serta merta?' });
    expect(ret.body.data.currentStep.number).toBe(3);
    expect((await forward(p.pelaksana, runId)).currentStep.number).toBe(4);
    expect((await forward(p.utama, runId)).currentStep.number).toBe(5);
    expect((await forward(p.bidang, runId)).currentStep.number).toBe(6);
    expect((await forward(p.operator, runId)).currentStep.number).toBe(7);
    expect((await forward(p.operator, runId)).status).toBe('published');
  });

  it('a Plt acts in the delegator’s role and the record says so', async () => {
    const documentId = await createItem(p.pelaksana, 'Pengumuman hasil verifikasi DTKS');
    const runId = (await app.http().post('/ppid/runs').set(bearer(p.bidang)).send({ uid: UID, documentId, sopCode: SOP })).body.data.id;
    await forward(p.bidang, runId);
    await forward(p.bidang, runId);
    await forward(p.pelaksana, runId);
    // Someone with no SOP role becomes Plt. PPID Utama for a week.
    const [plt] = Object.values(await peopleFor(app, SOP, [{ key: 'plt', sopRoles: [], jabatan: 'Sekretaris Dinas', unit: unitId }]));
    expect((await act(plt, runId, { act: 'approve', password: plt.password, confirmIntent: true })).status).toBe(403);
    const officials = app.strapi.db.query('plugin::ppid.official');
    const delegator = await officials.findOne({ where: { user: p.utama.id } });
    const delegate = await officials.findOne({ where: { user: plt.id } });
    const now = Date.now();
    const created = await app
      .http()
      .post('/ppid/delegations')
      .set(bearer(await superAdmin()))
      .send({ delegator: delegator.id, delegate: delegate.id, capacity: 'plt', validFrom: new Date(now - 60000).toISOString(), validUntil: new Date(now + 7 * 86400000).toISOString() });
    expect(created.status).toBe(201);
    const signed = await act(plt, runId, { act: 'approve', password: plt.password, confirmIntent: true });
    expect(signed.status).toBe(200);
    const rec = signed.body.data.records.find((r: any) => r.stepNumber === 4);
    expect(rec).toMatchObject({ capacity: 'plt', onBehalfOf: { nama: delegator.nama } });
    expect(rec.signer.nama).toBe(delegate.nama);
  });
});

let admin: Person | null = null;
async function superAdmin(): Promise<Person> {
  if (admin) return admin;
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Super-Admin-123';
  const user = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin@example.go.id', firstname: 'Admin', password, roles: [role.id] });
  const res = await app.http().post('/admin/login').send({ email: 'admin@example.go.id', password });
  admin = { id: user.id, email: 'admin@example.go.id', password, token: res.body.data.token, roleId: role.id };
  return admin;
}

describe('concurrency', () => {
  it('two people acting on the same step at once: one succeeds, the other gets 409', async () => {
    const SOP = 'kalteng-pendokumentasian-publikasi';
    const p = await peopleFor(app, SOP, [
      { key: 'pembantu2', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
      { key: 'utamaA', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama A', unit: unitId },
      { key: 'utamaB', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama B', unit: unitId },
    ]);
    const documentId = await createItem(p.pembantu2, 'Rencana kerja dan anggaran 2027');
    const runId = (await app.http().post('/ppid/runs').set(bearer(p.pembantu2)).send({ uid: UID, documentId, sopCode: SOP })).body.data.id;
    await forward(p.pembantu2, runId);
    const before = await app.strapi.db.query('plugin::ppid.signature-record').count({ where: { runDocumentId: runId } });
    const results = await Promise.all(
      // Each names the step on their screen (the panel always sends it), as the API expects.
      [p.utamaA, p.utamaB].map((who) => act(who, runId, { act: 'approve', step: 2, password: who.password, confirmIntent: true }))
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await app.strapi.db.query('plugin::ppid.signature-record').count({ where: { runDocumentId: runId } });
    expect(after).toBe(before + 1);
    expect(await app.strapi.plugin('ppid').service('records').verifyChains()).toMatchObject({ ok: true });
  });
});

describe('doors other than the Content Manager', () => {
  let token: string;
  beforeAll(async () => {
    const t = await app.strapi.service('admin::api-token').create({ name: 'full', type: 'full-access', lifespan: null, permissions: [] });
    token = t.accessKey;
  });

  it('REST: creating or updating with status=published is refused', async () => {
    const create = await app
      .http()
      .post('/api/information-items?status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Terbit lewat REST', summary: 'x', classification: 'setiap_saat' } });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toMatch(/SOP/);
    // Strapi 5's REST create publishes by default: a governed type must be created as a draft.
    const implicit = await app.http().post('/api/information-items').set('Authorization', `Bearer ${token}`).send({ data: { title: 'Terbit diam-diam', summary: 'x', classification: 'setiap_saat' } });
    expect(implicit.status).toBe(403);
    const draft = await app.http().post('/api/information-items?status=draft').set('Authorization', `Bearer ${token}`).send({ data: { title: 'Draf lewat REST', summary: 'x', classification: 'setiap_saat' } });
    expect(draft.status).toBe(201);
    const put = await app
      .http()
      .put(`/api/information-items/${draft.body.data.documentId}?status=published`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { summary: 'y' } });
    expect(put.status).toBe(403);
    expect(await app.strapi.documents(UID).findOne({ documentId: draft.body.data.documentId, status: 'published' })).toBeNull();
  });

  it('GraphQL: a mutation with status PUBLISHED is refused', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: 'mutation { createInformationItem(status: PUBLISHED, data: { title: "Terbit lewat GraphQL", summary: "x", classification: setiap_saat }) { documentId } }' });
    expect(res.body.errors?.[0]?.message).toMatch(/SOP/);
    const rows = await app.strapi.documents(UID).findMany({ filters: { title: 'Terbit lewat GraphQL' }, status: 'published' });
    expect(rows).toHaveLength(0);
  });

  it('GraphQL does not expose the plugin’s internal types', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ __schema { queryType { fields { name } } } }' });
    const names = res.body.data.__schema.queryType.fields.map((f: any) => f.name);
    expect(names).toContain('informationItems');
    for (const internal of ['signatureRecords', 'runs', 'officials', 'ppidRuns']) expect(names).not.toContain(internal);
  });
});

describe('SOP definitions', () => {
  it('a definition with errors is refused with all of them listed, and nothing is stored', async () => {
    const before = await app.strapi.db.query('plugin::ppid.sop').count({});
    const text = JSON.stringify({
      formatVersion: 1,
      code: 'rusak',
      header: { namaSop: 'Rusak' },
      roles: [{ key: 'staf', label: 'Staf' }],
      steps: [
        { number: 1, activity: 'Menyusun', role: 'staf', act: 'draft', inputs: [], standard: 'tentatif', output: 'Draf' },
        { number: 2, activity: 'Memeriksa', role: 'kasi', act: 'review_paraf', inputs: [], standard: { amount: 1, unit: 'tahun' }, output: 'x', returnTo: 5 },
      ],
    });
    const res = await app.http().post('/ppid/sops/import').set(bearer(await superAdmin())).send({ text, format: 'json' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['steps[1].role', 'steps[1].standard.unit', 'steps[1].returnTo']));
    expect(res.body.error.details.errors.find((e: any) => e.path === 'steps[1].role').message).toMatch(/unknown role "kasi"/);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    expect(await app.strapi.db.query('plugin::ppid.sop').count({})).toBe(before);
  });

  it('editing an SOP makes a new version; a running run keeps its version', async () => {
    const admin = await superAdmin();
    const exported = await app.http().get('/ppid/sops/palaran-publikasi-website/export?format=json').set(bearer(admin));
    const def = JSON.parse(exported.text);
    const v1 = (await app.http().get('/ppid/sops/palaran-publikasi-website').set(bearer(admin))).body.data.version;
    const { stafv: staf, camatv } = await peopleFor(app, 'palaran-publikasi-website', [
      { key: 'stafv', sopRoles: ['staf'], jabatan: 'Staf', unit: unitId },
      { key: 'camatv', sopRoles: ['camat'], jabatan: 'Camat', unit: unitId },
    ]);
    const running = await app.http().post('/ppid/runs').set(bearer(camatv)).send({ uid: UID, documentId: await createItem(staf, 'Agenda musrenbang kelurahan') });
    expect(running.status).toBe(201);
    def.steps[4].standard = { amount: 30, unit: 'minute' };
    const res = await app.http().post('/ppid/sops/import').set(bearer(admin)).send({ text: JSON.stringify(def), format: 'json' });
    expect(res.status).toBe(201);
    expect(res.body.data.version).toBe(v1 + 1);
    const versions = (await app.http().get('/ppid/sops/palaran-publikasi-website').set(bearer(admin))).body.data.versions;
    expect(versions.map((v: any) => v.version)).toEqual([v1 + 1, v1]);
    const kept = await app.http().get(`/ppid/runs/${running.body.data.id}`).set(bearer(staf));
    expect(kept.body.data.sop.version).toBe(v1);
    // The next boot's seed import leaves the body's own newer version current.
    await app.strapi.plugin('ppid').service('sops').importSeeds();
    expect((await app.http().get('/ppid/sops/palaran-publikasi-website').set(bearer(admin))).body.data.version).toBe(v1 + 1);
  });

  it('the command line validates, imports, lists and exports (exit codes)', () => {
    const { spawnSync } = require('child_process');
    const path = require('path');
    const fs = require('fs');
    const root = path.resolve(__dirname, '..', '..');
    const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: `.tmp/cli-${process.pid}.db` };
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/ppid.js'), ...args], { cwd: root, env, encoding: 'utf8' });
    const bad = path.join(root, '.tmp', `bad-${process.pid}.yaml`);
    fs.writeFileSync(bad, 'formatVersion: 1\ncode: x\nroles: []\nsteps: []\n');
    try {
      const seed = path.join(root, 'packages/strapi-plugin-ppid/sops/000-palaran-publikasi-website.yaml');
      const ok = cli('sop', 'validate', seed);
      expect(ok.status).toBe(0);
      expect(ok.stdout).toMatch(/7 langkah/);
      const refused = cli('sop', 'validate', bad);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/header: is required/);
      expect(cli('sop', 'import', bad).status).toBe(1);
      const list = cli('sop', 'list');
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/palaran-publikasi-website@1/);
      const exp = cli('sop', 'export', 'kalteng-pendokumentasian-publikasi');
      expect(exp.status).toBe(0);
      expect(exp.stdout).toMatch(/code: kalteng-pendokumentasian-publikasi/);
      expect(cli('sop', 'export', 'tidak-ada').status).toBe(1);
    } finally {
      for (const f of [bad, path.join(root, env.DATABASE_FILENAME)]) fs.rmSync(f, { force: true });
    }
  });
});
