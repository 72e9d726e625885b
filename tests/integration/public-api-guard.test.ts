import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';

// The public guard (services/public-filter.ts): through REST and GraphQL, anonymous or with a
// read-only API token, only items published through their SOP run and not excluded are seen;
// nothing else leaks through lists, findOne, drafts, filters, sort, populate, relations or totals.
const ITEM = 'api::information-item.information-item';
const DIP = 'api::dip-entry.dip-entry';
const SOP = 'kalteng-pendokumentasian-publikasi';
const CM = `/content-manager/collection-types/${ITEM}`;

let app: TestApp;
let p: Record<string, Person>;
let unitId: number;
const ids: Record<'governed' | 'excluded' | 'draft' | 'rogue', string> = { governed: '', excluded: '', draft: '', rogue: '' };
const dips: Record<'toGoverned' | 'toExcluded' | 'toRogue', string> = { toGoverned: '', toExcluded: '', toRogue: '' };
let readOnlyToken = '';

const TITLES = {
  governed: 'Profil Kecamatan Contoh Terbuka',
  excluded: 'Berkas penyidikan rahasia Zulu',
  draft: 'Rancangan pengumuman Yankee',
  rogue: 'Terbit tanpa SOP Xray',
};

const act = (who: Person, runId: string, body: Record<string, unknown>) =>
  app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });

/** Publishes a draft by copying its row with raw SQL: a rogue path around every service. */
async function rawPublish(documentId: string) {
  const knex = app.strapi.db.connection;
  const table = app.strapi.db.metadata.get(ITEM).tableName;
  const draft = await knex(table).where({ document_id: documentId }).whereNull('published_at').first();
  const { id, ...copy } = draft;
  for (const [k, v] of Object.entries(copy)) if (v !== null && typeof v === 'object' && !(v instanceof Date)) copy[k] = JSON.stringify(v);
  await knex(table).insert({ ...copy, published_at: new Date() });
}

async function createDraft(title: string, classification: string) {
  const doc = await app.strapi.documents(ITEM as any).create({ data: { title, summary: `Ringkasan ${title}`, classification, unit: unitId } as any });
  return doc.documentId as string;
}

async function createDip(ringkasan: string, item: string) {
  const doc = await app.strapi.documents(DIP as any).create({
    data: { ringkasan, pejabatUnit: 'Kecamatan Contoh', penanggungJawab: 'PPID Pembantu', bentuk: 'softcopy', classification: 'setiap_saat', informationItem: item } as any,
  });
  await app.strapi.documents(DIP as any).publish({ documentId: doc.documentId });
  return doc.documentId as string;
}

beforeAll(async () => {
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  unitId = (await dir.ensureUnit({ code: 'KEC-CONTOH', name: 'Kecamatan Contoh' })).id;
  p = await peopleFor(app, SOP, [
    { key: 'pembantu', sopRoles: ['ppid-pembantu'], jabatan: 'PPID Pembantu', unit: unitId },
    { key: 'utama', sopRoles: ['ppid-utama'], jabatan: 'PPID Utama', unit: unitId },
    { key: 'atasan', sopRoles: ['atasan-ppid'], jabatan: 'Sekretaris Daerah (Atasan PPID)', unit: unitId },
    { key: 'admin', sopRoles: ['admin-ppid'], jabatan: 'Admin PPID', unit: unitId },
  ]);

  // 1. Published through the workflow (seed 001: collect, approve, establish, publish).
  const created = await app.http().post(CM).set(bearer(p.pembantu)).send({ title: TITLES.governed, summary: 'Profil dan struktur organisasi kecamatan', classification: 'setiap_saat', unit: unitId });
  expect(created.status).toBe(201);
  ids.governed = created.body.data.documentId;
  const submit = await app.http().post('/ppid/runs').set(bearer(p.pembantu)).send({ uid: ITEM, documentId: ids.governed, sopCode: SOP });
  expect(submit.status).toBe(201);
  const runId = submit.body.data.id;
  expect((await act(p.pembantu, runId, { act: 'submit' })).status).toBe(200);
  expect((await act(p.utama, runId, sign(p.utama))).status).toBe(200);
  expect((await act(p.atasan, runId, sign(p.atasan))).status).toBe(200);
  const pub = await act(p.admin, runId, { act: 'publish' });
  expect(pub.status).toBe(200);
  expect(pub.body.data.status).toBe('published');

  // 2. Excluded, published by raw SQL, and even given a forged "published" run: still hidden.
  ids.excluded = await createDraft(TITLES.excluded, 'dikecualikan');
  await rawPublish(ids.excluded);
  await app.strapi.db.query('plugin::ppid.run').create({
    data: { itemUid: ITEM, itemDocumentId: ids.excluded, sopCode: SOP, sopVersion: 1, status: 'published', currentStep: 4, lock: 1, state: {}, publishedHash: 'f'.repeat(64) },
  });
  // 3. A draft. 4. Published by raw SQL with no run.
  ids.draft = await createDraft(TITLES.draft, 'setiap_saat');
  ids.rogue = await createDraft(TITLES.rogue, 'setiap_saat');
  await rawPublish(ids.rogue);

  dips.toGoverned = await createDip('Entri ke informasi terbuka', ids.governed);
  dips.toExcluded = await createDip('Entri ke informasi dikecualikan', ids.excluded);
  dips.toRogue = await createDip('Entri ke informasi tanpa SOP', ids.rogue);

  const token = await app.strapi.service('admin::api-token').create({ name: 'baca', type: 'read-only', lifespan: null, permissions: [] });
  readOnlyToken = token.accessKey;
});
afterAll(async () => {
  await app?.stop();
});

it('the setup is real: hidden rows exist in the database and the relations point to them', async () => {
  for (const key of ['governed', 'excluded', 'rogue'] as const) {
    const row = await app.strapi.documents(ITEM as any).findOne({ documentId: ids[key], status: 'published' });
    expect(row?.title).toBe(TITLES[key]);
  }
  const entry = await app.strapi.documents(DIP as any).findOne({ documentId: dips.toExcluded, status: 'published', populate: ['informationItem'] });
  expect((entry as any).informationItem?.documentId).toBe(ids.excluded);
  expect(await app.strapi.db.query(ITEM).count({ where: { publishedAt: { $notNull: true } } })).toBe(3);
});

const clients: [string, () => Record<string, string>][] = [
  ['anonymous', () => ({})],
  ['read-only API token', () => ({ Authorization: `Bearer ${readOnlyToken}` })],
];

describe.each(clients)('REST, %s', (_name, auth) => {
  const get = (url: string) => app.http().get(url).set(auth());
  const docIds = (res: any) => (res.body.data ?? []).map((d: any) => d.documentId);
  const hidden = () => [ids.excluded, ids.draft, ids.rogue];

  it('lists only the governed item, and the total counts only it', async () => {
    const res = await get('/api/information-items');
    expect(res.status).toBe(200);
    expect(docIds(res)).toEqual([ids.governed]);
    expect(res.body.meta.pagination.total).toBe(1);
    const paged = await get('/api/information-items?pagination[pageSize]=1&pagination[page]=2&sort=title:desc');
    expect(paged.body.data).toEqual([]);
    expect(paged.body.meta.pagination).toMatchObject({ total: 1, pageCount: 1 });
  });

  it('findOne by documentId: the governed item only', async () => {
    expect((await get(`/api/information-items/${ids.governed}`)).status).toBe(200);
    for (const id of hidden()) expect((await get(`/api/information-items/${id}`)).status).toBe(404);
  });

  it('status=draft returns no drafts', async () => {
    const list = await get('/api/information-items?status=draft');
    expect(list.status).toBe(200);
    expect(docIds(list)).not.toEqual(expect.arrayContaining([ids.draft]));
    expect(list.body.data.every((d: any) => d.publishedAt)).toBe(true);
    expect((await get(`/api/information-items/${ids.draft}?status=draft`)).status).toBe(404);
  });

  it('filters and sort do not reveal hidden items', async () => {
    const byClass = await get('/api/information-items?filters[classification][$eq]=dikecualikan');
    expect(byClass.body.data).toEqual([]);
    expect(byClass.body.meta.pagination.total).toBe(0);
    for (const t of [TITLES.excluded, TITLES.rogue, TITLES.draft]) {
      const byTitle = await get(`/api/information-items?filters[title][$eq]=${encodeURIComponent(t)}`);
      expect(byTitle.body.data).toEqual([]);
    }
    const or = await get(`/api/information-items?filters[$or][0][documentId][$eq]=${ids.excluded}&filters[$or][1][documentId][$eq]=${ids.rogue}`);
    expect(or.body.data).toEqual([]);
    const sorted = await get('/api/information-items?sort=title:asc&populate=*');
    expect(docIds(sorted)).toEqual([ids.governed]);
  });

  it('dip-entries: a relation to a hidden item is empty, with populate=* and deep populate', async () => {
    for (const q of ['populate=*', 'populate[informationItem][populate]=*', 'populate=informationItem']) {
      const res = await get(`/api/dip-entries?${q}`);
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body.data.map((d: any) => [d.documentId, d.informationItem]));
      expect(Object.keys(byId).sort()).toEqual(Object.values(dips).sort());
      expect(byId[dips.toGoverned]?.documentId).toBe(ids.governed);
      expect(byId[dips.toExcluded] ?? null).toBeNull();
      expect(byId[dips.toRogue] ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toMatch(/Zulu|Xray/);
    }
    const one = await get(`/api/dip-entries/${dips.toExcluded}?populate[informationItem][fields][0]=title`);
    expect(one.status).toBe(200);
    expect(one.body.data.informationItem ?? null).toBeNull();
  });

  it('filtering dip-entries by the related item does not leak that hidden items exist', async () => {
    const by = (f: string) => get(`/api/dip-entries?${f}`);
    expect((await by(`filters[informationItem][title][$eq]=${encodeURIComponent(TITLES.excluded)}`)).body.data).toEqual([]);
    expect((await by('filters[informationItem][classification][$eq]=dikecualikan')).body.data).toEqual([]);
    expect((await by(`filters[informationItem][documentId][$eq]=${ids.rogue}`)).body.data).toEqual([]);
    const ok = await by(`filters[informationItem][title][$eq]=${encodeURIComponent(TITLES.governed)}`);
    expect(docIds(ok)).toEqual([dips.toGoverned]);
    const notNull = await by('filters[informationItem][id][$notNull]=true');
    expect(docIds(notNull)).toEqual([dips.toGoverned]);
    expect(notNull.body.meta.pagination.total).toBe(1);
  });

  it('the publication facts route answers only for the governed item', async () => {
    expect((await get(`/api/ppid/publications/${ids.governed}`)).status).toBe(200);
    for (const id of hidden()) expect((await get(`/api/ppid/publications/${id}`)).status).toBe(404);
  });
});

describe.each(clients)('GraphQL, %s', (_name, auth) => {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await app.http().post('/graphql').set(auth()).send({ query, variables });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  it('lists, finds one and counts only the governed item', async () => {
    const data = await gql(`{ informationItems(pagination: { limit: 50 }) { documentId title classification }
      informationItems_connection { pageInfo { total } nodes { documentId } } }`);
    expect(data.informationItems.map((d: any) => d.documentId)).toEqual([ids.governed]);
    expect(data.informationItems_connection.pageInfo.total).toBe(1);
    for (const id of [ids.excluded, ids.draft, ids.rogue]) {
      const one = await gql('query($id: ID!) { informationItem(documentId: $id) { documentId title } }', { id });
      expect(one.informationItem).toBeNull();
    }
    const one = await gql('query($id: ID!) { informationItem(documentId: $id) { documentId } }', { id: ids.governed });
    expect(one.informationItem.documentId).toBe(ids.governed);
  });

  it('drafts and filters stay hidden', async () => {
    const drafts = await gql('{ informationItems(status: DRAFT) { documentId } informationItems_connection(status: DRAFT) { pageInfo { total } } }');
    expect(drafts.informationItems).toEqual([]);
    expect(drafts.informationItems_connection.pageInfo.total).toBe(0);
    const excluded = await gql('{ informationItems(filters: { classification: { eq: "dikecualikan" } }) { documentId } }');
    expect(excluded.informationItems).toEqual([]);
  });

  it('relations: a dip-entry pointing to a hidden item shows null; relation filters leak nothing', async () => {
    const data = await gql('{ dipEntries(pagination: { limit: 50 }) { documentId informationItem { documentId title } } }');
    const byId = Object.fromEntries(data.dipEntries.map((d: any) => [d.documentId, d.informationItem]));
    expect(byId[dips.toGoverned]?.documentId).toBe(ids.governed);
    expect(byId[dips.toExcluded]).toBeNull();
    expect(byId[dips.toRogue]).toBeNull();
    const filtered = await gql('query($t: String) { dipEntries(filters: { informationItem: { title: { eq: $t } } }) { documentId } dipEntries_connection(filters: { informationItem: { classification: { eq: "dikecualikan" } } }) { pageInfo { total } } }', { t: TITLES.excluded });
    expect(filtered.dipEntries).toEqual([]);
    expect(filtered.dipEntries_connection.pageInfo.total).toBe(0);
  });
});

it('the admin panel still sees every item (the guard is for the content API only)', async () => {
  const res = await app.http().get(`${CM}?page=1&pageSize=50`).set(bearer(p.pembantu));
  expect(res.status).toBe(200);
  const seen = res.body.results.map((r: any) => r.documentId);
  expect(seen).toEqual(expect.arrayContaining([ids.governed, ids.excluded, ids.draft, ids.rogue]));
});

it('writes are not broken by the guard, and what they create stays hidden from readers', async () => {
  const full = await app.strapi.service('admin::api-token').create({ name: 'penuh', type: 'full-access', lifespan: null, permissions: [] });
  const created = await app.http().post('/api/information-items?status=draft').set('Authorization', `Bearer ${full.accessKey}`).send({ data: { title: 'Dibuat lewat API penuh', summary: 'Draf', classification: 'setiap_saat' } });
  expect([created.status, created.body.error?.message]).toEqual([201, undefined]);
  expect(created.body.data.title).toBe('Dibuat lewat API penuh');
  expect((await app.http().post('/api/information-items').send({ data: { title: 'Anonim', summary: 'x' } })).status).toBe(403);
  expect((await app.http().post('/api/information-items').set('Authorization', `Bearer ${readOnlyToken}`).send({ data: { title: 'Baca saja', summary: 'x' } })).status).toBe(403);
  const list = await app.http().get('/api/information-items?status=draft').set('Authorization', `Bearer ${readOnlyToken}`);
  expect(list.body.data.map((d: any) => d.documentId)).not.toContain(created.body.data.documentId);
  const gql = await app.http().post('/graphql').set('Authorization', `Bearer ${full.accessKey}`).send({ query: '{ informationItems(status: DRAFT) { documentId } }' });
  expect(gql.body.data.informationItems.map((d: any) => d.documentId)).not.toContain(created.body.data.documentId);
});
