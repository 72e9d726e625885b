import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// `npx strapi-plugin-ppid init` (bin/strapi-plugin-ppid.js): the reference content types it
// writes are the reference app's own files, and it never overwrites a host's file.
const PKG = path.resolve(__dirname, '..', '..', '..', '..');
const ROOT = path.resolve(PKG, '..', '..');
const BIN = path.join(PKG, 'bin', 'strapi-plugin-ppid.js');
const { templateFiles } = require(BIN);

const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-init-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"host","private":true}');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file under a folder, relative, sorted. */
function walk(base: string, rel = ''): string[] {
  const abs = path.join(base, rel);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(base, rel ? `${rel}/${e.name}` : e.name) : [rel ? `${rel}/${e.name}` : e.name]))
    .sort();
}

describe('templates', () => {
  it('are the reference app’s files, byte for byte (no drift)', () => {
    const expected = ['api/information-item', 'api/dip-entry', 'api/information-kind', 'components/ppid'].flatMap((d) => walk(path.join(ROOT, 'src'), d)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(15);
    expect(templateFiles()).toEqual(expected);
    for (const f of expected) {
      expect({ f, text: fs.readFileSync(path.join(PKG, 'templates', 'src', f), 'utf8') }).toEqual({ f, text: fs.readFileSync(path.join(ROOT, 'src', f), 'utf8') });
    }
  });

  it('cover every component the reference types use', () => {
    const components = new Set<string>();
    for (const f of templateFiles().filter((f: string) => f.endsWith('schema.json'))) {
      const schema = JSON.parse(fs.readFileSync(path.join(PKG, 'templates', 'src', f), 'utf8'));
      for (const a of Object.values<any>(schema.attributes)) if (a.type === 'component') components.add(a.component);
    }
    expect(components.size).toBeGreaterThan(0);
    for (const c of components) {
      const [cat, name] = c.split('.');
      expect(templateFiles()).toContain(`components/${cat}/${name}.json`);
    }
  });

  it('the admin panel strings a host copies (translations/id.json) are the reference app’s', () => {
    expect(fs.readFileSync(path.join(PKG, 'translations', 'id.json'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'src', 'admin', 'translations', 'id.json'), 'utf8'));
  });

  it('ship with the package (package.json "files")', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'templates', 'translations', 'README.md', 'CHANGELOG.md']));
    expect(pkg.bin['strapi-plugin-ppid']).toBe('./bin/strapi-plugin-ppid.js');
  });
});

describe('strapi-plugin-ppid init', () => {
  it('writes the reference types into the host’s src/', () => {
    const r = run(['init'], dir);
    expect(r.status).toBe(0);
    expect(walk(path.join(dir, 'src'))).toEqual(templateFiles());
    const item = JSON.parse(fs.readFileSync(path.join(dir, 'src/api/information-item/content-types/information-item/schema.json'), 'utf8'));
    expect(item.info.singularName).toBe('information-item');
    expect(r.stdout).toMatch(/created src\/api\/dip-entry\/content-types\/dip-entry\/schema\.json/);
  });

  it('--dir names the app', () => {
    const r = run(['init', '--dir', dir], os.tmpdir());
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'src/components/ppid/retensi.json'))).toBe(true);
  });

  it('refuses to overwrite an existing file: exits non-zero naming it, writes nothing', () => {
    const mine = path.join(dir, 'src/components/ppid/retensi.json');
    fs.mkdirSync(path.dirname(mine), { recursive: true });
    fs.writeFileSync(mine, '{"mine":true}');
    const r = run(['init'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/src\/components\/ppid\/retensi\.json/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('{"mine":true}');
    expect(walk(path.join(dir, 'src'))).toEqual(['components/ppid/retensi.json']);
  });

  it('a second init refuses too (every file exists)', () => {
    expect(run(['init'], dir).status).toBe(0);
    const again = run(['init'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/information-item/);
  });

  it('--help prints usage and exits 0; an unknown command exits 2', () => {
    const help = run(['--help'], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: strapi-plugin-ppid/);
    expect(help.stdout).toMatch(/init/);
    const bad = run(['frobnicate'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
    expect(run(['init', '--force'], dir).status).toBe(2);
    expect(fs.existsSync(path.join(dir, 'src'))).toBe(false);
  });

  it('outside an app (no package.json) writes nothing', () => {
    fs.rmSync(path.join(dir, 'package.json'));
    const r = run(['init'], dir);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'src'))).toBe(false);
  });
});
