import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// The first-run checklist (issue #18): what a body's administrator still has to set up before
// the first item can be published, computed from the real database. A fresh database (no demo)
// misses the kop, units, officials and role mappings; the demo body has nearly everything.
let app: TestApp;
let token: string;
const get = async () => {
  const res = await app.http().get('/ppid/setup/checklist').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body.data as { ready: boolean; items: any[]; missing: any[]; counts: Record<string, number> };
};
const status = (c: { items: any[] }) => Object.fromEntries(c.items.map((i) => [i.key, i.status]));
const item = (c: { items: any[] }, key: string) => c.items.find((i) => i.key === key);

beforeAll(async () => {
  app = await startApp();
  const superRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin@persiapan.go.id', firstname: 'Admin', lastname: 'Badan', password: 'Rahasia-Persiapan-1', roles: [superRole.id] });
  token = await login(app, 'admin@persiapan.go.id', 'Rahasia-Persiapan-1');
}, 400000);
afterAll(async () => {
  await app?.stop();
});

it('a fresh database: kop, units, officials and role mappings are missing; bindings and the key are there', async () => {
  const c = await get();
  expect(c.ready).toBe(false);
  expect(status(c)).toEqual({
    kop: 'missing',
    timeZone: 'warning',
    units: 'missing',
    officials: 'missing',
    roleMappings: 'missing',
    bindings: 'done',
    signingKey: 'done',
    publicUrl: 'warning',
  });
  // The kop from the configuration only names the parent government: the rest is asked for.
  expect(item(c, 'kop').problems.filter((p: any) => p.code === 'kop.field').map((p: any) => p.params.field)).toEqual(['pemerintah', 'alamat', 'tempat']);
  expect(item(c, 'units').href).toBe('/content-manager/collection-types/plugin::ppid.unit');
  // Every role of seed 000 is unmapped, with the SOP page to map it.
  const unmapped = c.missing.filter((m) => m.code === 'roleMappings.unmapped' && m.params.sopCode === 'palaran-publikasi-website');
  expect(unmapped.map((m) => m.params.role).sort()).toEqual(['Camat', 'Kasubbag / Kasi', 'Sekretaris', 'Staf'].sort());
  expect(unmapped[0].href).toBe('/plugins/ppid/sops/palaran-publikasi-website');
  expect(item(c, 'signingKey').summary.keyId).toMatch(/\S/);
  expect(item(c, 'timeZone').problems[0].params).toMatchObject({ timeZone: 'WIB (Asia/Jakarta)', zone: 'Asia/Jakarta' });
});

it('in production PUBLIC_URL blocks until it is set', async () => {
  const env = process.env.NODE_ENV;
  const url = app.strapi.config.get('server.url');
  try {
    process.env.NODE_ENV = 'production';
    let c = await get();
    expect(item(c, 'publicUrl')).toMatchObject({ status: 'missing', setting: 'PUBLIC_URL', problems: [{ code: 'publicUrl.required' }] });
    expect(c.missing.some((m) => m.item === 'publicUrl')).toBe(true);
    app.strapi.config.set('server.url', 'https://ppid.palaran.example.go.id');
    c = await get();
    expect(item(c, 'publicUrl')).toMatchObject({ status: 'done', summary: { url: 'https://ppid.palaran.example.go.id' } });
  } finally {
    process.env.NODE_ENV = env;
    app.strapi.config.set('server.url', url);
  }
});

it('with the demo body: nothing blocks the first publication', async () => {
  await app.strapi.plugin('ppid').service('demo').seedOnce();
  const c = await get();
  expect(status(c)).toMatchObject({ kop: 'done', units: 'done', officials: 'done', roleMappings: 'done', bindings: 'done', signingKey: 'done' });
  expect(item(c, 'units').summary.count).toBe(5);
  expect(item(c, 'officials').summary.count).toBe(16); // seed 001's Atasan PPID joined the demo (3c0cf8e)
  // Every role of the four seed SOPs and of the consequence-test SOP is mapped and staffed.
  expect(c.missing).toEqual([]);
});

it('a role whose only admin role loses its users, and an official with a broken NIP, show up', async () => {
  const kasi = await app.strapi.db.query('admin::user').findOne({ where: { email: 'kasubbag-kasi.palaran@demo.ppid.local' } });
  await app.strapi.db.query('admin::user').update({ where: { id: kasi.id }, data: { isActive: false } });
  const camat = await app.strapi.db.query('plugin::ppid.official').findOne({ where: { jabatan: 'Camat Palaran' } });
  await app.strapi.db.connection(app.strapi.db.metadata.get('plugin::ppid.official').tableName).where({ id: camat.id }).update({ nip: '000000000000000000' });
  const c = await get();
  const mine = c.missing.filter((m) => m.params.sopCode !== 'uji-konsekuensi');
  expect(mine).toEqual(expect.arrayContaining([
    expect.objectContaining({ item: 'officials', code: 'officials.invalidNip', params: { nama: 'Camat Palaran (demo)', nip: '000000000000000000' } }),
    expect.objectContaining({ item: 'roleMappings', code: 'roleMappings.noUser', href: '/settings/users', params: expect.objectContaining({ sopCode: 'palaran-publikasi-website', role: 'Kasubbag / Kasi' }) }),
  ]));
});
