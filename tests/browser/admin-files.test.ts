import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launchBrowser, loginPage, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';

// A demo drafting officer (staf.palaran) opens the media library: the thumbnail of a draft
// item's attachment renders (the /uploads files cookie of middlewares/admin-files.ts), while
// the same address answers 404 without the officer's session.
const ITEM = 'api::information-item.information-item';

jest.setTimeout(600000);

let app: TestApp;
let browser: Browser;
let base: string;
let thumb = '';
let fileId = 0;

beforeAll(async () => {
  ensureBuilt();
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  const tmp = path.join(os.tmpdir(), `ppid-browser-draft-${process.pid}.png`);
  await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 20, g: 140, b: 60 } } }).png().toFile(tmp);
  const [f] = await app.strapi.plugin('upload').service('upload').upload({
    data: {},
    files: { filepath: tmp, originalFilename: 'rancangan-hotel.png', mimetype: 'image/png', size: fs.statSync(tmp).size },
  });
  fs.unlinkSync(tmp);
  fileId = f.id;
  thumb = f.formats.thumbnail.url;
  await app.strapi.documents(ITEM as any).create({ data: { title: 'Rancangan lampiran Hotel', summary: 'Ringkasan', classification: 'setiap_saat', attachments: [f.id] } as any });
  base = await serve(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (app) {
    const row = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: fileId } });
    if (row) await app.strapi.plugin('upload').service('upload').remove(row).catch(() => undefined);
  }
  await teardown(undefined, app);
});

it('the drafting officer sees the thumbnail of a draft attachment in the media library; without a session it is 404', async () => {
  expect((await app.http().get(thumb)).status).toBe(404);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'id-ID' });
  const page = await loginPage(await context.newPage(), base, 'staf.palaran@demo.ppid.local', 'Demo-PPID-2026!');
  await page.goto(`${base}/admin/plugins/upload`);
  const name = thumb.slice(thumb.lastIndexOf('/') + 1);
  const img = page.locator(`img[src*="${name}"]`).first();
  await img.waitFor({ timeout: 60000 });
  await page.waitForFunction((n) => {
    const el = Array.from(document.querySelectorAll('img')).find((i) => i.src.includes(n));
    return !!el && el.complete;
  }, name, { timeout: 30000 });
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // The browser's cookie is httpOnly and scoped to /uploads; a new context (no session) is refused.
  const cookies = await context.cookies(`${base}/uploads/`);
  const files = cookies.find((c) => c.name === 'ppid_admin_files');
  expect(files).toMatchObject({ httpOnly: true, path: '/uploads' });
  const anonymous = await browser.newContext();
  const res = await anonymous.request.get(`${base}${thumb}`);
  expect(res.status()).toBe(404);
  await anonymous.close();
  await context.close();
});
