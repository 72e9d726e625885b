// Runs INSIDE a bench server (bench/server.js, via IPC): data setup with the real services, or
// bulk knex inserts where the services would take minutes (10,000 rows).
const crypto = require('crypto');

const II = 'api::information-item.information-item';
const PLAIN = 'api::plain-item.plain-item';
const SOP = 'palaran-publikasi-website';
const CLASSES = ['berkala', 'serta_merta', 'setiap_saat'];
const docId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

async function columnsOf(knex, table) {
  return Object.keys(await knex(table).columnInfo());
}

/** Inserts rows keeping only columns the table has (schemas evolve under the bench). */
async function insert(knex, table, rows, chunk = 200) {
  const cols = new Set(await columnsOf(knex, table));
  const clean = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => cols.has(k))));
  const ids = [];
  for (let i = 0; i < clean.length; i += chunk) {
    const part = clean.slice(i, i + chunk);
    const res = await knex(table).insert(part, ['id']);
    ids.push(...res.map((r) => (typeof r === 'object' ? r.id : r)));
  }
  // SQLite returns only the last id for a multi-row insert on old drivers: re-read if short.
  if (ids.length !== clean.length) {
    const got = await knex(table).select('id').whereIn('document_id', clean.map((r) => r.document_id)).orderBy('id');
    return got.map((g) => g.id);
  }
  return ids;
}

/**
 * The same `n` published rows in the governed type and in the plain type: a draft and a
 * published row per document (as Draft & Publish stores them), a unit link each, and for the
 * governed type a run that reached its publish act (what the public guard reads).
 */
async function seedReads(strapi, { n }) {
  const knex = strapi.db.connection;
  const meta = (uid) => strapi.db.metadata.get(uid);
  const dir = strapi.plugin('ppid').service('directory');
  const units = [];
  for (let u = 0; u < 10; u++) units.push(await dir.ensureUnit({ code: `BENCH-U${u}`, name: `Unit Bench ${u}` }));
  const now = new Date();
  const docs = Array.from({ length: n }, (_, i) => ({
    documentId: docId(),
    title: `Informasi bench nomor ${i}`,
    summary: `Ringkasan informasi publik nomor ${i} untuk pengukuran kinerja.`,
    classification: CLASSES[i % CLASSES.length],
    unit: units[i % units.length].id,
    holder: `Unit Bench ${i % 10}`,
    responsible: 'Sekretaris',
  }));

  const fill = async (uid) => {
    const m = meta(uid);
    const rowsFor = (published) =>
      docs.map((d, i) => ({
        document_id: d.documentId,
        title: d.title,
        summary: d.summary,
        classification: d.classification,
        holder: d.holder,
        responsible: d.responsible,
        form: 'softcopy',
        locale: null,
        created_at: now,
        updated_at: now,
        published_at: published ? new Date(now.getTime() - i * 1000) : null,
        // Published through the workflow (the run rows below): the guard's flag, as the publish act sets it.
        ...(m.attributes.ppidPublic ? { ppid_public: published } : {}),
      }));
    await insert(knex, m.tableName, rowsFor(false));
    const ids = await insert(knex, m.tableName, rowsFor(true));
    // Unit relation: link both the draft and the published row, as Strapi does.
    const join = m.attributes.unit.joinTable;
    const all = await knex(m.tableName).select('id', 'document_id');
    const unitOf = new Map(docs.map((d) => [d.documentId, d.unit]));
    const links = all.map((r) => ({ [join.joinColumn.name]: r.id, [join.inverseJoinColumn.name]: unitOf.get(r.document_id) }));
    await insert(knex, join.name, links, 400);
    return ids.length;
  };
  await fill(II);
  await fill(PLAIN);

  // Runs that reached the publish act, one per governed document.
  const runMeta = meta('plugin::ppid.run');
  const sop = await strapi.db.query('plugin::ppid.sop').findOne({ where: { code: SOP }, orderBy: { version: 'desc' } });
  const runs = docs.map((d) => ({
    document_id: docId(),
    item_uid: II,
    item_document_id: d.documentId,
    item_title: d.title,
    sop_code: SOP,
    sop_version: sop ? sop.version : 1,
    status: 'published',
    current_step: 7,
    lock: 12,
    state: JSON.stringify({ status: 'published', version: 12, currentStep: 7, steps: [] }),
    classification: d.classification,
    fast_track: false,
    started_at: now,
    ended_at: now,
    published_hash: crypto.createHash('sha256').update(d.documentId).digest('hex'),
    created_at: now,
    updated_at: now,
  }));
  await insert(knex, runMeta.tableName, runs);

  // The baseline type is readable by the public in the bench only (never in the product).
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  for (const action of [`${PLAIN}.find`, `${PLAIN}.findOne`]) {
    const have = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { role: role.id, action } });
    if (!have) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  // Strapi's own read statistics stay fresh after a bulk load.
  if (strapi.db.dialect.client === 'postgres') await knex.raw('ANALYZE');
  if (strapi.db.dialect.client === 'sqlite') await knex.raw('ANALYZE');
  return {
    n,
    unitIds: units.map((u) => u.id),
    sample: docs.slice(0, 200).map((d) => d.documentId),
  };
}

let nip = 100;
const nextNip = () => `19800507200501${1}${String(nip++).padStart(3, '0')}`;

/**
 * Seed 000 items brought to step 4 (Sekretaris signs, tanda tangan) for `reviewers` distinct
 * Sekretaris users; returns their logins and the runs each one signs.
 */
async function seedActs(strapi, { reviewers, perReviewer, single }) {
  const dir = strapi.plugin('ppid').service('directory');
  const wf = strapi.plugin('ppid').service('workflow');
  const unit = await dir.ensureUnit({ code: 'BENCH-ACTS', name: 'Kecamatan Bench' });
  const person = async (key, sopRole, jabatan) => {
    const role = await dir.ensureRole(`bench:${key}`);
    const email = `${key}.bench@example.go.id`;
    const password = `Rahasia-${key}-123`;
    const user = await dir.ensureUser({ email, firstname: jabatan, lastname: key, password, roles: [role.id] });
    await dir.ensureOfficial({ nama: `${jabatan} ${key}`, nip: nextNip(), jabatan, unit: unit.id, user: user.id });
    await dir.mapRole(SOP, sopRole, role.id, unit.id);
    return { id: user.id, email, password };
  };
  const camat = await person('camat', 'camat', 'Camat');
  const kasi = await person('kasi', 'kasubbag-kasi', 'Kasi');
  const jfu = await person('jfu', 'staf', 'JFU');
  const sek = [];
  for (let r = 0; r < reviewers; r++) sek.push(await person(`sekcam${r}`, 'sekretaris', 'Sekretaris'));
  const out = sek.map((s) => ({ email: s.email, password: s.password, runs: [] }));
  // Reviewer 0 signs `single` items alone; the others `perReviewer` each, concurrently.
  const total = (single || perReviewer) + (reviewers - 1) * perReviewer;
  for (let i = 0; i < total; i++) {
    const doc = await strapi.documents(II).create({
      data: { title: `Item alur bench ${i}`, summary: 'Ringkasan untuk tanda tangan', classification: 'setiap_saat', unit: unit.id },
    });
    const run = await wf.submit({ uid: II, documentId: doc.documentId }, jfu.id);
    await wf.act(run.id, { act: 'approve' }, camat.id);
    await wf.act(run.id, { act: 'submit' }, jfu.id);
    await wf.act(run.id, { act: 'approve' }, kasi.id);
    const lane = i < (single || perReviewer) ? 0 : 1 + ((i - (single || perReviewer)) % (reviewers - 1));
    out[lane].runs.push(run.id);
  }
  return out;
}

/** A super admin and `n` draft plain items: the baseline for the signing act (plain publish). */
async function seedPlainPublish(strapi, { n }) {
  const superRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const email = 'super.bench@example.go.id';
  const password = 'Rahasia-Super-123';
  const dir = strapi.plugin('ppid').service('directory');
  await dir.ensureUser({ email, firstname: 'Super', lastname: 'Bench', password, roles: [superRole.id] });
  const documentIds = [];
  for (let i = 0; i < n; i++) {
    const d = await strapi.documents(PLAIN).create({ data: { title: `Item biasa ${i}`, summary: 'Ringkasan', classification: 'setiap_saat' } });
    documentIds.push(d.documentId);
  }
  return { email, password, documentIds };
}

async function verifyChains(strapi) {
  return strapi.plugin('ppid').service('records').verifyChains();
}

module.exports = { seedReads, seedActs, seedPlainPublish, verifyChains };
