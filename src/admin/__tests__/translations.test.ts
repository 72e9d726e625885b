import fs from 'fs';
import path from 'path';
import app from '../app';
// The same check as `node scripts/admin-translations-missing.js`, against Strapi's installed
// translation files: it fails after an upgrade that brings officer-facing strings not yet
// translated, or when an Indonesian text loses or renames a placeholder.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { analyse, comparePlaceholders } = require('../../../scripts/admin-translations-missing.js');

const FILE = path.join(__dirname, '..', 'translations', 'id.json');
const own: Record<string, string> = JSON.parse(fs.readFileSync(FILE, 'utf8'));

const problems = (result: any) =>
  result.report
    .filter((r: any) => r.officer)
    .flatMap((r: any) => [
      ...r.missing.filter((m: any) => m.officer).map((m: any) => `missing ${m.key}: ${m.english}`),
      ...r.placeholders.map((p: any) => `${p.key}: ${p.problem}`),
    ]);

describe('admin panel translations (Bahasa Indonesia)', () => {
  const result = analyse();

  it('has Indonesian text for every string an officer meets, placeholders as in English', () => {
    expect(problems(result)).toEqual([]);
  });

  it('holds only keys that Strapi 5.54 has (in en.json or in its code)', () => {
    expect(result.unknown).toEqual([]);
  });

  it('fails when a key is missing or its placeholders differ', () => {
    const broken = { ...own };
    delete broken['content-manager.relation.add'];
    broken['upload.list.assets.title'] = 'Berkas ({jumlah})';
    broken['content-manager.pages.ListView.header-subtitle'] = '{number} entri ditemukan'; // plural form dropped
    const found = problems(analyse({ app: broken }));
    expect(found).toEqual(
      expect.arrayContaining([
        'missing content-manager.relation.add: Add or create a relation',
        expect.stringMatching(/^upload\.list\.assets\.title: placeholders/),
        expect.stringMatching(/^content-manager\.pages\.ListView\.header-subtitle: placeholders/),
      ]),
    );
  });

  it('treats English left in place as missing', () => {
    const broken = { ...own, 'global.save': 'Save', 'upload.plugin.name': 'Media Library' };
    expect(problems(analyse({ app: broken }))).toEqual(
      expect.arrayContaining(['missing global.save: Save', 'missing upload.plugin.name: Media Library']),
    );
  });

  it('compares ICU arguments by name and kind, tags included', () => {
    expect(comparePlaceholders('{count} items', '{count} butir')).toBeNull();
    expect(comparePlaceholders('{count} items', '{jumlah} butir')).toMatch(/differ/);
    expect(comparePlaceholders('{n, plural, one {# item} other {# items}}', '{n, plural, other {# butir}}')).toBeNull();
    expect(comparePlaceholders('<b>{n}</b> entries', '{n} entri')).toMatch(/differ/);
    expect(comparePlaceholders('{n} entries', '{n entri')).toMatch(/does not parse/);
  });

  it('uses one word per concept', () => {
    const texts = Object.entries(result.effective as Record<string, string>);
    const bad = (re: RegExp) => texts.filter(([, v]) => re.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(bad(/\bbidang\b/i)).toEqual([]); // a field is "kolom"
    expect(bad(/\b(file|upload|diupload|mengupload)\b/i)).toEqual([]); // "berkas", "unggah"
    expect(bad(/\b(dipublikasi|publikasikan|batal terbit)\b/i)).toEqual([]); // "terbitkan", "batalkan terbit"
    expect(bad(/\bdraft\b/i)).toEqual([]); // "draf"
  });

  it('is what the admin app loads, with Bahasa Indonesia first and English beside it', () => {
    expect(app.config.locales).toEqual(['id', 'en']);
    expect(app.config.translations.id).toEqual(own);
    expect(own['content-manager.containers.edit.title.new']).toBe('Buat entri');
    expect(own['global.save']).toBe('Simpan');
  });
});
