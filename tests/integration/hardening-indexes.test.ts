import { startApp, TestApp } from '../helpers/strapi';

// The indexes the product creates and keeps (services/indexes.ts): present after boot, and
// re-ensuring them (every boot does) is harmless, on every engine.
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

async function indexNames(table: string): Promise<string[]> {
  const knex = app.strapi.db.connection;
  const client = app.strapi.db.dialect.client as string;
  if (client === 'sqlite') return (await knex.raw(`PRAGMA index_list("${table}")`)).map((r: any) => r.name);
  if (client === 'postgres') return (await knex.raw('SELECT indexname FROM pg_indexes WHERE tablename = ?', [table])).rows.map((r: any) => r.indexname);
  const [rows] = await knex.raw('SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?', [table]);
  return rows.map((r: any) => r.name ?? r.NAME);
}

it(`${process.env.DATABASE_CLIENT || 'sqlite'}: the product's filter indexes exist after boot and re-ensuring them is idempotent`, async () => {
  const svc = app.strapi.plugin('ppid').service('indexes');
  const specs = svc.specs() as { uid: string; name: string }[];
  for (const spec of specs) expect(await indexNames(svc.tableOf(spec.uid))).toContain(spec.name);
  expect(await svc.ensure()).toEqual(specs.map((s) => s.name));
  expect(await svc.ensure()).toEqual(specs.map((s) => s.name));
  for (const spec of specs) {
    const names = await indexNames(svc.tableOf(spec.uid));
    expect(names.filter((n) => n === spec.name)).toHaveLength(1);
  }
});
