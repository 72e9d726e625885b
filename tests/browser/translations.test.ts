import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, SHOTS, ensureBuilt, launchBrowser, serve, teardown } from '../helpers/browser';
import { startApp, TestApp } from '../helpers/strapi';

// Strapi's own screens in Bahasa Indonesia for an officer (not a Super Admin): the demo body's
// JFU of Kecamatan Palaran logs in and opens the home page, the Informasi Publik list, a new
// entry and the media library. Strings that Strapi 5.54 left in English must read in
// Indonesian (src/admin/translations/id.json). Runs on the built admin (`npx strapi build`).
const TEXTS = path.join(ROOT, 'tests', 'artifacts', 'translations');
const UID = 'api::information-item.information-item';
const OFFICER = { email: 'staf.palaran@demo.ppid.local', password: 'Demo-PPID-2026!' };

jest.setTimeout(300000);

let app: TestApp;
let browser: Browser;
let page: Page;
let base: string;

/** Screenshot plus the page's visible text and its labels (aria-label, placeholder, title). */
async function capture(name: string): Promise<string> {
  await page.waitForTimeout(800); // lazy chunks and their translations settle
  await page.screenshot({ path: path.join(SHOTS, `translations-${name}.png`) });
  const text = await page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((e) =>
      ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) || '').filter(Boolean),
    );
    return `${document.body.innerText}\n${attrs.join('\n')}`;
  });
  fs.writeFileSync(path.join(TEXTS, `${name}.txt`), text);
  return text;
}

// English as Strapi writes it (case kept: the raw status "draft" of an aria-label is another
// matter); Indonesian in any case (section titles are upper-cased by CSS in innerText).
const word = (s: string, flags = 'u') => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, flags);

function expectNoEnglish(text: string, english: string[]) {
  const found = english.filter((e) => word(e).test(text));
  expect(found).toEqual([]);
}

function expectIndonesian(text: string, indonesian: string[]) {
  const absent = indonesian.filter((s) => !word(s, 'iu').test(text));
  expect(absent).toEqual([]);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(TEXTS, { recursive: true });
  // The server compiled and the admin built as for the other browser tests (not again under PPID_SKIP_BUILD=1).
  ensureBuilt();
  // The demo body (units, officials, one admin user per SOP role) is what a newcomer logs into.
  app = await startApp({ PPID_DEMO_SEED: 'true' });
  base = await serve(app);
  browser = await launchBrowser();
  // No stored language: the panel must choose Bahasa Indonesia by itself (src/admin/app.tsx).
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  page = await context.newPage();
});

afterAll(() => teardown(browser, app));

test('the login page is in Bahasa Indonesia and the officer logs in', async () => {
  await page.goto(`${base}/admin/auth/login`);
  await page.waitForSelector('input[name="email"]');
  const text = await capture('login');
  expectNoEnglish(text, ['Log in', 'Remember me', 'Forgot your password?', 'Show password']);
  expectIndonesian(text, ['Masuk']);
  await page.fill('input[name="email"]', OFFICER.email);
  await page.fill('input[name="password"]', OFFICER.password);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60000 });
  expect(await page.evaluate(() => localStorage.getItem('strapi-admin-language'))).toBe('id');
});

test('home page: menu and widgets', async () => {
  await page.goto(`${base}/admin`);
  await page.getByText('Entri yang terakhir diubah').first().waitFor({ timeout: 60000 });
  const text = await capture('home');
  expectNoEnglish(text, ['Home', 'Content Manager', 'Media Library', 'Last edited entries', 'Last published entries', 'Profile', 'Log out', 'Collapse the navbar']);
  expectIndonesian(text, ['Beranda', 'Pengelola Konten', 'Pustaka Media', 'Entri yang terakhir diubah', 'Entri yang terakhir diterbitkan']);
});

test('Content Manager list of Informasi Publik', async () => {
  await page.goto(`${base}/admin/content-manager/collection-types/${UID}`);
  await page.getByText('Buat entri baru').first().waitFor({ timeout: 60000 });
  const text = await capture('list');
  expectNoEnglish(text, ['Create new entry', 'Filters', 'Search', 'entries found', 'Collection Types', 'Single Types', 'Published', 'Modified', 'Draft', 'Row actions']);
  expectIndonesian(text, ['Buat entri baru', 'Filter', 'Tipe Koleksi']);
  // Enumerations read as labels in the list too ("Setiap saat (Pasal 11)", not `setiap_saat`),
  // and the SOP step column is there for this governed type.
  expect(text).not.toMatch(/setiap_saat|serta_merta/);
  expect(text).toContain('Setiap saat (Pasal 11)');
  expect(text).toMatch(/Langkah SOP/i);

  await page.getByRole('button', { name: 'Filter' }).first().click();
  await page.waitForTimeout(500);
  const filters = await capture('list-filters');
  expectNoEnglish(filters, ['Select field', 'Add filter']);
  expectIndonesian(filters, ['Pilih kolom']);
  await page.keyboard.press('Escape');
});

test('a new entry: header, fields, relations, save', async () => {
  await page.goto(`${base}/admin/content-manager/collection-types/${UID}/create`);
  await page.getByText('Buat entri').first().waitFor({ timeout: 60000 });
  const text = await capture('create');
  expectNoEnglish(text, [
    'Create an entry',
    'Save',
    'Publish',
    'Back',
    'Add or create a relation',
    'No permissions to see this field',
    'Set up preview',
    'More document actions',
    'Entry',
    'characters',
  ]);
  // The drafting officer sees every field (their role lists component fields too), so the
  // "no permission" hint never shows here; its translation is checked by the unit test.
  expectIndonesian(text, ['Buat entri', 'Simpan', 'Kembali', 'Tambah atau buat relasi']);
  // The length hint of a limited text field ("min. 3 / max. 300 characters" in English).
  expect(text).not.toMatch(/max\. \d+ characters?/);
  expect(text).toMatch(/maks\. \d+ karakter/);
});

test('the lists beside an item (Jenis Informasi, Unit Kerja) name their columns in Indonesian', async () => {
  // Column and field labels of these types come from their attribute names (label, code, name,
  // parent, legalBasis), which no translation file reaches: the plugin labels them (cm-labels).
  for (const [uid, heading, expected] of [
    ['api::information-kind.information-kind', 'Jenis Informasi', 'Nama Jenis Informasi'],
    ['plugin::ppid.unit', 'Unit Kerja', 'Nama Unit'],
  ] as const) {
    await page.goto(`${base}/admin/content-manager/collection-types/${uid}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 60000 });
    await page.locator('thead th').first().waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim()).filter(Boolean);
    const text = await capture(`list-${uid.split('.').pop()}`);
    expect(headers).toContain(expected);
    for (const raw of ['label', 'code', 'name', 'parent', 'legalBasis', 'classification']) expect(headers).not.toContain(raw);
    // No SOP governs these types: no "Langkah SOP" column of dashes.
    expect(headers).not.toContain('Langkah SOP');
    if (uid.startsWith('api::information-kind')) {
      // The class reads as its label, not the stored value.
      expect(text).toContain('Serta merta (Pasal 10)');
      expect(text).not.toMatch(/serta_merta|setiap_saat/);
    }
  }
});

test('media library', async () => {
  await page.goto(`${base}/admin/plugins/upload`);
  await page.getByText('Pustaka Media').first().waitFor({ timeout: 60000 });
  const text = await capture('media-library');
  expectNoEnglish(text, ['Media Library', 'Upload assets', 'Add new assets', 'Filters', 'Sort by', 'Search for an asset', 'No assets', 'Upload your first assets...', 'Media Library is empty']);
  expectIndonesian(text, ['Pustaka Media']);
});

test('profile page', async () => {
  await page.goto(`${base}/admin/me`);
  await page.getByText('Bahasa antarmuka').first().waitFor({ timeout: 60000 });
  const text = await capture('profile');
  expectNoEnglish(text, ['Profile', 'Change password', 'Current Password', 'Interface language', 'Interface mode', 'Save', 'First name', 'Last name', 'Experience', 'Guided tour', 'Reset guided tour']);
  expectIndonesian(text, ['Profil', 'Ubah kata sandi', 'Bahasa antarmuka', 'Mode antarmuka', 'Simpan']);
});
