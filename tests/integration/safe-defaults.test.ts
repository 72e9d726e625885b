import fs from 'fs';
import os from 'os';
import path from 'path';
import { startApp, TestApp } from '../helpers/strapi';

// Demo accounts (password printed in the README) and auto-created signing keys exist only when
// asked for: `npm run dev` asks (PPID_DEMO_SEED=true, PPID_DEV_KEYS=true), nothing else does.
// Demo accounts found outside development are warned about loudly. An absolute
// DATABASE_FILENAME is used as given.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const ROOT = path.resolve(__dirname, '..', '..');
const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-db-')), 'absolute.db');

let app: TestApp;
beforeAll(async () => {
  // Development, as `strapi develop` without `npm run dev`'s flags.
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: '', ...(client === 'sqlite' ? { DATABASE_FILENAME: sqliteFile } : {}) });
});
afterAll(async () => {
  process.env.NODE_ENV = 'test';
  await app?.stop();
  fs.rmSync(path.dirname(sqliteFile), { recursive: true, force: true });
});

/** Captures what strapi.log.warn writes while `fn` runs. */
async function warnings(fn: () => Promise<unknown>): Promise<string[]> {
  const log = app.strapi.log as any;
  const original = log.warn;
  const out: string[] = [];
  log.warn = (msg: unknown, ...rest: unknown[]) => {
    out.push(String(msg));
    return original.call(log, msg, ...rest);
  };
  try {
    await fn();
  } finally {
    log.warn = original;
  }
  return out;
}

const withEnv = async <T>(vars: Record<string, string | undefined>, fn: () => T | Promise<T>): Promise<T> => {
  const before: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    before[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};

it('no demo body in development unless PPID_DEMO_SEED=true', async () => {
  const demoUsers = await app.strapi.db.query('admin::user').count({ where: { email: { $endsWith: '@demo.ppid.local' } } });
  expect(demoUsers).toBe(0);
  expect(await app.strapi.db.query('plugin::ppid.official').count({})).toBe(0);
  const demo = app.strapi.plugin('ppid').service('demo');
  await withEnv({ PPID_DEMO_SEED: undefined, NODE_ENV: 'development' }, () => expect(demo.enabled()).toBe(false));
  await withEnv({ PPID_DEMO_SEED: 'true', NODE_ENV: 'development' }, () => expect(demo.enabled()).toBe(true));
  await withEnv({ PPID_DEMO_SEED: 'true', NODE_ENV: 'production' }, () => expect(demo.enabled()).toBe(false));
});

it('a signing key is created only with PPID_DEV_KEYS=true outside production', async () => {
  const keys = app.strapi.plugin('ppid').service('keys');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-keys-'));
  try {
    for (const vars of [
      { PPID_DEV_KEYS: undefined, NODE_ENV: 'development' },
      { PPID_DEV_KEYS: undefined, NODE_ENV: undefined },
      { PPID_DEV_KEYS: 'true', NODE_ENV: 'production' },
    ]) {
      await withEnv({ ...vars, PPID_KEY_DIR: dir, PPID_SIGNING_KEY: undefined }, () => {
        expect(() => keys.load()).toThrow(/no signing key/);
      });
      expect(fs.existsSync(path.join(dir, 'active.pem'))).toBe(false);
    }
    await withEnv({ PPID_DEV_KEYS: 'true', NODE_ENV: 'development', PPID_KEY_DIR: dir, PPID_SIGNING_KEY: undefined }, () => {
      expect(keys.load().active.keyId).toMatch(/^[0-9a-f]{16}$/);
    });
    expect(fs.existsSync(path.join(dir, 'active.pem'))).toBe(true);
  } finally {
    // Back to the test key for the rest of this app's life.
    keys.load();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('PDF signing (PAdES): production needs the PKCS#12 and refuses a wrong passphrase; outside production the internal CA only with PPID_DEV_KEYS', async () => {
  const signing = app.strapi.plugin('ppid').service('pdf-signing');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-pdfkeys-'));
  const none = { PPID_PDF_SIGNING_P12: undefined, PPID_PDF_SIGNING_P12_PASSPHRASE: undefined };
  try {
    await withEnv({ ...none, NODE_ENV: 'production', PPID_DEV_KEYS: 'true', PPID_KEY_DIR: dir }, async () => {
      await expect(signing.checkAtBoot()).rejects.toThrow(/in production set PPID_PDF_SIGNING_P12/);
    });
    await withEnv({ ...none, NODE_ENV: 'development', PPID_DEV_KEYS: undefined, PPID_KEY_DIR: dir }, async () => {
      await expect(signing.certificate()).rejects.toThrow(/no PDF signing certificate/);
    });
    expect(fs.existsSync(path.join(dir, 'pdf'))).toBe(false);
    // With PPID_DEV_KEYS the internal CA is made, and its certificate exported as a PKCS#12 then
    // stands in for a body's certificate in production.
    const internal = await withEnv({ ...none, NODE_ENV: 'development', PPID_DEV_KEYS: 'true', PPID_KEY_DIR: dir }, () => signing.certificate());
    expect(internal).toMatchObject({ source: 'internal' });
    expect(internal.subject).toContain('TIDAK TERSERTIFIKASI / not certified');
    const { toPkcs12 } = require('../../packages/strapi-plugin-ppid/server/src/signature/pades');
    const read = (f: string) => fs.readFileSync(path.join(dir, 'pdf', f), 'utf8');
    const p12 = path.join(dir, 'body.p12');
    fs.writeFileSync(p12, await toPkcs12({ privateKeyPem: read('signing.key.pem'), certificatePem: read('signing.crt.pem'), chainPem: [read('internal-ca.crt.pem')] }, 'benar'));
    await withEnv({ NODE_ENV: 'production', PPID_PDF_SIGNING_P12: p12, PPID_PDF_SIGNING_P12_PASSPHRASE: 'salah' }, async () => {
      await expect(signing.checkAtBoot()).rejects.toThrow(/PPID_PDF_SIGNING_P12 .*cannot be read \(wrong passphrase/);
    });
    await withEnv({ NODE_ENV: 'production', PPID_PDF_SIGNING_P12: p12, PPID_PDF_SIGNING_P12_PASSPHRASE: 'benar' }, async () => {
      await signing.checkAtBoot();
      expect(await signing.certificate()).toMatchObject({ source: 'pkcs12', sha256: internal.sha256 });
      const { renderDipDecree } = require('../../packages/strapi-plugin-ppid/server/src/documents/pdf');
      const pdf = await renderDipDecree({ instansi: 'Pemkab', year: 2026, decreeNumber: null, decreeDate: null, jabatanPenetap: 'Atasan PPID', signer: null, entryCount: 0, verification: null });
      const signed: Buffer = await signing.sign(pdf, { reason: 'uji', signingTime: new Date() });
      expect(signed.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('demo accounts found outside development are warned about loudly at start', async () => {
  const dir = app.strapi.plugin('ppid').service('directory');
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  // As left behind by a development start on the same database.
  await dir.ensureUser({ email: 'admin@demo.ppid.local', firstname: 'Admin', password: 'Demo-PPID-2026!', roles: [role.id] });
  const access = app.strapi.plugin('ppid').service('access');
  // The start-up hook (src/index.ts -> access.seedDemo) in development: the demo is expected there.
  expect((await withEnv({ NODE_ENV: 'development' }, () => warnings(() => access.seedDemo()))).filter((w) => /demo/i.test(w))).toEqual([]);
  for (const env of ['production', 'test']) {
    const out = await withEnv({ NODE_ENV: env, PPID_DEMO_SEED: undefined }, () => warnings(() => access.seedDemo()));
    const loud = out.filter((w) => /PERINGATAN/.test(w));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toMatch(/1 demo account/);
    expect(loud[0]).toMatch(/@demo\.ppid\.local/);
    expect(loud[0]).toMatch(new RegExp(`NODE_ENV=${env}`));
  }
});

it('npm run dev asks for the demo and dev keys; npm start does not', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.dev).toMatch(/scripts\/dev\.js/);
  expect(pkg.scripts.start).not.toMatch(/PPID_DEMO_SEED|PPID_DEV_KEYS|dev\.js/);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { devEnv } = require('../../scripts/dev.js');
  expect(devEnv({}, '')).toMatchObject({ PPID_DEMO_SEED: 'true', PPID_DEV_KEYS: 'true' });
  expect(devEnv({}, 'PPID_DEMO_SEED=false\n').PPID_DEMO_SEED).toBeUndefined(); // .env's choice stands
  expect(devEnv({ PPID_DEV_KEYS: 'false' }, '').PPID_DEV_KEYS).toBe('false');
  // ensure-env writes neither flag into the generated .env (npm start reads that file too).
  expect(fs.readFileSync(path.join(ROOT, 'scripts', 'ensure-env.js'), 'utf8')).not.toMatch(/PPID_DEMO_SEED|PPID_DEV_KEYS/);
});

// SQLite only: the other engines have no file.
if (client === 'sqlite') {
  it('sqlite: an absolute DATABASE_FILENAME is used as given', async () => {
    expect(fs.existsSync(sqliteFile)).toBe(true);
    expect(app.strapi.db.config.connection.connection).toMatchObject({ filename: sqliteFile });
  });
}
