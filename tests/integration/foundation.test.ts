import { startApp, TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('foundation', () => {
  it('loads the ppid plugin (Strapi skips an unbuilt local plugin silently)', async () => {
    const plugin = app.strapi.plugin('ppid');
    expect(plugin).toBeDefined();
    expect(app.strapi.contentType('plugin::ppid.run')).toBeDefined();
    const res = await app.http().get('/api/ppid/info').expect(200);
    expect(res.body.data.plugin).toBe('ppid');
    expect(res.body.data.database).toBe(process.env.DATABASE_CLIENT === 'mysql' ? 'mysql' : process.env.DATABASE_CLIENT || 'sqlite');
  });

  it('runs on the database the test run names', () => {
    const expected = process.env.DATABASE_CLIENT || 'sqlite';
    expect(app.strapi.db.dialect.client).toBe(expected === 'mysql' ? 'mysql' : expected);
  });

  it('answers the health check with 204', async () => {
    await app.http().get('/_health').expect(204);
  });

  it('lists only published information items publicly', async () => {
    const docs = app.strapi.documents('api::information-item.information-item');
    await docs.create({ data: { title: 'Draf saja', summary: 'Belum terbit', classification: 'setiap_saat' } });
    const res = await app.http().get('/api/information-items');
    // Public role has no find permission by default: 403; the plugin grants it (see bootstrap).
    expect([200]).toContain(res.status);
    expect(res.body.data.map((d: any) => d.title)).not.toContain('Draf saja');
  });
});
