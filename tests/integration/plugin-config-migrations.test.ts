import { startApp, TestApp } from '../helpers/strapi';
import { createTestDatabase, TestDatabase } from '../helpers/database';
import { runMigrations, MIGRATIONS, MIGRATIONS_TABLE, type Migration } from '../../packages/strapi-plugin-ppid/server/src/platform/migrations';

// The host's types are plugin configuration, checked at boot (a bad key stops the boot naming
// it; null turns the features that need the type off), and the plugin's one-time changes run
// once per database through its migrations (platform/migrations).
const client = process.env.DATABASE_CLIENT || 'sqlite';
const ITEM = 'api::information-item.information-item';
const DIP = 'api::dip-entry.dip-entry';
const KIND = 'api::information-kind.information-kind';
const quiet = { LOG_LEVEL: 'error' };

async function bootError(ppidConfig: Record<string, unknown>): Promise<string> {
  try {
    const app = await startApp(quiet, { ppidConfig });
    await app.stop();
  } catch (e) {
    return String((e as Error)?.message ?? e);
  }
  throw new Error(`booted with ${JSON.stringify(ppidConfig)}`);
}

describe(`${client}: plugin configuration of the host's types`, () => {
  it('stops the boot on a bad value, naming the key', async () => {
    expect(await bootError({ itemType: 'information-item' })).toMatch(/ppid config: itemType must be a content-type uid/);
    expect(await bootError({ itemType: 'api::berita.berita' })).toMatch(/ppid config: itemType names "api::berita.berita", which is not a content type/);
    // The kind type has none of the DIP columns.
    expect(await bootError({ dipEntryType: KIND })).toMatch(/ppid config: dipEntryType "api::information-kind.information-kind" lacks what the plugin needs: no attribute "nomor"/);
  });

  describe('a host without the reference types (all three null)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(quiet, { ppidConfig: { itemType: null, dipEntryType: null, kindType: null } });
    });
    afterAll(async () => app && (await app.stop()));

    it('boots, says so on /ppid/info, and every feature that needs the types stays off', async () => {
      const s = app.strapi;
      const info = await app.http().get('/api/ppid/info').expect(200);
      expect(info.body.data.types).toEqual({ itemType: null, dipEntryType: null, kindType: null });
      // No public read grant for the app's types.
      const role = await s.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      const grants = await s.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
      expect(grants.map((g: any) => g.action).filter((a: string) => /information-item|dip-entry|information-kind/.test(a))).toEqual([]);
      // No binding of the item type, no kind seeds, no item indexes, no DIP entries.
      const bindings = await s.db.query('plugin::ppid.binding').findMany({});
      expect(bindings.map((b: any) => b.contentType)).not.toContain(ITEM);
      expect(bindings.map((b: any) => b.contentType)).toEqual(expect.arrayContaining(['plugin::ppid.dip-edition', 'plugin::ppid.consequence-test']));
      expect(await s.db.query(KIND as any).count({})).toBe(0);
      expect(s.plugin('ppid').service('indexes').specs().map((x: any) => x.uid)).not.toContain(ITEM);
      expect(await s.plugin('ppid').service('dip').currentEntries()).toEqual([]);
      expect(await s.plugin('ppid').service('dip').proposeFromItem('whatever')).toBeNull();
      expect(await s.plugin('ppid').service('reports').published()).toEqual([]);
      expect(await s.plugin('ppid').service('reports').refresh()).toEqual([]);
      // The demo seed refuses with a message naming the keys.
      const demo = s.plugin('ppid').service('demo');
      expect(demo.refusal()).toMatch(/demo seed refused.*itemType, dipEntryType are null/);
      await expect(demo.seed()).rejects.toThrow(/demo seed refused/);
      expect(await s.plugin('ppid').service('classification').refreshDue()).toEqual([]);
    });
  });
});

describe(`${client}: plugin migrations run once per database`, () => {
  let db: TestDatabase;
  let app: TestApp | null = null;
  const ids = MIGRATIONS.map((m) => m.id);
  const migrations = async (a: TestApp) => a.strapi.plugin('ppid').service('info').migrations();

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (app) await app.stop();
    await db.drop();
  });

  it('a fresh database runs every migration once; a second boot runs none', async () => {
    app = await startApp(quiet, { db });
    expect(await migrations(app)).toEqual({ applied: ids, ranAtBoot: ids });
    const rows = await app.strapi.db.getConnection(MIGRATIONS_TABLE).select('*');
    expect(rows).toHaveLength(ids.length);
    await app.stop();

    // This boot also runs the plugin's jobs (off in tests unless asked): the plugin registers them
    // itself (strapi.cron.add), and they run although the app never turns on `server.cron`.
    app = await startApp({ ...quiet, PPID_REMINDERS: 'true', PPID_CHECKPOINTS: 'true' }, { db });
    expect(await migrations(app)).toEqual({ applied: ids, ranAtBoot: [] });
    expect(app.strapi.config.get('server.cron.enabled', false)).toBe(false);
    const ppidJobs = (a: TestApp) => (a.strapi.cron.jobs as { name: string | null; job: { isRunning(): boolean } }[]).filter((j) => j.name?.startsWith('ppid'));
    expect(ppidJobs(app).map((j) => j.name).sort()).toEqual(['ppidCheckpoint', 'ppidDigest', 'ppidDipPemutakhiran', 'ppidIdentityScanRetention', 'ppidReminders']);
    expect(ppidJobs(app).every((j) => j.job.isRunning())).toBe(true);
    const again = await app.strapi.db.getConnection(MIGRATIONS_TABLE).select('*');
    expect(again.map((r: any) => String(r.applied_at))).toEqual(rows.map((r: any) => String(r.applied_at)));
  });

  it('an older database (the last migration missing) runs exactly that one', async () => {
    const last = ids[ids.length - 1];
    await app!.strapi.db.getConnection(MIGRATIONS_TABLE).where({ id: last }).delete();
    await app!.stop();
    app = await startApp({ ...quiet, PPID_REMINDERS: 'false', PPID_CHECKPOINTS: 'false' }, { db });
    expect(await migrations(app)).toEqual({ applied: ids, ranAtBoot: [last] });
    expect((app.strapi.cron.jobs as { name: string | null }[]).filter((j) => j.name?.startsWith('ppid'))).toEqual([]);
  });

  it('two instances migrating at once run each migration once; a failed one is kept pending', async () => {
    const s = app!.strapi;
    const runs: Record<string, number> = {};
    const slow = (id: string): Migration => ({
      id,
      async up() {
        runs[id] = (runs[id] ?? 0) + 1;
        // Something the migration writes, inside its transaction (the plugin's counter table).
        await s.db.query('plugin::ppid.counter').create({ data: { name: `mig-${id}`, value: 1 } });
        await new Promise((r) => setTimeout(r, 300));
      },
    });
    const list = [slow('900-test-a'), slow('901-test-b')];
    const [first, second] = await Promise.all([runMigrations(s, list), runMigrations(s, list)]);
    expect(runs).toEqual({ '900-test-a': 1, '901-test-b': 1 });
    expect([...first, ...second].sort()).toEqual(['900-test-a', '901-test-b']);
    expect(await s.db.query('plugin::ppid.counter').count({ where: { name: { $startsWith: 'mig-9' } } })).toBe(2);
    expect(await runMigrations(s, list)).toEqual([]);

    // A migration that fails leaves nothing: neither its writes nor its id; the next boot retries it.
    let attempts = 0;
    const failing: Migration = {
      id: '902-test-fails',
      async up() {
        attempts++;
        await s.db.query('plugin::ppid.counter').create({ data: { name: 'mig-902', value: 1 } });
        if (attempts === 1) throw new Error('disk full');
      },
    };
    await expect(runMigrations(s, [failing])).rejects.toThrow(/migration 902-test-fails failed \(nothing of it was kept\): disk full/);
    expect(await s.db.getConnection(MIGRATIONS_TABLE).where({ id: '902-test-fails' }).first()).toBeUndefined();
    expect(await s.db.query('plugin::ppid.counter').count({ where: { name: 'mig-902' } })).toBe(0);
    expect(await runMigrations(s, [failing])).toEqual(['902-test-fails']);
    expect(await s.db.query('plugin::ppid.counter').count({ where: { name: 'mig-902' } })).toBe(1);
  });
});
