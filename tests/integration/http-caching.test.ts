import http from 'http';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';

// HTTP caching of the public website (issue #17): strong ETags and 304s on the REST reads of the
// governed type and on the plugin's public routes, the publication version in every tag (a
// withdrawn or excluded item is never confirmed by a 304), no caching for requests with
// credentials, no tag on any 404, the `ppid.purge` webhook, and established DIP exports rendered
// once, kept in the database and served immutable. Everything over real HTTP, one boot.
const ITEM = 'api::information-item.information-item';
const ENTRY = 'api::dip-entry.dip-entry';
const EDITION = 'plugin::ppid.dip-edition';
const PUB_SOP = 'kalteng-pendokumentasian-publikasi';
const DIP_SOP = 'kutim-bkpsdm-penetapan-dip';
const CM = `/content-manager/collection-types/${ITEM}`;
const TAG = /^"[A-Za-z0-9_-]{22}"$/;
const EXCLUDED_LATER = 'Rencana pengamanan pos lintas batas';

let app: TestApp;
let p: Record<string, Person>;
let d: Record<string, Person>;
let admin: Person;
let unitId: number;
let hookServer: http.Server;
const hooks: any[] = [];
const ids: Record<'a' | 'b' | 'c' | 'draft', string> = { a: '', b: '', c: '', draft: '' };
let edition = '';

const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const get = (url: string, headers: Record<string, string> = {}) => app.http().get(url).set(headers).buffer(true).parse(binary);
const files = () => app.strapi.plugin('ppid').service('dip-files');

async function waitFor<T>(check: () => Promise<T> | T, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Created in the Content Manager by the PPID Pembantu, then seed 001 end to end. */
async function publishedItem(title: string, publish = true) {
  const res = await app.http().post(CM).set(bearer(p.pembantu)).send({
    title,
    summary: `Ringkasan ${title}`,
    classification: 'berkala',
    unit: unitId,
    holder: 'Seksi Pemerintahan',
    responsible: 'Kepala Seksi Pemerintahan',
    production: { date: '2026-02-01', place: 'Sangatta' },
    form: 'softcopy',
    retention: { activeYears: 2, inactiveYears: 5, disposition: 'permanen' },
  });
  expect(res.status).toBe(201);
  const documentId = res.body.data.documentId as string;
  if (!publish) return documentId;
  const s = await app.http().post('/ppid/runs').set(bearer(p.pembantu)).send({ uid: ITEM, documentId, sopCode: PUB_SOP });
  expect(s.status).toBe(201);
  const runId = s.body.data.id;
  expect((await act(p.pembantu, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
  // Seed 001 step 3 (menetapkan) is the Atasan PPID's (issue #16).
  expect((await act(p.atasan001, runId, sign(p.atasan001))).status).toBe(200);
  expect((await act(p.admin, runId, { act: 'publish' })).status).toBe(200);
  return documentId;
}

/** An edition of the current entries, taken through seed 002 to established and published. */
async function establishedEdition() {
  const created = await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2026 });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  const start = await app.http().post('/ppid/runs').set(bearer(d.petugas)).send({ uid: EDITION, documentId });
  expect(start.status).toBe(201);
  const runId = start.body.data.id;
  expect((await act(d.petugas, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(d.pelaksana, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(d.ppid, runId, { act: 'approve' })).status).toBe(200);
  expect((await act(d.ppid, runId, { act: 'approve' })).status).toBe(200);
  expect((await act(d.atasan, runId, sign(d.atasan))).status).toBe(200);
  expect((await act(d.ppid, runId, { act: 'publish' })).status).toBe(200);
  return documentId;
}

beforeAll(async () => {
  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        hooks.push(JSON.parse(body));
      } catch {
        /* not JSON: ignored */
      }
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
  app = await startApp({ PPID_UNIT_CODE: 'BKPSDM', PUBLIC_URL: 'https://ppid.example.go.id' });
  const dir = app.strapi.plugin('ppid').service('directory');
  unitId = (await dir.ensureUnit({ code: 'KEC-CACHE', name: 'Kecamatan Contoh' })).id;
  p = await peopleFor(app, PUB_SOP, [
    { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
    { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
    { key: 'atasan001', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah (Atasan PPID)', unit: unitId },
    { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
  ]);
  d = await peopleFor(app, DIP_SOP, [
    { key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' },
    { key: 'pelaksana', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' },
    { key: 'ppid', sopRoles: ['ppid'], jabatan: 'PPID BKPSDM' },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
  ]);
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  const password = 'Rahasia-Admin-123';
  const u = await dir.ensureUser({ email: 'admin.cache@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: u.id, email: 'admin.cache@example.go.id', password, token: await login(app, 'admin.cache@example.go.id', password), roleId: superRole.id };

  // The CDN's purge hook, registered through the admin API (which accepts only known events).
  const hook = await app
    .http()
    .post('/admin/webhooks')
    .set(bearer(admin))
    .send({ name: 'cdn purge', url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/purge`, headers: {}, events: ['ppid.purge'] });
  expect([hook.status, hook.body?.error?.message]).toEqual([201, undefined]);

  ids.a = await publishedItem('Profil Kecamatan Contoh');
  ids.b = await publishedItem('Laporan keuangan semester I');
  ids.c = await publishedItem(EXCLUDED_LATER);
  ids.draft = await publishedItem('Rancangan pengumuman', false);
  // Each publication proposes a draft DIP entry after its commit: the edition is made of them.
  await waitFor(async () => (await app.strapi.db.query(ENTRY).count({ where: { publishedAt: { $null: true } } })) >= 3, 'the DIP proposals');
  edition = await establishedEdition();
});

afterAll(async () => {
  await app?.stop();
  await new Promise((r) => hookServer?.close(r));
});

describe('REST reads of the governed type', () => {
  it('answer with a strong, opaque ETag and public caching; a matching If-None-Match gets 304 without a body', async () => {
    for (const url of ['/api/information-items', `/api/information-items/${ids.a}`]) {
      const first = await get(url);
      expect(first.status).toBe(200);
      const tag = first.headers.etag;
      expect(tag).toMatch(TAG);
      expect(tag).not.toContain(ids.a);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      expect(first.headers.vary).toMatch(/Authorization/);
      const again = await get(url, { 'If-None-Match': tag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(tag);
      expect(again.headers['cache-control']).toBe('public, max-age=60');
      // Answered before routing, but after CORS: a portal on another site can revalidate.
      const cross = await get(url, { 'If-None-Match': tag, Origin: 'https://portal.example.go.id' });
      expect(cross.status).toBe(304);
      expect(cross.headers['access-control-allow-origin']).toBeDefined();
      // Weak comparison, and a list of tags.
      expect((await get(url, { 'If-None-Match': `"x", W/${tag}` })).status).toBe(304);
      expect((await get(url, { 'If-None-Match': '"someone-elses-tag"' })).status).toBe(200);
    }
  });

  it('the query string is part of the tag: other filters, another tag', async () => {
    const all = await get('/api/information-items');
    const one = await get(`/api/information-items?filters[title][$eq]=${encodeURIComponent('Profil Kecamatan Contoh')}`);
    expect(JSON.parse(one.body.toString()).data).toHaveLength(1);
    expect(one.headers.etag).toMatch(TAG);
    expect(one.headers.etag).not.toBe(all.headers.etag);
    const cross = await get(`/api/information-items?filters[title][$eq]=${encodeURIComponent('Profil Kecamatan Contoh')}`, { 'If-None-Match': all.headers.etag });
    expect(cross.status).toBe(200);
  });

  it('a request with credentials is not cached publicly: private, no-store, no tag, never a 304', async () => {
    const token = (await app.strapi.service('admin::api-token').create({ name: 'baca-cache', type: 'read-only', lifespan: null, permissions: [] })).accessKey;
    const pub = await get(`/api/information-items/${ids.a}`);
    const res = await get(`/api/information-items/${ids.a}`, { Authorization: `Bearer ${token}`, 'If-None-Match': pub.headers.etag });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('every 404 looks the same (draft, unknown): no ETag, not kept; a tag from another URL confirms nothing', async () => {
    const good = await get(`/api/information-items/${ids.a}`);
    const answers = [];
    for (const id of [ids.draft, 'tidakadasamasekali0000000']) {
      const res = await get(`/api/information-items/${id}`, { 'If-None-Match': good.headers.etag });
      expect(res.status).toBe(404);
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      answers.push(res.body.toString());
    }
    expect(answers[0]).toBe(answers[1]);
  });

  it('unpublishing bumps the publication version: the old tags get the new answer, never a 304; the purge webhook names the URLs', async () => {
    const item = await get(`/api/information-items/${ids.b}`);
    const list = await get('/api/information-items');
    const cur = await get('/api/ppid/dip/current');
    expect(cur.headers.etag).toMatch(TAG);
    expect(JSON.parse(list.body.toString()).data.map((r: any) => r.documentId)).toContain(ids.b);
    const before = hooks.length;

    const un = await app.http().post(`${CM}/${ids.b}/actions/unpublish`).set(bearer(admin)).send({});
    expect(un.status).toBe(200);

    const gone = await get(`/api/information-items/${ids.b}`, { 'If-None-Match': item.headers.etag });
    expect(gone.status).toBe(404);
    expect(gone.headers.etag).toBeUndefined();
    const fresh = await get('/api/information-items', { 'If-None-Match': list.headers.etag });
    expect(fresh.status).toBe(200);
    expect(JSON.parse(fresh.body.toString()).data.map((r: any) => r.documentId)).not.toContain(ids.b);
    expect(fresh.headers.etag).not.toBe(list.headers.etag);
    expect((await get('/api/ppid/dip/current', { 'If-None-Match': cur.headers.etag })).status).toBe(200);

    const purge = await waitFor(() => hooks.slice(before).find((h) => h.event === 'ppid.purge' && h.paths?.includes(`/api/information-items/${ids.b}`)), 'the purge webhook').catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(hooks.slice(before))}`);
    });
    expect(purge.paths).toEqual(expect.arrayContaining(['/api/information-items', `/api/information-items/${ids.b}`, `/api/ppid/publications/${ids.b}`, '/api/ppid/dip/current']));
    expect(purge.prefixes).toEqual(expect.arrayContaining(['/api/information-items', '/api/ppid/dip/']));
    expect(purge.urls).toContain(`https://ppid.example.go.id/api/information-items/${ids.b}`);
    expect(purge.version).toMatch(/^\d+$/);
  });

  it('revoking the public role\'s read is a change too: the old tag gets 403, not 304', async () => {
    const url = `/api/information-items/${ids.a}`;
    const ok = await get(url);
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const perms = app.strapi.db.query('plugin::users-permissions.permission');
    const grant = await perms.findOne({ where: { role: role.id, action: `${ITEM}.findOne` } });
    await perms.delete({ where: { id: grant.id } });
    try {
      const res = await get(url, { 'If-None-Match': ok.headers.etag });
      expect(res.status).toBe(403);
      expect(res.headers.etag).toBeUndefined();
    } finally {
      await perms.create({ data: { action: `${ITEM}.findOne`, role: role.id } });
    }
    expect((await get(url)).status).toBe(200);
  });

  it('a draft save changes nothing public: the tags stand', async () => {
    const list = await get('/api/information-items');
    const save = await app.http().put(`${CM}/${ids.a}`).set(bearer(p.pembantu)).send({ summary: 'Ringkasan yang sedang disunting' });
    expect(save.status).toBe(200);
    expect((await get('/api/information-items', { 'If-None-Match': list.headers.etag })).status).toBe(304);
  });
});

describe('the plugin\'s public routes', () => {
  it('DIP current, editions and one edition: ETag, public caching, 304', async () => {
    for (const url of ['/api/ppid/dip/current', '/api/ppid/dip/editions', `/api/ppid/dip/editions/${edition}`, `/api/ppid/publications/${ids.a}`]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(TAG);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect((await get(url, { 'If-None-Match': res.headers.etag })).status).toBe(304);
    }
    const missing = await get('/api/ppid/dip/editions/tidakada000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  it('verification pages (JSON and HTML, each its own tag), keys and checkpoints: ETag, public caching, 304', async () => {
    const code = JSON.parse((await get('/api/ppid/dip/current')).body.toString()).data.signer.verificationCode;
    await app.strapi.plugin('ppid').service('checkpoints').tick();
    const json = await get(`/api/ppid/verify/${code}`, { Accept: 'application/json' });
    const html = await get(`/api/ppid/verify/${code}?format=html`);
    expect(json.headers.etag).not.toBe(html.headers.etag);
    for (const url of [`/api/ppid/verify/${code}?format=html`, `/api/ppid/verify/${code}`, '/api/ppid/keys', '/api/ppid/checkpoints/latest', '/api/ppid/checkpoints']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      // The verification page says when it was checked: its tag covers the verdict, weakly.
      if (url.includes('/verify/')) expect(res.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/);
      else expect(res.headers.etag).toMatch(TAG);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const again = await get(url, { 'If-None-Match': res.headers.etag });
      expect([url, again.status]).toEqual([url, 304]);
      expect(again.body.length).toBe(0);
    }
    const unknown = await get('/api/ppid/verify/TIDAKADA-KODE?format=html');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.etag).toBeUndefined();
    expect(unknown.headers['cache-control']).toBe('no-store');
  });
});

describe('established DIP exports', () => {
  it('are rendered once, when the edition is published, kept, and served from storage: immutable, same bytes, no new render', async () => {
    const kept = await waitFor(async () => {
      const rows = await app.strapi.db.query('plugin::ppid.dip-file').findMany({ where: { edition }, select: ['id', 'format', 'createdAt'] });
      return rows.length === 3 ? rows : null;
    }, 'the three kept exports');
    const renders = files().renderCount();
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const url = `/api/ppid/dip/editions/${edition}/export?format=${format}`;
      const one = await get(url);
      const two = await get(url);
      expect(one.status).toBe(200);
      expect(one.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(one.headers.etag).toMatch(TAG);
      expect(two.headers.etag).toBe(one.headers.etag);
      expect(Buffer.compare(one.body, two.body)).toBe(0);
      expect(one.body.length).toBeGreaterThan(100);
      const cond = await get(url, { 'If-None-Match': one.headers.etag });
      expect(cond.status).toBe(304);
      expect(cond.body.length).toBe(0);
    }
    expect(files().renderCount()).toBe(renders);
    const after = await app.strapi.db.query('plugin::ppid.dip-file').findMany({ where: { edition }, select: ['id', 'format', 'createdAt'] });
    expect(after.map((r: any) => [r.id, r.createdAt])).toEqual(kept.map((r: any) => [r.id, r.createdAt]));
  });

  it('an item excluded after establishment leaves the export: a new file (one render), a new tag, the old tag gets 200', async () => {
    const url = `/api/ppid/dip/editions/${edition}/export?format=csv`;
    const before = await get(url);
    expect(before.body.toString('utf8')).toContain(EXCLUDED_LATER);
    const itemTag = (await get(`/api/information-items/${ids.c}`)).headers.etag;
    const renders = files().renderCount();

    // Classified dikecualikan (as a decided consequence test does: every row of the item).
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId: ids.c }, data: { classification: 'dikecualikan' } });

    const item = await get(`/api/information-items/${ids.c}`, { 'If-None-Match': itemTag });
    expect(item.status).toBe(404);
    expect(item.headers.etag).toBeUndefined();
    const after = await get(url, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.toString('utf8')).not.toContain(EXCLUDED_LATER);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(files().renderCount()).toBe(renders + 1);
    // The older file, which names what is now excluded, is not kept.
    const rows = await app.strapi.db.query('plugin::ppid.dip-file').findMany({ where: { edition, format: 'csv' } });
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].data, 'base64').toString('utf8')).not.toContain(EXCLUDED_LATER);
    expect((await get(url)).headers.etag).toBe(after.headers.etag);
    expect(files().renderCount()).toBe(renders + 1);
  });
});
