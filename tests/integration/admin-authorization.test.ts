import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, Person } from '../helpers/people';
import { runAtStep3, seed000, Seed000, UID } from '../helpers/hardening';

// Admin authorization (issue #12). The expectations are a table written here (route × persona →
// status), not read from the routes' own policy lists, so a route that lost its policy, or a
// read that ignores the Content Manager read permission, fails the test.
//
// Personae: the Super Admin; a drafting officer (staf/JFU) and a reviewer (Kasi) of seed 000,
// Kecamatan Palaran, in the roles the directory gives SOP roles; a role that reads and writes
// information items in the Content Manager but holds no PPID permission; a role holding every
// PPID permission but no Content Manager read; a read-only content-API token.
let app: TestApp;
let s: Seed000;
let runId: string;
let itemId: string;
let testId: string;
const who: Record<string, Record<string, string>> = {};
const CT = 'plugin::ppid.consequence-test';

async function adminWithRole(email: string, roleId: number): Promise<string> {
  const password = 'Rahasia-Akses-123';
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email, firstname: 'Akses', lastname: email.split('@')[0], password, roles: [roleId] });
  return login(app, email, password);
}

async function roleWith(name: string, actions: { action: string; subject?: string | null }[]) {
  const role = await app.strapi.service('admin::role').create({ name, description: '' });
  await app.strapi.service('admin::role').assignPermissions(
    role.id,
    actions.map((a) => ({ action: a.action, subject: a.subject ?? null, properties: {}, conditions: [] }))
  );
  return role;
}
const ppid = (uid: string) => ({ action: `plugin::ppid.${uid}` });
const cm = (action: string, subject: string) => ({ action: `plugin::content-manager.explorer.${action}`, subject });

const PERSONAE = ['super', 'staff', 'reviewer', 'noPpid', 'ppidNoRead', 'token'] as const;
type Persona = (typeof PERSONAE)[number];
type Expect = Partial<Record<Persona, number>> & { others?: number };

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'AKSES', 1);
  runId = await runAtStep3(app, s, 'Uji akses: laporan kegiatan kecamatan');
  const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.kasis[0]));
  itemId = view.body.data.item.documentId;
  const test = await app.strapi.plugin('ppid').service('classification').createTest({ itemUid: UID, itemDocumentId: itemId, informasi: 'Data pribadi pemohon' });
  testId = test.documentId;

  const superRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const { ACTIONS } = require('../../packages/strapi-plugin-ppid/server/src/platform/permissions');
  const noPpid = await roleWith('Akses: penyunting tanpa izin PPID', ['read', 'create', 'update'].map((a) => cm(a, UID)));
  const ppidNoRead = await roleWith('Akses: semua izin PPID tanpa baca konten', ACTIONS.map((a: any) => ppid(a.uid)));
  const tokens = app.strapi.service('admin::api-token');
  const readOnly = await tokens.create({ name: 'akses read-only', type: 'read-only', lifespan: null, permissions: [] });

  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  who.super = auth(await adminWithRole('super.akses@example.go.id', superRole.id));
  who.staff = bearer(s.p.jfu);
  who.reviewer = bearer(s.kasis[0]);
  who.noPpid = auth(await adminWithRole('penyunting.akses@example.go.id', noPpid.id));
  who.ppidNoRead = auth(await adminWithRole('ppid.akses@example.go.id', ppidNoRead.id));
  who.token = auth(readOnly.accessKey);
});
afterAll(async () => {
  await app?.stop();
});

// Statuses: 200/201 reached and answered; 400 reached, bad input (empty bodies on writes);
// 404 reached, no such thing; 403 refused (permission). The token is refused everywhere (401/403).
const HOLDERS_ALL = { super: 200, staff: 200, reviewer: 200, noPpid: 200, ppidNoRead: 200 };
/** A PPID page permission the SOP roles hold (runs.read, sops.read, dip.read, verify, reports.read, tasks.read). */
const page = (ok: number): Expect => ({ super: ok, staff: ok, reviewer: ok, noPpid: 403, ppidNoRead: ok });
/** A management permission only the super admin and the all-PPID role hold. */
const manage = (ok: number): Expect => ({ super: ok, ppidNoRead: ok, others: 403 });
/** Reading an item's run or record: the Content Manager read permission on its type. */
const itemRead: Expect = { super: 200, staff: 200, reviewer: 200, noPpid: 200, ppidNoRead: 403 };

const table = (): { route: string; url: string; body?: unknown; expect: Expect }[] => [
  { route: 'GET /info', url: '/ppid/info', expect: HOLDERS_ALL },
  { route: 'GET /tasks', url: '/ppid/tasks', expect: page(200) },
  { route: 'GET /runs', url: '/ppid/runs', expect: page(200) },
  { route: 'POST /runs', url: '/ppid/runs', body: {}, expect: { others: 400 } },
  { route: 'GET /runs/:id', url: `/ppid/runs/${runId}`, expect: itemRead },
  { route: 'GET /runs/:id/form.pdf', url: `/ppid/runs/${runId}/form.pdf`, expect: { super: 200, staff: 200, reviewer: 200, noPpid: 403, ppidNoRead: 403 } },
  // Step 3 is not the publish step: every admin reaches the engine, which refuses the act.
  { route: 'POST /runs/:id/acts', url: `/ppid/runs/${runId}/acts`, body: { act: 'publish' }, expect: { others: 400 } },
  // Bulk acts: every admin reaches the validation (an empty body is a 400); who may act is decided per item.
  { route: 'POST /acts/bulk', url: '/ppid/acts/bulk', body: {}, expect: { others: 400 } },
  { route: 'POST /runs/:id/cancel', url: `/ppid/runs/${runId}/cancel`, body: {}, expect: manage(400) },
  { route: 'GET /items/:uid/:documentId/runs', url: `/ppid/items/${UID}/${itemId}/runs`, expect: itemRead },
  { route: 'GET /items/:uid/steps', url: `/ppid/items/${UID}/steps?documentIds=${itemId}`, expect: itemRead },
  { route: 'POST /verify', url: '/ppid/verify', body: {}, expect: page(200) },
  { route: 'GET /sops', url: '/ppid/sops', expect: page(200) },
  { route: 'POST /sops/validate', url: '/ppid/sops/validate', body: {}, expect: page(400) },
  { route: 'POST /sops/import', url: '/ppid/sops/import', body: {}, expect: manage(400) },
  { route: 'GET /sops/:ref', url: '/ppid/sops/palaran-publikasi-website', expect: page(200) },
  { route: 'GET /sops/:ref/export', url: '/ppid/sops/palaran-publikasi-website/export', expect: page(200) },
  { route: 'GET /sops/:ref/document', url: '/ppid/sops/palaran-publikasi-website/document', expect: page(200) },
  { route: 'GET /role-mappings', url: '/ppid/role-mappings', expect: page(200) },
  { route: 'POST /role-mappings', url: '/ppid/role-mappings', body: {}, expect: manage(400) },
  { route: 'DELETE /role-mappings/:id', url: '/ppid/role-mappings/999999', expect: manage(404) },
  { route: 'GET /delegations', url: '/ppid/delegations', expect: page(200) },
  { route: 'POST /delegations', url: '/ppid/delegations', body: {}, expect: manage(400) },
  { route: 'GET /bindings', url: '/ppid/bindings', expect: page(200) },
  { route: 'POST /bindings', url: '/ppid/bindings', body: {}, expect: manage(400) },
  { route: 'PUT /bindings/:id', url: '/ppid/bindings/999999', body: { isDefault: true }, expect: manage(404) },
  { route: 'DELETE /bindings/:id', url: '/ppid/bindings/999999', expect: manage(404) },
  // The body's kop (letterhead): settings.manage, held by the super admin and the all-PPID role.
  { route: 'GET /setup/checklist', url: '/ppid/setup/checklist', expect: manage(200) },
  { route: 'GET /settings/kop', url: '/ppid/settings/kop', expect: manage(200) },
  { route: 'PUT /settings/kop', url: '/ppid/settings/kop', body: {}, expect: manage(400) },
  { route: 'PUT /settings/kop/units/:unit', url: '/ppid/settings/kop/units/999999', body: {}, expect: manage(404) },
  { route: 'GET /settings/time-zone', url: '/ppid/settings/time-zone', expect: manage(200) },
  { route: 'PUT /settings/time-zone', url: '/ppid/settings/time-zone', body: { timeZone: 'Eropa/Bukan' }, expect: manage(400) },
  { route: 'DELETE /settings/kop/units/:unit', url: '/ppid/settings/kop/units/999999', expect: manage(404) },
  // The desk: entry (requests.enter); the list and a request's facts for any of requests.enter,
  // requests.manage, objections.manage (none held by an SOP role by default).
  { route: 'GET /requests', url: '/ppid/requests', expect: manage(200) },
  { route: 'POST /requests', url: '/ppid/requests', body: {}, expect: manage(400) },
  { route: 'GET /requests/:id', url: '/ppid/requests/PMI-0000-99999', expect: manage(404) },
  // A request's written notice and its extension (Pasal 22 ayat 7-8): requests.manage.
  { route: 'GET /requests/:id/notice', url: '/ppid/requests/PMI-0000-99999/notice', expect: manage(404) },
  { route: 'PUT /requests/:id/notice', url: '/ppid/requests/PMI-0000-99999/notice', body: {}, expect: manage(400) },
  { route: 'POST /requests/:id/extension', url: '/ppid/requests/PMI-0000-99999/extension', body: {}, expect: manage(400) },
  // The applicant's identity documents: requests.manage and requests.personal-data (checked before the lookup);
  // the log of their reads: records.personal-data.
  { route: 'GET /requests/:id/identity-scan', url: '/ppid/requests/PMI-0000-99999/identity-scan', expect: manage(404) },
  { route: 'GET /requests/:id/applicant', url: '/ppid/requests/PMI-0000-99999/applicant', expect: manage(404) },
  { route: 'GET /personal-data-log', url: '/ppid/personal-data-log', expect: manage(200) },
  { route: 'GET /notifications', url: '/ppid/notifications', expect: HOLDERS_ALL },
  { route: 'GET /notifications/preferences', url: '/ppid/notifications/preferences', expect: HOLDERS_ALL },
  { route: 'PUT /notifications/preferences', url: '/ppid/notifications/preferences', body: { preferences: 'x' }, expect: { others: 400 } },
  { route: 'POST /notifications/:id/read', url: '/ppid/notifications/999999/read', body: {}, expect: { others: 404 } },
  { route: 'GET /reports/:name', url: '/ppid/reports/steps?format=json', expect: page(200) },
  // The registers and the annual report: registers.read, which no SOP role gets by default (contact data).
  { route: 'GET /registers/:name', url: '/ppid/registers/permohonan?year=2026', expect: manage(200) },
  { route: 'GET /reports/annual/:year', url: '/ppid/reports/annual/2026', expect: manage(200) },
  { route: 'POST /reports/annual/:year/propose', url: '/ppid/reports/annual/20x6/propose', body: {}, expect: manage(400) },
  { route: 'GET /dip/editions', url: '/ppid/dip/editions', expect: page(200) },
  { route: 'POST /dip/editions', url: '/ppid/dip/editions', body: { year: 'x' }, expect: manage(400) },
  { route: 'GET /dip/editions/:id', url: '/ppid/dip/editions/nope', expect: page(404) },
  { route: 'GET /dip/editions/:id/diff', url: '/ppid/dip/editions/nope/diff', expect: page(400) }, // `against` is required
  { route: 'GET /dip/editions/:id/export', url: '/ppid/dip/editions/nope/export', expect: page(404) },
  { route: 'GET /dip/editions/:id/decree.pdf', url: '/ppid/dip/editions/nope/decree.pdf', expect: page(404) },
  { route: 'POST /dip/import', url: '/ppid/dip/import', body: {}, expect: manage(400) },
  { route: 'GET /dip/pemutakhiran', url: '/ppid/dip/pemutakhiran', expect: page(200) },
  { route: 'GET /classification/rules', url: '/ppid/classification/rules', expect: manage(200) },
  { route: 'POST /classification/rules', url: '/ppid/classification/rules', body: {}, expect: manage(400) },
  { route: 'PUT /classification/rules/:id', url: '/ppid/classification/rules/nope', body: {}, expect: manage(404) },
  { route: 'DELETE /classification/rules/:id', url: '/ppid/classification/rules/nope', expect: manage(404) },
  { route: 'GET /excluded-information', url: '/ppid/excluded-information', expect: manage(200) },
  { route: 'POST /excluded-information/:id/open', url: '/ppid/excluded-information/nope/open', body: {}, expect: manage(404) },
  { route: 'GET /classification/evaluate', url: `/ppid/classification/evaluate?uid=${UID}&documentId=${itemId}`, expect: itemRead },
  { route: 'GET /classification/refresh-due', url: '/ppid/classification/refresh-due', expect: manage(200) },
  { route: 'GET /consequence-tests', url: '/ppid/consequence-tests', expect: manage(200) },
  { route: 'GET /consequence-tests/retest', url: '/ppid/consequence-tests/retest', expect: manage(200) },
  // The all-PPID role may manage classification but cannot read information items.
  { route: 'POST /consequence-tests', url: '/ppid/consequence-tests', body: {}, expect: { super: 400, others: 403 } },
  { route: 'GET /consequence-tests/:id', url: `/ppid/consequence-tests/${testId}`, expect: { super: 200, others: 403 } },
  { route: 'PUT /consequence-tests/:id', url: `/ppid/consequence-tests/${testId}`, body: { informasi: 'Data pribadi pemohon informasi' }, expect: { super: 200, others: 403 } },
  { route: 'POST /consequence-tests/:id/decide', url: `/ppid/consequence-tests/${testId}/decide`, body: {}, expect: { super: 400, others: 403 } },
  // Objections (#15): objections.manage, held by the super admin and the all-PPID role; bad input is a 400 before the lookup.
  { route: 'GET /objections/:id', url: '/ppid/objections/KEB-1999-00001', expect: manage(404) },
  { route: 'PUT /objections/:id/answer', url: '/ppid/objections/KEB-1999-00001/answer', body: {}, expect: manage(400) },
  { route: 'PUT /objections/:id/dispute', url: '/ppid/objections/KEB-1999-00001/dispute', body: {}, expect: manage(400) },
  { route: 'PUT /objections/:id/dispute/outcome', url: '/ppid/objections/KEB-1999-00001/dispute/outcome', body: {}, expect: manage(404) },
  { route: 'GET /consequence-tests/:id/decision.pdf', url: `/ppid/consequence-tests/${testId}/decision.pdf`, expect: { super: 200, others: 403 } },
];

function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  let req = (app.http() as any)[method.toLowerCase()](url).set(headers);
  if (body !== undefined) req = req.send(body);
  return req;
}

describe('permission matrix (route × persona → status, from this table)', () => {
  it('the table covers every admin route the plugin declares, and nothing else', () => {
    const declared = ((app.strapi.plugin('ppid').routes as any).admin.routes as any[]).map((r) => `${r.method} ${r.path}`).sort();
    expect(table().map((t) => t.route).sort()).toEqual(declared);
  });

  it('every persona gets the status the table says on every admin route; the content-API token is refused everywhere', async () => {
    const wrong: string[] = [];
    for (const row of table()) {
      const [method] = row.route.split(' ');
      for (const persona of PERSONAE) {
        const res = await call(method, row.url, who[persona], row.body);
        if (persona === 'token') {
          if (res.status !== 401 && res.status !== 403) wrong.push(`${persona}: ${row.route} -> ${res.status}`);
          continue;
        }
        const expected = row.expect[persona] ?? row.expect.others;
        const got = res.status === 201 ? 200 : res.status;
        if (got !== expected) wrong.push(`${persona}: ${row.route} -> ${res.status} (expected ${expected}) ${res.body?.error?.message ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('reads follow the Content Manager read permission', () => {
  it('lists keep only runs, tasks and consequence tests of types the caller may read', async () => {
    const all = await app.http().get('/ppid/runs').set(who.super);
    expect(all.body.data.map((r: any) => r.id)).toContain(runId);
    const none = await app.http().get('/ppid/runs').set(who.ppidNoRead);
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
    expect(none.body.meta.pagination.total).toBe(0);
    const tests = await app.http().get('/ppid/consequence-tests').set(who.ppidNoRead);
    expect(tests.body.data).toEqual([]);
    expect((await app.http().get('/ppid/consequence-tests').set(who.super)).body.data.map((t: any) => t.id)).toContain(testId);
    // The Kasi's task, hidden from a holder of the same SOP role who cannot read the item's type.
    const mine = await app.http().get('/ppid/tasks').set(who.reviewer);
    expect(mine.body.data.map((t: any) => t.runId)).toContain(runId);
  });

  it('an unknown run is 404 and a known one 403 without read: the 403 names nothing of the item', async () => {
    const res = await app.http().get(`/ppid/runs/${runId}`).set(who.ppidNoRead);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('Uji akses');
    expect((await app.http().get('/ppid/runs/tidak-ada').set(who.super)).status).toBe(404);
  });
});

describe("signers' personal data", () => {
  it('the full NIP, IP address and user agent only for holders of records.personal-data', async () => {
    const masked = await app.http().get(`/ppid/runs/${runId}`).set(who.reviewer);
    expect(masked.status).toBe(200);
    const records = masked.body.data.records as any[];
    expect(records.length).toBeGreaterThan(0);
    const official = await app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: s.p.camat.id } });
    const camatRecord = records.find((r) => r.signer.userId === String(s.p.camat.id));
    expect(camatRecord.signer.nip).toBe(`${'*'.repeat(14)}${official.nip.slice(14)}`);
    expect(JSON.stringify(masked.body)).not.toContain(official.nip);
    for (const r of records) expect([r.ip, r.userAgent]).toEqual([null, null]);
    // The same on the item's panel and in the act's answer.
    const panel = await app.http().get(`/ppid/items/${UID}/${itemId}/runs`).set(who.reviewer);
    expect(JSON.stringify(panel.body)).not.toContain(official.nip);

    const full = await app.http().get(`/ppid/runs/${runId}`).set(who.super);
    const fullCamat = full.body.data.records.find((r: any) => r.signer.userId === String(s.p.camat.id));
    expect(fullCamat.signer.nip).toBe(official.nip);
    expect(fullCamat.ip).toBeTruthy();

    // A role holding records.personal-data (and the item's read) sees them too.
    const dpo = await roleWith('Akses: data pribadi', [ppid('records.personal-data'), cm('read', UID)]);
    const dpoToken = await adminWithRole('dpo.akses@example.go.id', dpo.id);
    const dpoView = await app.http().get(`/ppid/runs/${runId}`).set({ Authorization: `Bearer ${dpoToken}` });
    expect(dpoView.body.data.records.find((r: any) => r.signer.userId === String(s.p.camat.id)).signer.nip).toBe(official.nip);

    // The permission is offered in the roles screen.
    const actions = await app.http().get('/admin/permissions').set(who.super);
    expect(JSON.stringify(actions.body)).toContain('plugin::ppid.records.personal-data');

    // Verification by code: the record is masked too.
    const code = records[0].verificationCode;
    const v = await app.http().post('/ppid/verify').set(who.reviewer).send({ code });
    expect(v.status).toBe(200);
    expect(v.body.data.record.ip).toBeNull();
    expect(JSON.stringify(v.body)).not.toContain(official.nip);
    expect((await app.http().post('/ppid/verify').set(who.ppidNoRead).send({ code })).status).toBe(404);
  });
});

describe('runs.cancel: an administrator cancels any open run', () => {
  it('needs the permission and a reason; the cancel is a sealed record; a closed run is a conflict', async () => {
    const other = await runAtStep3(app, s, 'Uji akses: dibatalkan administrator');
    const admin = await roleWith('Akses: Admin PPID', [ppid('runs.cancel'), ppid('runs.read'), cm('read', UID)]);
    const adminToken = { Authorization: `Bearer ${await adminWithRole('admin-ppid.akses@example.go.id', admin.id)}` };

    // Whoever lacks runs.cancel is refused, even the step's own reviewer through this route.
    expect((await app.http().post(`/ppid/runs/${other}/cancel`).set(who.reviewer).send({ reason: 'x' })).status).toBe(403);
    // The all-PPID role holds runs.cancel but cannot read the item.
    expect((await app.http().post(`/ppid/runs/${other}/cancel`).set(who.ppidNoRead).send({ reason: 'x' })).status).toBe(403);
    const noReason = await app.http().post(`/ppid/runs/${other}/cancel`).set(adminToken).send({});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error)).toContain('reason');
    const blank = await app.http().post(`/ppid/runs/${other}/cancel`).set(adminToken).send({ reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.field ?? blank.body.error.details.errors?.[0]?.path?.[0]).toBe('reason');

    const ok = await app.http().post(`/ppid/runs/${other}/cancel`).set(adminToken).send({ reason: 'Kegiatan dibatalkan oleh pimpinan' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'cancelled', cancelReason: 'Kegiatan dibatalkan oleh pimpinan' });
    const rec = ok.body.data.written[0];
    expect(rec).toMatchObject({ kind: 'cancel', decision: 'cancelled', note: 'Kegiatan dibatalkan oleh pimpinan', stepNumber: 3 });
    expect(rec.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.strapi.plugin('ppid').service('records').verifyChains()).ok).toBe(true);
    // The item is free again: a new run may start.
    const again = await app.http().post(`/ppid/runs/${other}/cancel`).set(adminToken).send({ reason: 'lagi' });
    expect(again.status).toBe(409);
  });
});
