import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import jwt from 'jsonwebtoken';
import { startApp, TestApp } from '../helpers/strapi';

// Officers' browsers load /uploads/* without an Authorization header (media library thumbnails,
// Content Manager links). A hidden attachment (here: of a draft item) is served to a request that
// carries the admin files cookie of an active session of an active user holding
// plugin::upload.read, never cached publicly; everyone else still gets 404.
const ITEM = 'api::information-item.information-item';
const COOKIE = 'ppid_admin_files';

let app: TestApp;
let file: { id: number; url: string; thumb: string };
const people = {} as Record<'reader' | 'noUpload', { id: number; email: string; password: string }>;

async function uploadImage(label: string) {
  const tmp = path.join(os.tmpdir(), `ppid-adminfiles-${label}-${process.pid}.png`);
  await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 90, b: 200 } } }).png().toFile(tmp);
  const [f] = await app.strapi.plugin('upload').service('upload').upload({
    data: {},
    files: { filepath: tmp, originalFilename: `${label}.png`, mimetype: 'image/png', size: fs.statSync(tmp).size },
  });
  fs.unlinkSync(tmp);
  return f;
}

async function person(key: 'reader' | 'noUpload', actions: string[]) {
  const role = await app.strapi.service('admin::role').create({ name: `uji-berkas-${key}`, description: '' });
  await app.strapi.service('admin::role').assignPermissions(role.id, actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
  const email = `${key.toLowerCase()}.berkas@example.go.id`;
  const password = `Rahasia-${key}-123`;
  const user = await app.strapi.service('admin::user').create({ email, firstname: key, lastname: '', password, isActive: true, registrationToken: null, roles: [role.id] });
  people[key] = { id: user.id, email, password };
}

/** Logs in through the real route; returns the access token and the cookies the browser keeps. */
async function login(key: 'reader' | 'noUpload') {
  const res = await app.http().post('/admin/login').send({ email: people[key].email, password: people[key].password });
  expect(res.status).toBe(200);
  const setCookie: string[] = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return { token: res.body.data.token as string, setCookie, files: cookieValue(setCookie) };
}

const cookieValue = (setCookie: string[]) => setCookie.find((c) => c.startsWith(`${COOKIE}=`))?.split(';')[0].slice(COOKIE.length + 1) ?? '';
const get = (url: string, cookie?: string) => {
  const r = app.http().get(url);
  return cookie === undefined ? r : r.set('Cookie', `${COOKIE}=${cookie}`);
};

beforeAll(async () => {
  app = await startApp();
  const f = await uploadImage('draft');
  file = { id: f.id, url: f.url, thumb: f.formats.thumbnail.url };
  // A draft item (never published) with the file attached: the file is hidden from the public.
  await app.strapi.documents(ITEM as any).create({ data: { title: 'Rancangan rahasia Golf', summary: 'Ringkasan', classification: 'setiap_saat', attachments: [f.id] } as any });
  await person('reader', ['plugin::upload.read']);
  await person('noUpload', ['plugin::ppid.tasks.read']);
}, 240000);

afterAll(async () => {
  if (app) {
    const row = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file?.id } });
    if (row) await app.strapi.plugin('upload').service('upload').remove(row).catch(() => undefined);
  }
  await app?.stop();
});

it('anonymous: the draft attachment and its thumbnail answer 404', async () => {
  expect((await get(file.url)).status).toBe(404);
  expect((await get(file.thumb)).status).toBe(404);
});

it('admin login sets an httpOnly files cookie scoped to /uploads (the refresh cookie stays on /admin)', async () => {
  const { setCookie, files } = await login('reader');
  const ours = setCookie.find((c) => c.startsWith(`${COOKIE}=`))!;
  expect(ours).toMatch(/;\s*path=\/uploads(;|$)/i);
  expect(ours).toMatch(/httponly/i);
  expect(ours).toMatch(/samesite=lax/i);
  expect(ours).toMatch(/expires=/i);
  expect(setCookie.find((c) => c.startsWith('strapi_admin_refresh='))).toMatch(/path=\/admin/i);
  expect(files.length).toBeGreaterThan(20);
});

it('an admin with media-library read gets the draft attachment and thumbnail, private and not stored', async () => {
  const { files } = await login('reader');
  for (const url of [file.url, file.thumb]) {
    const res = await get(url, files);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/image\/png/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.vary).toMatch(/cookie/i);
  }
});

it('GET /admin/users/me with a valid bearer (panel reload) renews the files cookie', async () => {
  const { token } = await login('reader');
  const me = await app.http().get('/admin/users/me').set('Authorization', `Bearer ${token}`);
  expect(me.status).toBe(200);
  const files = cookieValue(([] as string[]).concat(me.headers['set-cookie'] ?? []));
  expect(files).toBe(token);
  expect((await get(file.url, files)).status).toBe(200);
});

it('an admin without upload read gets 404', async () => {
  const { files } = await login('noUpload');
  expect(files.length).toBeGreaterThan(20);
  expect((await get(file.url, files)).status).toBe(404);
});

it('a tampered, forged, expired cookie or a content-API token gets 404', async () => {
  const { files } = await login('reader');
  const [h, p, s] = files.split('.');
  const flipped = `${h}.${p}.${s.slice(0, -2)}${s.slice(-2, -1) === 'A' ? 'B' : 'A'}${s.slice(-1)}`;
  expect((await get(file.url, flipped)).status).toBe(404);
  // The payload swapped for another user's, signature kept.
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forgedPayload = Buffer.from(JSON.stringify({ ...payload, userId: String(people.noUpload.id) })).toString('base64url');
  expect((await get(file.url, `${h}.${forgedPayload}.${s}`)).status).toBe(404);
  // Signed with the right secret but expired.
  const secret = app.strapi.config.get('admin.auth.secret') as string;
  const expired = jwt.sign({ ...payload, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }, secret);
  expect((await get(file.url, expired)).status).toBe(404);
  // Same secret, still valid, but not an access token (a refresh-type token).
  const refreshType = jwt.sign({ ...payload, type: 'refresh', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
  expect((await get(file.url, refreshType)).status).toBe(404);
  // A full-access content-API token stays under the public rules, as cookie or as bearer.
  const apiToken = (await app.strapi.service('admin::api-token').create({ name: 'penuh-berkas', type: 'full-access', lifespan: null, permissions: [] })).accessKey;
  expect((await get(file.url, apiToken)).status).toBe(404);
  expect((await app.http().get(file.url).set('Authorization', `Bearer ${apiToken}`)).status).toBe(404);
  // The genuine cookie still works (the 404s above are the checks, not a broken setup).
  expect((await get(file.url, files)).status).toBe(200);
});

it('a deactivated user or an ended session gets 404', async () => {
  const a = await login('reader');
  expect((await get(file.url, a.files)).status).toBe(200);
  await app.strapi.db.query('admin::user').update({ where: { id: people.reader.id }, data: { isActive: false } });
  try {
    expect((await get(file.url, a.files)).status).toBe(404);
  } finally {
    await app.strapi.db.query('admin::user').update({ where: { id: people.reader.id }, data: { isActive: true } });
  }
  expect((await get(file.url, a.files)).status).toBe(200);
  // Logout ends the session: the cookie (even if a browser kept it) no longer opens the file.
  const out = await app.http().post('/admin/logout').set('Authorization', `Bearer ${a.token}`).send({});
  expect(out.status).toBe(200);
  expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${COOKIE}=;`) && /path=\/uploads/i.test(c))).toBe(true);
  expect((await get(file.url, a.files)).status).toBe(404);
});
