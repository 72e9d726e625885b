import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { createRequire } from 'module';
import { startApp, TestApp } from '../helpers/strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

// Uploads for several hosts (issue #17, docs/deployment.md): UPLOAD_PROVIDER=aws-s3 with
// @strapi/provider-upload-aws-s3 5.52.3 against s3rver, an S3-compatible server run here. The
// bucket is private and file URLs point at the app; the attachment guard decides every download
// and streams allowed files from the bucket. s3rver does not enforce ACLs (it answers anonymous
// GETs), so that the bucket itself refuses the public is NOT tested here: that is the storage's job.
const ITEM = 'api::information-item.information-item';
const BUCKET = 'ppid-uji';
const COOKIE = 'ppid_admin_files';
const ROOT = path.resolve(__dirname, '..', '..');

let app: TestApp;
let s3: any;
let s3Dir: string;
let client: any;
let sdk: any;
let officer: { token: string; files: string };
let file: { id: number; url: string; thumb: string; bytes: Buffer };

const anonymous = (url: string) => app.http().get(url).buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});
const asOfficer = (url: string) => anonymous(url).set('Cookie', `${COOKIE}=${officer.files}`);

beforeAll(async () => {
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-s3rver-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  app = await startApp({
    UPLOAD_PROVIDER: 'aws-s3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  // The provider's own AWS SDK, to look into the bucket.
  sdk = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('@strapi/provider-upload-aws-s3'))('@aws-sdk/client-s3');
  client = new sdk.S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });

  // A media officer (media library: read and upload), not a Super Admin.
  const role = await app.strapi.service('admin::role').create({ name: 'uji-s3-media', description: '' });
  await app.strapi
    .service('admin::role')
    .assignPermissions(role.id, ['plugin::upload.read', 'plugin::upload.assets.create'].map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
  await app.strapi.service('admin::user').create({ email: 'media.s3@example.go.id', firstname: 'Media', lastname: '', password: 'Rahasia-Media-123', isActive: true, registrationToken: null, roles: [role.id] });
  const logged = await app.http().post('/admin/login').send({ email: 'media.s3@example.go.id', password: 'Rahasia-Media-123' });
  expect(logged.status).toBe(200);
  const setCookie: string[] = ([] as string[]).concat(logged.headers['set-cookie'] ?? []);
  officer = { token: logged.body.data.token, files: setCookie.find((c) => c.startsWith(`${COOKIE}=`))!.split(';')[0].slice(COOKIE.length + 1) };

  const bytes = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 20, g: 160, b: 60 } } }).png().toBuffer();
  const up = await app.http().post('/upload').set({ Authorization: `Bearer ${officer.token}` }).attach('files', bytes, { filename: 'peta-wilayah.png', contentType: 'image/png' });
  expect(up.status).toBe(201);
  const f = up.body[0];
  file = { id: f.id, url: f.url, thumb: f.formats?.thumbnail?.url, bytes };
});

afterAll(async () => {
  await app?.stop();
  await s3?.close().catch(() => undefined);
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

it('an upload through the media library lands in the bucket, under a URL of the app, not of the bucket', async () => {
  expect(file.url).toMatch(/^\/uploads\/peta_wilayah_[a-z0-9]+\.png$/);
  expect(file.thumb).toMatch(/^\/uploads\/thumbnail_peta_wilayah_[a-z0-9]+\.png$/);
  const row = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
  expect(row.provider).toBe('aws-s3');
  const key = file.url.slice('/uploads/'.length);
  const stored = await client.send(new sdk.GetObjectCommand({ Bucket: BUCKET, Key: key }));
  // What the bucket holds is the media library's (optimised) PNG: the reference for every download below.
  file.bytes = Buffer.from(await stored.Body.transformToByteArray());
  expect(file.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(Math.abs(file.bytes.length / 1024 - Number(row.size))).toBeLessThan(1);
  // Not on the app's disk: what the app serves comes from the bucket.
  expect(fs.existsSync(path.join(ROOT, 'public', file.url))).toBe(false);
});

it('a file attached to nothing governed is served to the public through the app, from the bucket', async () => {
  const res = await anonymous(file.url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');
  expect((res.body as Buffer).equals(file.bytes)).toBe(true);
  expect(res.headers['cache-control']).toBe('no-cache');
  const head = await app.http().head(file.url);
  expect([head.status, head.headers['content-length']]).toEqual([200, String(file.bytes.length)]);
  expect((await anonymous(file.thumb)).status).toBe(200);
  // A key the bucket does not hold: 404, as on the local disk.
  expect((await anonymous('/uploads/tidak_ada_abc123.png')).status).toBe(404);
});

it('attached to a draft item: 404 to the public, served to an officer with media-library read', async () => {
  await app.strapi.documents(ITEM as any).create({ data: { title: 'Rancangan peta wilayah', summary: 'Ringkasan', classification: 'setiap_saat', attachments: [file.id] } as any });
  for (const url of [file.url, file.thumb]) expect([url, (await anonymous(url)).status]).toEqual([url, 404]);
  const seen = await asOfficer(file.url);
  expect(seen.status).toBe(200);
  expect((seen.body as Buffer).equals(file.bytes)).toBe(true);
  expect(seen.headers['cache-control']).toBe('private, no-store');
});

it('the bucket unreachable: 503 for a file the guard allows, never a 500 or the storage error text', async () => {
  const other = await app.http().post('/upload').set({ Authorization: `Bearer ${officer.token}` }).attach('files', Buffer.from('%PDF-1.4 uji'), { filename: 'lampiran.pdf', contentType: 'application/pdf' });
  expect(other.status).toBe(201);
  await s3.close();
  const res = await anonymous(other.body[0].url);
  expect(res.status).toBe(503);
  expect(String(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
});
