import { execFileSync, spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, TestDatabase } from '../helpers/database';

// The plugin as another body installs it: the package is packed (`npm pack`), the tarball is
// installed with npm into a small Strapi 5 app of its own (tests/foreign-app: an `article` type
// with a classification field of its own, nothing of this repository), and a host administrator
// sets PPID up over HTTP: seed 000, units, officials, admin roles and users, role mappings, and a
// binding of seed 000 to `api::article.article`. Four officials then run the SOP to the end.
//
// The app is copied under .tmp/ inside the repository, so that what it does not install itself
// (@strapi/*, the database drivers) resolves from the workspace's node_modules, as a hoisted
// install would. The plugin itself comes only from the tarball.
const ROOT = path.resolve(__dirname, '..', '..');
const PKG = path.join(ROOT, 'packages', 'strapi-plugin-ppid');
const HOST = path.join(ROOT, 'tests', 'foreign-app');
const ARTICLE = 'api::article.article';
const SOP = 'palaran-publikasi-website';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const PASSWORD = 'Rahasia-Host-2026!';

type Person = { key: string; email: string; password: string; token: string; roleId: number };

let work: string;
let appDir: string;
let db: TestDatabase;
let strapi: Core.Strapi;
let http: () => ReturnType<typeof request>;
let admin: string; // the host's super admin token
let people: Record<string, Person> = {};
let apiToken: string;
const timings: Record<string, number> = {};

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const as = (p: Person) => auth(p.token);
const secret = () => crypto.randomBytes(16).toString('base64');

function timed<T>(label: string, fn: () => T): T {
  const t = Date.now();
  const r = fn();
  timings[label] = Date.now() - t;
  return r;
}

beforeAll(async () => {
  // 1. Pack the built package (the jest global setup builds it with strapi-plugin build).
  for (const f of ['dist/server/index.js', 'dist/admin/index.mjs']) {
    if (!fs.existsSync(path.join(PKG, f))) throw new Error(`${f} missing: build the package first (node scripts/build-server.js)`);
  }
  work = path.join(ROOT, '.tmp', `foreign-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  const packDir = path.join(work, 'pack');
  fs.mkdirSync(packDir, { recursive: true });
  const packed = timed('pack', () =>
    JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: PKG, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
  );
  const tarball = path.join(packDir, packed[0].filename);
  const packedFiles: string[] = packed[0].files.map((f: { path: string }) => f.path);
  // What ships: the built server and admin, the seeds, the generator and its templates; no sources.
  expect(packedFiles).toEqual(expect.arrayContaining(['dist/server/index.js', 'dist/admin/index.mjs', 'sops/000-palaran-publikasi-website.yaml', 'README.md', 'CHANGELOG.md', 'bin/strapi-plugin-ppid.js']));
  // (the CLI's command table is the one source file read at run time, by the repository's CLI)
  expect(packedFiles.filter((f) => f.startsWith('server/src/'))).toEqual(['server/src/cli/commands.json']);

  // 2. The host app, copied; its own dependencies (Strapi, drivers) are the workspace's, so the
  //    install names only the tarball (peer dependencies are the host's, hence legacy-peer-deps).
  appDir = path.join(work, 'app');
  fs.cpSync(HOST, appDir, { recursive: true });
  const hostPkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ ...hostPkg, dependencies: {} }, null, 2));
  timed('npm install', () =>
    execFileSync('npm', ['install', '--prefer-offline', '--legacy-peer-deps', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball], {
      cwd: appDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
  );
  // The host's package.json lists its own dependencies again (Strapi finds installed plugins
  // there), next to the entry npm wrote for the plugin.
  const after = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  expect(after.dependencies['strapi-plugin-ppid']).toBeDefined();
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ ...after, dependencies: { ...hostPkg.dependencies, ...after.dependencies } }, null, 2));
  const installed = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', 'strapi-plugin-ppid', 'package.json'), 'utf8'));
  expect(installed.version).toBe(JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version);
  // A real install, not a link to the workspace package.
  expect(fs.lstatSync(path.join(appDir, 'node_modules', 'strapi-plugin-ppid')).isSymbolicLink()).toBe(false);

  // 3. Compile and boot the host on a fresh database.
  db = await createTestDatabase();
  if (db.env.DATABASE_FILENAME) db.env.DATABASE_FILENAME = path.join(ROOT, db.env.DATABASE_FILENAME);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    // The plugin's signing key: PPID_DEV_KEYS creates one under the app's keys/ (a real body
    // sets PPID_SIGNING_KEY / PPID_SIGNING_KEY_FILE; see the package README).
    PPID_DEV_KEYS: 'true',
    ...db.env,
  });
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  await timed('compile', () => compileStrapi({ appDir, ignoreDiagnostics: true }));
  const t = Date.now();
  strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  timings.boot = Date.now() - t;
  strapi.server.mount();
  http = () => request(strapi.server.httpServer);
}, 600000);

afterAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`foreign app on ${process.env.DATABASE_CLIENT || 'sqlite'}: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  await new Promise((r) => setTimeout(r, 250));
  await strapi?.destroy();
  await db?.drop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const act = (who: Person, runId: string, body: Record<string, unknown>) => http().post(`/ppid/runs/${runId}/acts`).set(as(who)).send(body);
const signature = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });

describe('a foreign Strapi app with strapi-plugin-ppid installed from its tarball', () => {
  it('boots with the plugin loaded from its node_modules, next to its own article type', async () => {
    expect(strapi.plugin('ppid')).toBeDefined();
    // Loaded from the copy npm installed from the tarball, not from the workspace package.
    const loaded = (strapi.config.get('enabledPlugins') as any).ppid;
    expect(fs.realpathSync(loaded.pathToPlugin)).toBe(fs.realpathSync(path.join(appDir, 'node_modules', 'strapi-plugin-ppid')));
    expect(loaded.packageInfo.version).toBe(JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version);
    expect(strapi.contentType(ARTICLE as any)).toBeDefined();
    // This repository's reference types are not in the host.
    expect(strapi.contentTypes['api::information-item.information-item' as any]).toBeUndefined();
    const info = await http().get('/api/ppid/info');
    expect(info.status).toBe(200);
  });

  it('the host administrator sets PPID up over HTTP', async () => {
    // The first admin of the host.
    const reg = await http().post('/admin/register-admin').send({ email: 'admin@contoh.go.id', firstname: 'Admin', lastname: 'Host', password: PASSWORD });
    expect(reg.status).toBe(200);
    admin = reg.body.data.token;

    // Seed 000 ships in the package (sops/) and is imported at boot; importing it again is a no-op.
    const text = fs.readFileSync(path.join(appDir, 'node_modules', 'strapi-plugin-ppid', 'sops', '000-palaran-publikasi-website.yaml'), 'utf8');
    const imp = await http().post('/ppid/sops/import').set(auth(admin)).send({ text, format: 'yaml' });
    expect([200, 201]).toContain(imp.status);
    expect(imp.body.data.code).toBe(SOP);
    const sop = await http().get(`/ppid/sops/${SOP}`).set(auth(admin));
    expect(sop.status).toBe(200);
    const roles: string[] = sop.body.data.definition.roles.map((r: any) => r.key);
    expect(roles).toEqual(expect.arrayContaining(['camat', 'sekretaris', 'kasubbag-kasi', 'staf']));

    // A unit (the plugin's type, in the Content Manager).
    const unit = await http().post('/content-manager/collection-types/plugin::ppid.unit').set(auth(admin)).send({ code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika' });
    expect(unit.status).toBe(201);
    const unitId = unit.body.data.id;

    // The binding: seed 000 governs the host's articles.
    const bind = await http().post('/ppid/bindings').set(auth(admin)).send({ contentType: ARTICLE, sopCode: SOP, isDefault: true });
    expect(bind.status).toBe(201);

    // Four officials, each an admin user in an admin role mapped to their SOP role.
    const spec = [
      { key: 'kepala', sopRole: 'camat', jabatan: 'Kepala Dinas' },
      { key: 'sekretaris', sopRole: 'sekretaris', jabatan: 'Sekretaris Dinas' },
      { key: 'kasi', sopRole: 'kasubbag-kasi', jabatan: 'Kepala Seksi Informasi' },
      { key: 'staf', sopRole: 'staf', jabatan: 'Pengelola Informasi' },
    ];
    const fields = ['title', 'body', 'sifat'];
    let serial = 1;
    for (const s of spec) {
      const role = await http().post('/admin/roles').set(auth(admin)).send({ name: `PPID ${s.jabatan}`, description: `Pelaksana SOP ${SOP}: ${s.sopRole}` });
      expect(role.status).toBe(201);
      const roleId = role.body.data.id;
      const permissions = [
        ...['read', 'create', 'update'].map((a) => ({ action: `plugin::content-manager.explorer.${a}`, subject: ARTICLE, properties: { fields }, conditions: [] })),
        { action: 'plugin::content-manager.explorer.publish', subject: ARTICLE, properties: {}, conditions: [] },
        { action: 'plugin::content-manager.explorer.read', subject: 'plugin::ppid.unit', properties: { fields: ['name', 'code', 'parent'] }, conditions: [] },
        ...['tasks.read', 'runs.read', 'sops.read', 'verify'].map((a) => ({ action: `plugin::ppid.${a}`, subject: null, properties: {}, conditions: [] })),
      ];
      const perms = await http().put(`/admin/roles/${roleId}/permissions`).set(auth(admin)).send({ permissions });
      expect(perms.status).toBe(200);

      const email = `${s.key}@contoh.go.id`;
      const user = await http().post('/admin/users').set(auth(admin)).send({ email, firstname: s.jabatan, lastname: s.key, roles: [roleId] });
      expect(user.status).toBe(201);
      const password = `Rahasia-${s.key}-2026!`;
      const registered = await http()
        .post('/admin/register')
        .send({ registrationToken: user.body.data.registrationToken, userInfo: { firstname: s.jabatan, lastname: s.key, password } });
      expect(registered.status).toBe(200);

      // The official: nama, a valid NIP (born 1980-05-07, appointed 2005-01, male), jabatan, unit, user.
      const nip = `19800507200501${1}${String(serial++).padStart(3, '0')}`;
      const official = await http()
        .post('/content-manager/collection-types/plugin::ppid.official')
        .set(auth(admin))
        .send({ nama: `${s.jabatan} ${s.key}`, nip, jabatan: s.jabatan, unit: { connect: [{ id: unitId }] }, user: { connect: [{ id: user.body.data.id }] }, active: true });
      expect(official.status).toBe(201);

      const mapping = await http().post('/ppid/role-mappings').set(auth(admin)).send({ sopCode: SOP, sopRole: s.sopRole, adminRole: roleId, unit: null });
      expect(mapping.status).toBe(201);

      const login = await http().post('/admin/login').send({ email, password });
      expect(login.status).toBe(200);
      people[s.key] = { key: s.key, email, password, token: login.body.data.token, roleId };
    }
    // A NIP that is not a valid NIP is refused.
    const bad = await http()
      .post('/content-manager/collection-types/plugin::ppid.official')
      .set(auth(admin))
      .send({ nama: 'Salah', nip: '123456789012345678', jabatan: 'X' });
    expect(bad.status).toBe(400);

    // The public may read articles (users-permissions, as the host grants it in Settings).
    const rolesRes = await http().get('/users-permissions/roles').set(auth(admin));
    const publicRole = rolesRes.body.roles.find((r: any) => r.type === 'public');
    const grant = await http()
      .put(`/users-permissions/roles/${publicRole.id}`)
      .set(auth(admin))
      .send({ name: publicRole.name, description: publicRole.description, permissions: { 'api::article': { controllers: { article: { find: { enabled: true }, findOne: { enabled: true } } } } } });
    expect(grant.status).toBe(200);
    // A full-access API token (the host's integrations): REST and GraphQL writes.
    const tok = await http().post('/admin/api-tokens').set(auth(admin)).send({ name: 'integrasi', type: 'full-access', lifespan: null });
    expect(tok.status).toBe(201);
    apiToken = tok.body.data.accessKey;
  });

  let documentId: string;
  let runId: string;

  it('the staff drafts an article in the Content Manager and submits it to seed 000', async () => {
    const created = await http()
      .post(CM)
      .set(as(people.staf))
      .send({ title: 'Jadwal pelayanan informasi 2027', body: 'Pelayanan informasi dibuka **Senin–Jumat**.', sifat: 'terbuka' });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    // Step 1 is the Camat's (here the Kepala): the first step's pelaksana opens the run.
    const run = await http().post('/ppid/runs').set(as(people.kepala)).send({ uid: ARTICLE, documentId });
    expect(run.status).toBe(201);
    runId = run.body.data.id;
    expect(run.body.data.sop.code).toBe(SOP);
    expect(run.body.data.currentStep).toMatchObject({ number: 1, role: 'camat' });
  });

  const noDoorPublishes = async () => {
    const cm = await http().post(`${CM}/${documentId}/actions/publish`).set(as(people.kepala)).send({});
    expect(cm.status).toBe(403);
    const bulk = await http().post(`${CM}/actions/bulkPublish`).set(as(people.kepala)).send({ documentIds: [documentId] });
    expect(bulk.status).toBe(403);
    const rest = await http().put(`/api/articles/${documentId}?status=published`).set(auth(apiToken)).send({ data: { title: 'Terbit lewat REST' } });
    expect(rest.status).toBe(403);
    expect(rest.body.error.message).toMatch(/SOP/);
    const restCreate = await http().post('/api/articles?status=published').set(auth(apiToken)).send({ data: { title: 'Artikel baru lewat REST' } });
    expect(restCreate.status).toBe(403);
    const gql = await http()
      .post('/graphql')
      .set(auth(apiToken))
      .send({ query: `mutation { updateArticle(documentId: "${documentId}", status: PUBLISHED, data: { title: "Terbit lewat GraphQL" }) { documentId } }` });
    expect(gql.body.errors?.[0]?.message).toMatch(/SOP/);
    expect(await strapi.documents(ARTICLE as any).findOne({ documentId, status: 'published' })).toBeNull();
    const pub = await http().get('/api/articles');
    expect(pub.status).toBe(200);
    expect(pub.body.data.map((d: any) => d.documentId)).not.toContain(documentId);
    expect((await http().get(`/api/articles/${documentId}`)).status).toBe(404);
  };

  it('before the first step, no door publishes: Content Manager, REST, GraphQL', noDoorPublishes);

  it('four officials, each logged in as themselves, run the SOP; nothing publishes before the last step', async () => {
    const { kepala, sekretaris, kasi, staf } = people;
    // The wrong official is refused.
    const wrong = await act(kasi, runId, { act: 'approve' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details.reason).toBe('wrong_role');

    expect((await act(kepala, runId, { act: 'approve' })).status).toBe(200); // 1 instructs
    const s2 = await act(staf, runId, { act: 'submit' }); // 2 drafts and reports
    expect(s2.status).toBe(200);
    expect(s2.body.data.currentStep).toMatchObject({ number: 3, recordKind: 'paraf' });
    expect((await act(kasi, runId, { act: 'approve' })).status).toBe(200); // 3 paraf
    const badPassword = await act(sekretaris, runId, { act: 'approve', password: 'salah', confirmIntent: true });
    expect(badPassword.status).toBe(400);
    expect((await act(sekretaris, runId, signature(sekretaris))).status).toBe(200); // 4 tanda tangan
    expect((await act(kepala, runId, signature(kepala))).status).toBe(200); // 5 tanda tangan
    const s6 = await act(kasi, runId, { act: 'handover' }); // 6 hands over
    expect(s6.status).toBe(200);
    expect(s6.body.data.currentStep).toMatchObject({ number: 7, role: 'staf' });

    await noDoorPublishes();

    const s7 = await act(staf, runId, { act: 'publish' }); // 7 publishes
    expect(s7.status).toBe(200);
    expect(s7.body.data.status).toBe('published');
  });

  it('the public API shows the article only now, and the record chain verifies', async () => {
    const list = await http().get('/api/articles');
    expect(list.status).toBe(200);
    const row = list.body.data.find((d: any) => d.documentId === documentId);
    expect(row).toMatchObject({ title: 'Jadwal pelayanan informasi 2027', sifat: 'terbuka' });
    expect((await http().get(`/api/articles/${documentId}`)).status).toBe(200);
    const facts = await http().get(`/api/ppid/publications/${documentId}`);
    expect(facts.status).toBe(200);
    expect(facts.body.data).toMatchObject({ publishedThroughSop: true, sop: { code: SOP } });

    const view = await http().get(`/ppid/runs/${runId}`).set(as(people.kepala));
    expect(view.body.data.records.map((r: any) => `${r.stepNumber}:${r.kind}`)).toEqual(['1:complete', '2:submit', '3:paraf', '4:tanda_tangan', '5:tanda_tangan', '6:handover', '7:publish']);

    const verify = await http().post('/ppid/verify').set(as(people.kasi)).send({});
    expect(verify.status).toBe(200);
    expect(verify.body.data.ok).toBe(true);
  });

  it("the host's administrator runs the plugin's command line in the app's folder", () => {
    // The installed package's own bin, as `npx strapi-plugin-ppid` runs it: help without Strapi,
    // then a real command that starts this app's Strapi on the same database.
    const bin = path.join(appDir, 'node_modules', 'strapi-plugin-ppid', 'bin', 'strapi-plugin-ppid.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: appDir, env: process.env, encoding: 'utf8', timeout: 300000 });
    const help = run('verify', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('verify [--json]');
    expect(run('tidak-ada').status).toBe(2);
    const verify = run('verify', '--json');
    expect(verify.status).toBe(0);
    // Stdout is the answer alone (Strapi's own log lines, if any, go to stderr).
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
