import request from 'supertest';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer } from '../helpers/people';
import { seed000, Seed000, UID } from '../helpers/hardening';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../bench/lib/child');

// Uniqueness the product relies on is a database constraint (services/constraints.ts): a second
// row is refused BY THE DATABASE (raw knex inserts below bypass Strapi entirely), and two
// concurrent submits of one item give one run and a 409, across two app instances on PostgreSQL.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const twoInstances = client === 'postgres';

let app: TestApp;
let second: { url: string; stop(): Promise<void> } | null = null;
let s: Seed000;

beforeAll(async () => {
  app = await startApp();
  s = await seed000(app, 'UNIQ', 1);
  if (twoInstances) second = await startServer({ LOG_LEVEL: 'error' });
});
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

const table = (uid: string) => app.strapi.db.metadata.get(uid as any).tableName;
const knex = () => app.strapi.db.connection;
let n = 0;
const docId = () => `uniqtest${String(++n).padStart(16, '0')}`;

/** The database refused the write (a unique violation). */
async function refused(write: PromiseLike<unknown>) {
  // Compared by message: better-sqlite3's native addon keeps the error class of the first test
  // file that loaded it, so in later files its errors are not `instanceof Error` of this realm.
  const error: any = await Promise.resolve(write).then(() => null, (e) => e);
  expect(String(error?.message ?? error)).toMatch(/unique|duplicate/i);
}

/** Inserts `first`, then expects the database itself to refuse `second`. */
async function refusedByDatabase(uid: string, first: Record<string, unknown>, second: Record<string, unknown>) {
  await knex()(table(uid)).insert({ document_id: docId(), ...first });
  // Compared by message: better-sqlite3's native addon keeps the error class of the first test
  // file that loaded it, so in later files its errors are not \`instanceof Error\` of this realm.
  const error = await knex()(table(uid))
    .insert({ document_id: docId(), ...second })
    .then(
      () => null,
      (e: any) => e
    );
  expect(String(error?.message ?? error)).toMatch(/unique|duplicate/i);
}

describe(`database constraints on ${client}`, () => {
  it('one open run per item: a second open run is refused, closed runs (NULL key) are many', async () => {
    const key = `${UID}:rawitem:`;
    const run = { item_uid: UID, item_document_id: 'rawitem', sop_code: 'x', sop_version: 1, current_step: 1, lock: 1, state: '{}' };
    await refusedByDatabase('plugin::ppid.run', { ...run, active_key: key, status: 'in_progress' }, { ...run, active_key: key, status: 'in_progress' });
    await knex()(table('plugin::ppid.run')).insert({ document_id: docId(), ...run, active_key: null, status: 'published' });
    await knex()(table('plugin::ppid.run')).insert({ document_id: docId(), ...run, active_key: null, status: 'cancelled' });
    const rows = await knex()(table('plugin::ppid.run')).where({ item_document_id: 'rawitem' });
    expect(rows).toHaveLength(3);
  });

  const rec = (over: Record<string, unknown>) => ({
    seq: 900001,
    run_seq: 1,
    run_document_id: 'rawrun',
    kind: 'paraf',
    signed_at: new Date(),
    verification_code: 'RAWCODE00001',
    hash: 'a'.repeat(64),
    body: '{}',
    ...over,
  });

  it('signature records: seq (global chain), (run, runSeq) and verification code are unique', async () => {
    const R = 'plugin::ppid.signature-record';
    await refusedByDatabase(R, rec({}), rec({ run_document_id: 'other', verification_code: 'RAWCODE00002' }));
    await refused(knex()(table(R)).insert({ document_id: docId(), ...rec({ seq: 900002, verification_code: 'RAWCODE00003' }) }));
    await refused(knex()(table(R)).insert({ document_id: docId(), ...rec({ seq: 900003, run_seq: 2 }) }));
    // Different seq, run position and code: accepted.
    await knex()(table(R)).insert({ document_id: docId(), ...rec({ seq: 900004, run_seq: 2, verification_code: 'RAWCODE00004' }) });
  });

  it('counter names are unique', async () => {
    await refusedByDatabase('plugin::ppid.counter', { name: 'raw-counter', value: 1 }, { name: 'raw-counter', value: 2 });
  });

  it('DIP decree numbers are unique across editions; the published copy of one edition shares its number', async () => {
    const E = 'plugin::ppid.dip-edition';
    const edition = { title: 'Edisi', year: 2026, instansi: 'Uji', edition_status: 'established', decree_number: '000.9/0001/RAW' };
    const documentId = docId();
    await knex()(table(E)).insert({ document_id: documentId, ...edition, published_at: null });
    // Draft & Publish: the same document's published row carries the same number.
    await knex()(table(E)).insert({ document_id: documentId, ...edition, published_at: new Date() });
    // Another edition (another document) with that number: refused.
    await refused(knex()(table(E)).insert({ document_id: docId(), ...edition, published_at: null }));
    // Editions without a number yet: many.
    await knex()(table(E)).insert({ document_id: docId(), ...edition, decree_number: null, published_at: null });
    await knex()(table(E)).insert({ document_id: docId(), ...edition, decree_number: null, published_at: null });
  });

  it('the constraints are reported present, and a second boot keeps them (idempotent)', async () => {
    const constraints = app.strapi.plugin('ppid').service('constraints');
    expect(await constraints.missing()).toEqual([]);
    expect((await constraints.ensure()).sort()).toEqual(constraints.specs().map((c: { name: string }) => c.name).sort());
  });
});

it(`${twoInstances ? 'two app instances on one PostgreSQL' : `one instance on ${client}`}: 20 concurrent submits of one item give exactly one 201 and 409s, never a 500`, async () => {
  const cm = await app
    .http()
    .post(`/content-manager/collection-types/${UID}`)
    .set(bearer(s.p.jfu))
    .send({ title: 'Pengumuman diajukan serentak', summary: 'Ringkasan', classification: 'setiap_saat', unit: s.unitId });
  expect(cm.status).toBe(201);
  const documentId = cm.body.data.documentId;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const target = second && i % 2 === 1 ? request(second.url) : app.http();
      return target
        .post('/ppid/runs')
        .set(bearer(s.p.camat))
        .send({ uid: UID, documentId })
        .then((r) => ({ status: r.status, body: r.body, instance: second && i % 2 === 1 ? 2 : 1 }));
    })
  );
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((st) => st === 201)).toHaveLength(1);
  expect(statuses.filter((st) => st === 409)).toHaveLength(19);
  for (const r of results.filter((x) => x.status === 409)) {
    expect(r.body.error.message).toMatch(/sudah dalam alur kerja.*already has a run in progress/);
    expect(r.body.error.details.reason).toBe('run_open');
  }
  const runs = await app.strapi.db.query('plugin::ppid.run').findMany({ where: { itemDocumentId: documentId } });
  expect(runs).toHaveLength(1);
});
