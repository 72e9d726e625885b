// Reference public page of the PPID workflow. Dependency-free; reads only the public API:
//   GET /api/information-items                published information (Strapi REST)
//   GET /api/information-items/:documentId    one item with its body and attachments (?item=…)
//   GET /api/information-kinds                kinds of information, for the filter
//   GET /api/ppid/publications/:documentId    public facts of a publication (SOP, verification code)
//   GET /api/ppid/dip/current                 the established DIP edition (404 until there is one)
// and, on the applicant's pages (?halaman=permohonan|lacak, ./requests.js), the request routes
// and links to /api/ppid/verify/:code?format=html. What may be public is decided by the API's
// guard, never here: the page renders every item the API returns, grouped by the class the API
// reports. All text comes from ./i18n.js; API data is only ever set as text, never as HTML
// (an item's rich-text body is built node by node from Strapi's blocks JSON).
import { DEFAULT_LANGUAGE, LANGUAGES, MONTHS, STRINGS } from './i18n.js';
import { requestPages } from './requests.js';
import { verifyPdfPage } from './verify-pdf.js';

const CLASSES = ['berkala', 'serta_merta', 'setiap_saat'];
const PAGE_SIZE = 20;
const LANG_KEY = 'ppid-portal-lang';
const SEARCH_DELAY_MS = 300;
const PUBLICATION_CONCURRENCY = 4;
// The applicant's pages (?halaman=…): the section id is the value; its title key.
const PAGES = { permohonan: 'rq.title', lacak: 'tr.title', periksa: 'vf.title' };
const DIP_COLUMNS = ['nomor', 'ringkasan', 'pejabatUnit', 'penanggungJawab', 'waktuTempat', 'bentuk', 'retensi', 'klasifikasi'];
const SORTS = {
  // Class first, so that paging fills the groups in their order (berkala < serta_merta < setiap_saat).
  newest: ['classification:asc', 'publishedAt:desc', 'title:asc'],
  oldest: ['classification:asc', 'publishedAt:asc', 'title:asc'],
  title: ['classification:asc', 'title:asc'],
};

const API = (document.body.dataset.apiBase || '').replace(/\/+$/, '');
const $ = (id) => document.getElementById(id);

const state = {
  lang: DEFAULT_LANGUAGE,
  filters: { q: '', kelas: '', jenis: '', unit: '', urut: 'newest' },
  list: { status: 'loading', items: [], total: 0, page: 0, pageCount: 0 },
  kinds: [],
  units: [],
  unitsPublic: false,
  dip: { status: 'loading', data: null },
  publications: new Map(),
  // The opened item (?item=documentId): status loading | ready | missing | error.
  item: { id: '', status: 'idle', data: null, pub: null },
  // The applicant's page shown instead of the list ('' = none).
  page: '',
};
let requests = null;
let verifyPdf = null;

// ---------------------------------------------------------------------------------------------
// Text

function t(key, vars) {
  const table = STRINGS[state.lang] || STRINGS[DEFAULT_LANGUAGE];
  const one = vars && (vars.n === 1 || vars.total === 1) ? table[`${key}.one`] : undefined;
  let s = one ?? table[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

/** "23 November 2026". Date-only values ("2026-11-23") are read as that calendar day. */
function parseDate(value) {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
function formatDate(value) {
  const d = parseDate(value);
  return d ? `${d.getDate()} ${MONTHS[state.lang][d.getMonth()]} ${d.getFullYear()}` : '';
}

function classLabel(c) {
  return c && STRINGS[DEFAULT_LANGUAGE][`class.${c}`] ? t(`class.${c}`) : c || t('class.unknown');
}

// ---------------------------------------------------------------------------------------------
// DOM

/** h('a', { href, class, text, dataset, on: { click } }, ...children): text only, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

function applyStaticText() {
  document.documentElement.lang = state.lang;
  document.title = t('doc.title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  for (const btn of document.querySelectorAll('.lang-btn')) btn.setAttribute('aria-pressed', String(btn.dataset.lang === state.lang));
  const agency = document.body.dataset.agency;
  if (agency) {
    $('agency').textContent = agency;
    $('agency').hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// API

/** Strapi's bracket query syntax: { filters: { title: { $containsi: 'x' } } } → filters[title][$containsi]=x */
function toQuery(value, prefix = '', out = []) {
  if (value == null || value === '') return out;
  if (Array.isArray(value)) value.forEach((v, i) => toQuery(v, `${prefix}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) toQuery(v, prefix ? `${prefix}[${k}]` : k, out);
  else out.push(`${prefix.replace(/[^\w$[\]]/g, encodeURIComponent)}=${encodeURIComponent(value)}`);
  return out;
}
const url = (path, params) => {
  const q = params ? toQuery(params).join('&') : '';
  return `${API}${path}${q ? `?${q}` : ''}`;
};

async function getJson(href, signal) {
  const res = await fetch(href, { headers: { Accept: 'application/json' }, signal, credentials: 'omit' });
  if (!res.ok) {
    const err = new Error(`HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

const verifyHref = (code) => `${API}/api/ppid/verify/${encodeURIComponent(code)}?format=html`;
/** The verification link; on paper its full address is printed after it (portal.css). */
function verifyLink(code, label, ariaLabel) {
  const href = verifyHref(code);
  return h(
    'a',
    { class: 'btn btn-verify', href, 'aria-label': ariaLabel, dataset: { printUrl: new URL(href, window.location.href).href } },
    h('span', { 'aria-hidden': 'true', class: 'check', text: '✓' }),
    ` ${label}`
  );
}

/** Only web addresses and site-relative paths become links. */
function safeHref(value) {
  if (typeof value !== 'string' || !value.trim()) return null;
  try {
    const u = new URL(value.trim(), window.location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Published information

function buildFilters() {
  const f = state.filters;
  const all = [];
  if (f.q) all.push({ $or: [{ title: { $containsi: f.q } }, { summary: { $containsi: f.q } }] });
  if (f.kelas) all.push({ classification: { $eq: f.kelas } });
  if (f.jenis) all.push({ kind: { code: { $eq: f.jenis } } });
  if (f.unit) all.push(state.unitsPublic ? { $or: [{ unit: { name: { $eq: f.unit } } }, { holder: { $eq: f.unit } }] } : { holder: { $eq: f.unit } });
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : { $and: all };
}

const hasFilters = () => Boolean(state.filters.q || state.filters.kelas || state.filters.jenis || state.filters.unit);

let listSeq = 0;
let listAbort = null;

async function loadItems({ append = false } = {}) {
  const seq = ++listSeq;
  listAbort?.abort();
  listAbort = new AbortController();
  const page = append ? state.list.page + 1 : 1;
  if (!append) state.list = { status: 'loading', items: [], total: 0, page: 0, pageCount: 0 };
  else state.list.status = 'loading-more';
  renderItems();
  try {
    const body = await getJson(
      url('/api/information-items', {
        filters: buildFilters(),
        sort: SORTS[state.filters.urut] || SORTS.newest,
        fields: ['title', 'summary', 'classification', 'holder', 'responsible', 'publicationDate', 'publishedAt'],
        populate: { kind: { fields: ['code', 'label'] }, unit: { fields: ['name'] } },
        pagination: { page, pageSize: PAGE_SIZE },
      }),
      listAbort.signal
    );
    if (seq !== listSeq) return;
    const data = Array.isArray(body?.data) ? body.data : [];
    const p = body?.meta?.pagination ?? {};
    const firstNew = state.list.items.length;
    state.list = {
      status: 'ready',
      items: append ? [...state.list.items, ...data] : data,
      total: p.total ?? data.length,
      page: p.page ?? page,
      pageCount: p.pageCount ?? page,
    };
    renderItems();
    if (append && data[0]) document.querySelector(`[data-document-id="${CSS.escape(data[0].documentId)}"] .card-title`)?.focus();
    for (const item of state.list.items.slice(append ? firstNew : 0)) queuePublication(item.documentId);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== listSeq) return;
    state.list.status = append ? 'ready' : 'error';
    renderItems();
    if (append) $('items-status').textContent = t('status.error');
  }
}

function groupItems(items) {
  const groups = new Map(CLASSES.map((c) => [c, []]));
  for (const item of items) {
    const c = item.classification || '';
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c).push(item);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

function renderItems() {
  const box = $('items');
  const status = $('items-status');
  const more = $('more');
  const { list } = state;
  box.setAttribute('aria-busy', String(list.status === 'loading'));
  box.replaceChildren();
  more.hidden = true;
  $('reset').hidden = !hasFilters() && state.filters.urut === 'newest';

  if (list.status === 'loading') {
    status.textContent = t('status.loading');
    return;
  }
  if (list.status === 'error') {
    status.textContent = '';
    box.append(h('div', { class: 'notice notice-error' }, h('p', { text: t('status.error') }), h('button', { type: 'button', class: 'btn', text: t('action.retry'), on: { click: () => loadItems() } })));
    return;
  }
  if (list.items.length === 0) {
    status.textContent = '';
    box.append(h('div', { class: 'notice' }, h('p', { text: t(hasFilters() ? 'status.noneFiltered' : 'status.none') })));
    return;
  }
  status.textContent = t(hasFilters() ? 'status.countFiltered' : 'status.count', { shown: list.items.length, total: list.total });

  for (const [cls, items] of groupItems(list.items)) {
    const known = CLASSES.includes(cls);
    const key = known ? cls : 'other';
    const headingId = `group-${key}-${cls || 'none'}`;
    const basis = t(`group.${key}.basis`);
    const note = t(`group.${key}.note`);
    box.append(
      h(
        'section',
        { class: `group group-${known ? cls : 'other'}`, 'aria-labelledby': headingId, dataset: { class: cls } },
        h(
          'div',
          { class: 'group-head' },
          h('h3', { id: headingId, class: 'group-title' }, known ? t(`group.${cls}`) : `${t('group.other')}: ${classLabel(cls)}`),
          h('p', { class: 'group-meta' }, basis ? h('span', { class: 'basis', text: basis }) : null, h('span', { class: 'count', text: t('group.count', { n: items.length }) })),
          note ? h('p', { class: 'group-note', text: note }) : null
        ),
        h('ul', { class: 'cards' }, items.map((item) => h('li', {}, renderCard(item))))
      )
    );
  }
  more.hidden = !(list.page < list.pageCount);
  more.disabled = list.status === 'loading-more';
}

function renderCard(item) {
  const unitName = item.unit?.name;
  const holder = [unitName, item.holder].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(' — ');
  const pub = state.publications.get(item.documentId);
  const date = item.publicationDate || (pub?.data?.publishedAt ?? null) || item.publishedAt;
  const meta = [
    holder ? [t('item.unit'), holder] : null,
    item.responsible ? [t('item.responsible'), item.responsible] : null,
    date ? [t('item.date'), h('time', { datetime: date, text: formatDate(date) })] : null,
  ].filter(Boolean);
  return h(
    'article',
    { class: 'card', dataset: { documentId: item.documentId, class: item.classification ?? '' } },
    h(
      'div',
      { class: 'card-top' },
      h('span', { class: `badge badge-${CLASSES.includes(item.classification) ? item.classification : 'other'}`, text: classLabel(item.classification) }),
      item.kind?.label ? h('span', { class: 'kind', text: item.kind.label, title: t('item.kind') }) : null
    ),
    h('h4', { class: 'card-title', tabindex: '-1' }, h('a', { class: 'card-link', href: itemHref(item.documentId), text: item.title, on: { click: (e) => followItemLink(e, item.documentId) } })),
    item.summary ? h('p', { class: 'summary', text: item.summary }) : null,
    meta.length ? h('dl', { class: 'meta' }, meta.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v)))) : null,
    h('div', { class: 'verify', dataset: { verifyFor: item.documentId } }, renderVerify(item))
  );
}

function renderVerify(item) {
  const pub = state.publications.get(item.documentId);
  if (!pub || pub.status === 'loading') return [h('span', { class: 'verify-pending', text: t('item.verify.pending') })];
  const code = pub.data?.verificationCode;
  const sop = pub.data?.sop?.name;
  return [
    sop ? h('p', { class: 'sop' }, h('span', { class: 'sop-label', text: `${t('item.sop')}: ` }), h('span', { text: sop })) : null,
    code
      ? verifyLink(code, t('item.verify'), t('item.verify.label', { title: item.title }))
      : h('span', { class: 'verify-none', text: t('item.verify.none') }),
  ].filter(Boolean);
}

// Public facts of each shown item, a few requests at a time; each card updates when its answer comes.
const publicationQueue = [];
let publicationsRunning = 0;

function queuePublication(documentId) {
  if (!documentId || state.publications.has(documentId)) return;
  state.publications.set(documentId, { status: 'loading' });
  publicationQueue.push(documentId);
  pumpPublications();
}

function pumpPublications() {
  while (publicationsRunning < PUBLICATION_CONCURRENCY && publicationQueue.length) {
    const documentId = publicationQueue.shift();
    publicationsRunning++;
    getJson(url(`/api/ppid/publications/${encodeURIComponent(documentId)}`))
      .then((body) => state.publications.set(documentId, { status: 'ready', data: body?.data ?? null }))
      .catch(() => state.publications.set(documentId, { status: 'none', data: null }))
      .finally(() => {
        publicationsRunning--;
        updateCard(documentId);
        pumpPublications();
      });
  }
}

function updateCard(documentId) {
  const item = state.list.items.find((i) => i.documentId === documentId);
  const card = document.querySelector(`.card[data-document-id="${CSS.escape(documentId)}"]`);
  if (item && card) card.replaceWith(renderCard(item));
}

// ---------------------------------------------------------------------------------------------
// Filter options: kinds (public type) and units/holders seen in published items

async function loadKinds() {
  try {
    const body = await getJson(url('/api/information-kinds', { fields: ['code', 'label', 'classification'], sort: ['label:asc'], pagination: { pageSize: 100 } }));
    state.kinds = (body?.data ?? []).filter((k) => k.code && k.label && CLASSES.includes(k.classification));
  } catch {
    state.kinds = [];
  }
  renderKindOptions();
}

function renderKindOptions() {
  const select = $('f-kind');
  const keep = select.value || state.filters.jenis;
  select.replaceChildren(h('option', { value: '', text: t('filter.kind.all') }));
  for (const cls of CLASSES) {
    const kinds = state.kinds.filter((k) => k.classification === cls);
    if (kinds.length) select.append(h('optgroup', { label: classLabel(cls) }, kinds.map((k) => h('option', { value: k.code, text: k.label }))));
  }
  if (keep && !state.kinds.some((k) => k.code === keep)) select.append(h('option', { value: keep, text: keep }));
  select.value = keep;
  $('field-kind').hidden = state.kinds.length === 0 && !keep;
}

async function loadUnits() {
  try {
    const body = await getJson(url('/api/information-items', { fields: ['holder'], populate: { unit: { fields: ['name'] } }, pagination: { pageSize: 100, withCount: false } }));
    const rows = body?.data ?? [];
    // The unit relation is populated only where the body made units public; otherwise the holder text is used.
    state.unitsPublic = rows.some((r) => r.unit !== undefined);
    const names = new Set();
    for (const r of rows) for (const v of [r.unit?.name, r.holder]) if (v) names.add(v);
    state.units = [...names].sort((a, b) => a.localeCompare(b, 'id'));
  } catch {
    state.units = [];
  }
  renderUnitOptions();
}

function renderUnitOptions() {
  const select = $('f-unit');
  const keep = select.value || state.filters.unit;
  select.replaceChildren(h('option', { value: '', text: t('filter.unit.all') }), ...state.units.map((u) => h('option', { value: u, text: u })));
  if (keep && !state.units.includes(keep)) select.append(h('option', { value: keep, text: keep }));
  select.value = keep;
  $('field-unit').hidden = state.units.length < 2 && !keep;
}

// ---------------------------------------------------------------------------------------------
// DIP

async function loadDip() {
  state.dip = { status: 'loading', data: null };
  renderDip();
  try {
    const body = await getJson(url('/api/ppid/dip/current'));
    state.dip = body?.data ? { status: 'ready', data: body.data } : { status: 'none', data: null };
  } catch (e) {
    state.dip = { status: e.status === 404 ? 'none' : 'error', data: null };
  }
  renderDip();
}

/** "2026-07-15" → "15 Juli 2026", "2026-07" → "Juli 2026"; anything else as written. */
function formatWaktu(waktu) {
  const s = String(waktu ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s);
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${MONTHS[state.lang][Number(m[2]) - 1]} ${m[1]}` : s;
}

function dipCell(entry, key, columns) {
  if (key === 'klasifikasi' && entry.klasifikasi) return classLabel(entry.klasifikasi);
  if (key === 'waktuTempat' && entry.waktuTempat && typeof entry.waktuTempat === 'object') {
    return [formatWaktu(entry.waktuTempat.waktu), String(entry.waktuTempat.tempat ?? '').trim()].filter(Boolean).join(', ');
  }
  const i = columns.indexOf(key);
  if (Array.isArray(entry.row) && i >= 0 && entry.row[i] != null) return String(entry.row[i]);
  const v = entry[key];
  if (v == null) return '';
  if (key === 'bentuk') return [].concat(v).join(', ');
  if (key === 'retensi' && typeof v === 'object') return `Aktif ${v.aktifTahun} tahun, inaktif ${v.inaktifTahun} tahun, ${String(v.disposisiAkhir ?? '').replace('_', ' ')}`;
  return String(v);
}

function renderDip() {
  const box = $('dip-body');
  const { status, data } = state.dip;
  box.setAttribute('aria-busy', String(status === 'loading'));
  box.replaceChildren();
  if (status === 'loading') return box.append(h('p', { class: 'status', text: t('dip.loading') }));
  if (status === 'none') return box.append(h('div', { class: 'notice', id: 'dip-none' }, h('p', { class: 'notice-title', text: t('dip.none') }), h('p', { text: t('dip.none.note') })));
  if (status === 'error')
    return box.append(h('div', { class: 'notice notice-error' }, h('p', { text: t('dip.error') }), h('button', { type: 'button', class: 'btn', text: t('action.retry'), on: { click: loadDip } })));

  const entries = Array.isArray(data.entries) ? data.entries : [];
  const columns = Array.isArray(data.columns) ? data.columns.map((c) => c.key) : [];
  const officialHeader = (key) => STRINGS.id[`dip.col.${key}`];
  const decree = data.decreeNumber ? t(data.decreeDate ? 'dip.decree' : 'dip.decree.noDate', { number: data.decreeNumber, date: formatDate(data.decreeDate) }) : null;
  const signer = data.signer;

  box.append(
    h(
      'div',
      { class: 'dip-head' },
      h('p', { class: 'dip-badge', text: t('dip.established') }),
      h('h3', { class: 'dip-title', text: data.title || t('dip.title') }),
      data.instansi ? h('p', { class: 'dip-instansi', text: data.instansi }) : null,
      decree ? h('p', { class: 'dip-decree', text: decree }) : null,
      signer?.nama ? h('p', { class: 'dip-signer', text: t('dip.signer', { name: signer.nama, position: signer.jabatan || '' }).replace(/,\s*$/, '') }) : null,
      signer?.verificationCode ? h('p', {}, verifyLink(signer.verificationCode, t('dip.verify'))) : null
    )
  );
  if (entries.length === 0) return box.append(h('div', { class: 'notice' }, h('p', { text: t('dip.empty') })));

  const headerCell = (key) =>
    h(
      'th',
      { scope: 'col', class: `col-${key}` },
      h('span', { text: t(`dip.col.${key}`) }),
      state.lang !== 'id' ? h('span', { class: 'th-official', lang: 'id', text: officialHeader(key) }) : null
    );
  const table = h(
    'table',
    { class: 'dip-table' },
    h('caption', { text: t('dip.caption', { title: data.title || t('dip.title'), n: entries.length }) }),
    h('thead', {}, h('tr', {}, DIP_COLUMNS.map(headerCell))),
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          {},
          DIP_COLUMNS.map((key) => {
            const text = dipCell(entry, key, columns);
            const link = key === 'ringkasan' ? safeHref(entry.tautan) : null;
            const content = key === 'klasifikasi' && CLASSES.includes(entry.klasifikasi) ? h('span', { class: `badge badge-${entry.klasifikasi}`, text }) : link ? h('a', { href: link, text }) : text;
            return h(key === 'nomor' ? 'th' : 'td', { class: `col-${key}`, 'data-label': t(`dip.col.${key}`), ...(key === 'nomor' ? { scope: 'row' } : {}) }, content);
          })
        )
      )
    )
  );
  box.append(h('p', { class: 'scroll-hint', text: t('dip.scrollHint') }), h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('dip.title') }, table));
}

// ---------------------------------------------------------------------------------------------
// One item: its body, metadata and attachments (?item=documentId)

// Strapi document ids are short lowercase alphanumerics; anything else cannot be an item.
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LIST_SECTIONS = ['informasi', 'dip', 'tentang'];

const itemHref = (documentId) => urlParams(documentId);

/** A plain click opens the item in place; modified clicks (new tab…) keep the browser's default. */
function followItemLink(e, documentId) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const from = state.item.id;
  state.item.id = documentId;
  history.pushState(null, '', itemHref(documentId));
  showView({ from });
}

/** From an item back to the list (a new history entry, so Back returns to the item). */
function goToList(hash = '') {
  const from = state.item.id;
  state.item.id = '';
  state.page = '';
  history.pushState(null, '', `${urlParams('')}${hash}`);
  showView({ from, hash });
}

/** Shows the list or the item the address names; focus goes where a reader expects it. */
function showView({ from = '', hash = '', focusPage = false } = {}) {
  const page = state.page;
  const open = !page && Boolean(state.item.id);
  $('item-view').hidden = !open;
  for (const id of LIST_SECTIONS) $(id).hidden = open || Boolean(page);
  for (const id of Object.keys(PAGES)) $(id).hidden = id !== page;
  pageLinks();
  printedLine();
  if (page) {
    document.title = `${t(PAGES[page])} — ${t('doc.title')}`;
    itemSeq++;
    state.item = { id: '', status: 'idle', data: null, pub: null };
    $('item-view').replaceChildren();
    if (focusPage) {
      $(`${page}-title`).focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    return;
  }
  if (open) {
    if (state.item.status === 'idle' || state.item.loadedFor !== state.item.id) loadItem();
    else renderItem();
    return;
  }
  document.title = t('doc.title');
  itemSeq++; // an answer still on its way is for a page no longer shown
  state.item = { id: '', status: 'idle', data: null, pub: null };
  $('item-view').replaceChildren();
  const target = hash ? document.querySelector(hash) : from ? document.querySelector(`.card[data-document-id="${CSS.escape(from)}"] .card-link`) : null;
  if (target) {
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
  }
}

let itemSeq = 0;

async function loadItem() {
  const seq = ++itemSeq;
  const id = state.item.id;
  state.item = { id, loadedFor: id, status: 'loading', data: null, pub: null };
  renderItem();
  if (!DOCUMENT_ID.test(id)) {
    state.item.status = 'missing';
    return renderItem({ focus: true });
  }
  try {
    const [body, pub] = await Promise.all([
      getJson(
        url(`/api/information-items/${encodeURIComponent(id)}`, {
          populate: {
            kind: { fields: ['code', 'label'] },
            unit: { fields: ['name'] },
            production: true,
            retention: true,
            announcement: true,
            attachments: { fields: ['name', 'url', 'mime', 'ext', 'size'] },
          },
        })
      ),
      getJson(url(`/api/ppid/publications/${encodeURIComponent(id)}`)).catch(() => null),
    ]);
    if (seq !== itemSeq) return;
    state.item = { id, loadedFor: id, status: body?.data ? 'ready' : 'missing', data: body?.data ?? null, pub: pub?.data ?? null };
  } catch (e) {
    if (seq !== itemSeq) return;
    state.item = { id, loadedFor: id, status: e.status === 404 || e.status === 400 ? 'missing' : 'error', data: null, pub: null };
  }
  renderItem({ focus: true });
}

function backLink() {
  return h(
    'p',
    { class: 'item-back no-print' },
    h('a', { href: urlParams(''), on: { click: (e) => (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey ? (e.preventDefault(), goToList()) : null) } }, h('span', { 'aria-hidden': 'true', text: '← ' }), t('detail.back'))
  );
}

function renderItem({ focus = false } = {}) {
  const box = $('item-view');
  const { status, data, pub } = state.item;
  box.setAttribute('aria-busy', String(status === 'loading'));
  box.replaceChildren(backLink());
  box.removeAttribute('aria-labelledby');
  if (status === 'loading') return box.append(h('p', { class: 'status', role: 'status', text: t('detail.loading') }));
  if (status === 'missing' || status === 'error') {
    const missing = status === 'missing';
    document.title = `${t(missing ? 'detail.missing' : 'detail.error')} — ${t('doc.title')}`;
    box.setAttribute('aria-labelledby', 'item-title');
    box.append(
      h(
        'div',
        { class: `notice item-notice${missing ? '' : ' notice-error'}`, id: missing ? 'item-missing' : 'item-error' },
        h('h2', { id: 'item-title', class: 'notice-title', tabindex: '-1', text: t(missing ? 'detail.missing' : 'detail.error') }),
        h('p', { text: t(missing ? 'detail.missing.note' : 'status.error') }),
        missing ? null : h('button', { type: 'button', class: 'btn', text: t('action.retry'), on: { click: loadItem } })
      )
    );
    if (focus) $('item-title').focus();
    return;
  }

  const item = data;
  const cls = item.classification;
  const known = CLASSES.includes(cls);
  document.title = `${item.title} — ${t('doc.title')}`;
  box.setAttribute('aria-labelledby', 'item-title');
  box.dataset.documentId = item.documentId;

  const holder = [item.unit?.name, item.holder].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(' — ');
  const date = item.publicationDate || pub?.publishedAt || item.publishedAt;
  const production = item.production ? [item.production.date ? formatDate(item.production.date) : '', item.production.period, item.production.place].map((v) => String(v ?? '').trim()).filter(Boolean).join(', ') : '';
  const retention = item.retention ? retentionText(item.retention) : '';
  const meta = [
    ['class', known ? h('span', {}, h('span', { class: `badge badge-${cls}`, text: classLabel(cls) }), ' ', h('span', { class: 'item-basis', text: `${t(`group.${cls}`)} (${t(`group.${cls}.basis`)})` })) : classLabel(cls)],
    item.kind?.label ? ['kind', item.kind.label] : null,
    holder ? ['unit', holder] : null,
    item.responsible ? ['responsible', item.responsible] : null,
    production ? ['production', production] : null,
    item.form ? ['form', t(`form.${item.form}`)] : null,
    retention ? ['retention', retention] : null,
    date ? ['date', h('time', { datetime: date, text: formatDate(date) })] : null,
    pub?.sop?.name ? ['sop', pub.sop.name] : null,
  ].filter(Boolean);

  const files = Array.isArray(item.attachments) ? item.attachments : item.attachments ? [item.attachments] : [];
  const blocks = Array.isArray(item.body) ? item.body : [];
  const announcement = cls === 'serta_merta' ? announcementElements(item.announcement) : [];

  box.append(
    h(
      'header',
      { class: 'item-head' },
      h('p', { class: 'card-top' }, h('span', { class: `badge badge-${known ? cls : 'other'}`, text: classLabel(cls) }), item.kind?.label ? h('span', { class: 'kind', text: item.kind.label }) : null),
      h('h2', { id: 'item-title', class: 'item-title', tabindex: '-1', text: item.title }),
      item.summary ? h('p', { class: 'item-summary', text: item.summary }) : null
    ),
    announcement.length
      ? h(
          'section',
          { class: 'item-section item-announcement', 'aria-labelledby': 'item-announcement-title' },
          h('h3', { id: 'item-announcement-title', text: t('detail.announcement') }),
          h('dl', { class: 'announcement-list' }, announcement.map(([k, v]) => h('div', { dataset: { element: k } }, h('dt', { text: t(`announcement.${k}`) }), h('dd', { text: v }))))
        )
      : null,
    h(
      'section',
      { class: 'item-section item-body', 'aria-labelledby': 'item-body-title' },
      h('h3', { id: 'item-body-title', text: t('detail.body') }),
      blocks.length ? h('div', { class: 'rich' }, renderBlocks(blocks, 4)) : h('p', { class: 'muted', text: t('detail.body.none') })
    ),
    h(
      'section',
      { class: 'item-section item-files', 'aria-labelledby': 'item-files-title' },
      h('h3', { id: 'item-files-title', text: t('detail.files') }),
      files.length ? h('ul', { class: 'files' }, files.map(renderFile)) : h('p', { class: 'muted', text: t('detail.files.none') })
    ),
    h(
      'section',
      { class: 'item-section item-meta', 'aria-labelledby': 'item-meta-title' },
      h('h3', { id: 'item-meta-title', text: t('detail.meta') }),
      h('dl', { class: 'facts' }, meta.map(([k, v]) => h('div', {}, h('dt', { text: t(`detail.meta.${k}`) }), h('dd', {}, v)))),
      h(
        'div',
        { class: 'verify item-verify' },
        pub?.verificationCode ? verifyLink(pub.verificationCode, t('item.verify'), t('item.verify.label', { title: item.title })) : h('span', { class: 'verify-none', text: t('item.verify.none') })
      )
    )
  );
  if (focus) $('item-title').focus();
}

// The eight elements of a serta merta announcement (Perki 1/2021), in the regulation's order.
const ANNOUNCEMENT_ELEMENTS = [
  'bahayaDanDampak',
  'pihakTerdampak',
  'prosedurDanTempatEvakuasi',
  'caraMenghindariBahaya',
  'caraMemperolehBantuan',
  'pihakYangWajibMengumumkan',
  'caraPengumumanDarurat',
  'upayaYangDilakukan',
];

/** The filled elements of an announcement as the public API returned it ([key, text] pairs). */
function announcementElements(a) {
  if (!a || typeof a !== 'object') return [];
  return ANNOUNCEMENT_ELEMENTS.map((k) => [k, typeof a[k] === 'string' ? a[k].trim() : '']).filter(([, v]) => v);
}

function retentionText(r) {
  const parts = [];
  if (r.activeYears != null) parts.push(t('retention.active', { n: r.activeYears }));
  if (r.inactiveYears != null) parts.push(t('retention.inactive', { n: r.inactiveYears }));
  if (r.disposition) parts.push(t(`retention.${r.disposition}`));
  if (r.note) parts.push(String(r.note));
  return parts.join(', ');
}

/** Strapi stores sizes in kilobytes. */
function formatSize(kb) {
  const n = Number(kb);
  if (!Number.isFinite(n) || n < 0) return '';
  const fmt = (v, d) => v.toLocaleString(state.lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: d });
  if (n < 10) return `${fmt(n, 2)} KB`;
  if (n < 1000) return `${fmt(n, 1)} KB`;
  return `${fmt(n / 1000, 1)} MB`;
}

function fileType(f) {
  const ext = String(f.ext || '').replace(/^\./, '').toUpperCase();
  return ext || String(f.mime || '').split('/').pop().toUpperCase();
}

/** File URLs are site paths (/uploads/…) of the API's site, or absolute URLs of a storage provider. */
function fileHref(f) {
  const raw = typeof f.url === 'string' ? f.url : '';
  return safeHref(raw.startsWith('/') && !raw.startsWith('//') ? `${API}${raw}` : raw);
}

function renderFile(f) {
  const href = fileHref(f);
  const name = String(f.name || t('detail.file'));
  const details = [fileType(f), formatSize(f.size)].filter(Boolean).join(', ');
  const label = h('span', { class: 'file-name', text: name });
  return h(
    'li',
    { class: 'file' },
    href
      ? h(
          'a',
          { class: 'file-link', href, download: name, 'aria-label': t('detail.file.label', { name, details }), dataset: { printUrl: new URL(href, window.location.href).href } },
          h('span', { class: 'file-icon', 'aria-hidden': 'true', text: '⤓' }),
          label
        )
      : label,
    details ? h('span', { class: 'file-details', 'aria-hidden': href ? 'true' : null, text: ` (${details})` }) : null
  );
}

// Strapi 5 "blocks": paragraph, heading, list (list-item), quote, code, image; inline text
// (bold, italic, underline, strikethrough, code) and link. Built as DOM nodes, never as HTML.
function renderBlocks(blocks, baseLevel) {
  return blocks.map((b) => renderBlock(b, baseLevel)).filter(Boolean);
}

function renderBlock(b, baseLevel) {
  if (!b || typeof b !== 'object') return null;
  const kids = () => renderInline(b.children);
  switch (b.type) {
    case 'paragraph':
      return h('p', {}, kids());
    case 'heading': {
      // Body headings sit under the page's h2/h3: levels 1 and 2 → h4, 3 → h5, then h6.
      const level = Math.min(6, Math.max(baseLevel, baseLevel + (Number(b.level) || 1) - 2));
      return h(`h${level}`, {}, kids());
    }
    case 'list':
      return h(b.format === 'ordered' ? 'ol' : 'ul', {}, (Array.isArray(b.children) ? b.children : []).map((c) => (c?.type === 'list' ? h('li', { class: 'nested' }, renderBlock(c, baseLevel)) : h('li', {}, renderInline(c?.children)))));
    case 'list-item':
      return h('li', {}, kids());
    case 'quote':
      return h('blockquote', {}, kids());
    case 'code':
      return h('pre', {}, h('code', { lang: b.language || null }, inlineText(b.children)));
    case 'image': {
      const img = b.image || {};
      const src = fileHref(img);
      if (!src) return null;
      return h('figure', {}, h('img', { src, alt: img.alternativeText || '', width: img.width || null, height: img.height || null, loading: 'lazy' }), img.caption ? h('figcaption', { text: img.caption }) : null);
    }
    default:
      // An unknown block still shows its text.
      return Array.isArray(b.children) ? h('p', {}, kids()) : null;
  }
}

function inlineText(children) {
  return (Array.isArray(children) ? children : []).map((c) => (c?.type === 'text' ? String(c.text ?? '') : inlineText(c?.children))).join('');
}

function renderInline(children) {
  return (Array.isArray(children) ? children : []).map((c) => {
    if (!c || typeof c !== 'object') return null;
    if (c.type === 'link') {
      const href = /^(mailto|tel):/i.test(String(c.url ?? '')) ? String(c.url) : safeHref(c.url);
      const inner = renderInline(c.children);
      return href ? h('a', { href, rel: 'noopener noreferrer' }, inner) : h('span', {}, inner);
    }
    if (c.type !== 'text') return Array.isArray(c.children) ? h('span', {}, renderInline(c.children)) : null;
    let node = document.createTextNode(String(c.text ?? ''));
    if (c.code) node = h('code', {}, node);
    if (c.bold) node = h('strong', {}, node);
    if (c.italic) node = h('em', {}, node);
    if (c.underline) node = h('u', {}, node);
    if (c.strikethrough) node = h('s', {}, node);
    return node;
  });
}

// ---------------------------------------------------------------------------------------------
// Language, URL state, events

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  let stored = null;
  try {
    stored = window.localStorage.getItem(LANG_KEY);
  } catch {
    /* storage may be blocked */
  }
  const lang = params.get('lang') || stored;
  state.lang = LANGUAGES.includes(lang) ? lang : DEFAULT_LANGUAGE;
  if (params.get('lang') && LANGUAGES.includes(params.get('lang'))) remember(state.lang);
  const f = state.filters;
  f.q = (params.get('q') || '').slice(0, 200);
  f.kelas = CLASSES.includes(params.get('kelas')) ? params.get('kelas') : '';
  f.jenis = params.get('jenis') || '';
  f.unit = params.get('unit') || '';
  f.urut = SORTS[params.get('urut')] ? params.get('urut') : 'newest';
  state.page = PAGES[params.get('halaman')] ? params.get('halaman') : '';
  state.item.id = state.page ? '' : (params.get('item') || '').slice(0, 100);
}

function remember(lang) {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* storage may be blocked */
  }
}

function urlParams(itemId, page = '') {
  const params = new URLSearchParams();
  if (state.lang !== DEFAULT_LANGUAGE) params.set('lang', state.lang);
  // An applicant's page carries nothing else (never the number or the e-mail).
  if (page) {
    params.set('halaman', page);
    return `${window.location.pathname}?${params}`;
  }
  const f = state.filters;
  if (f.q) params.set('q', f.q);
  if (f.kelas) params.set('kelas', f.kelas);
  if (f.jenis) params.set('jenis', f.jenis);
  if (f.unit) params.set('unit', f.unit);
  if (f.urut !== 'newest') params.set('urut', f.urut);
  if (itemId) params.set('item', itemId);
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}

function writeUrl() {
  history.replaceState(null, '', `${urlParams(state.item.id, state.page)}${state.page ? '' : window.location.hash}`);
  printedLine();
  pageLinks();
}

const pageHref = (page) => urlParams('', page);

/** The nav links to the applicant's pages: their address (with the language) and which is current. */
function pageLinks() {
  for (const a of document.querySelectorAll('.page-nav a[data-page]')) {
    a.setAttribute('href', pageHref(a.dataset.page));
    if (a.dataset.page === state.page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** Opens an applicant's page (a new history entry; Back returns where the reader was). */
function goToPage(page) {
  const from = state.item.id;
  state.page = page;
  state.item.id = '';
  history.pushState(null, '', pageHref(page));
  showView({ from, focusPage: true });
}

function syncForm() {
  $('q').value = state.filters.q;
  $('f-class').value = state.filters.kelas;
  $('f-kind').value = state.filters.jenis;
  $('f-unit').value = state.filters.unit;
  $('f-sort').value = state.filters.urut;
}

function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === state.lang) return;
  state.lang = lang;
  remember(lang);
  writeUrl();
  applyStaticText();
  renderKindOptions();
  renderUnitOptions();
  renderItems();
  renderDip();
  requests?.render();
  verifyPdf?.render();
  if (state.item.id) renderItem();
  if (state.page) document.title = `${t(PAGES[state.page])} — ${t('doc.title')}`;
}

function printedLine() {
  $('printed').textContent = t('footer.printed', { url: window.location.href, date: formatDate(new Date().toISOString()) });
}

function applyFilters(changes) {
  Object.assign(state.filters, changes);
  writeUrl();
  loadItems();
}

let searchTimer = null;

function wire() {
  for (const btn of document.querySelectorAll('.lang-btn')) btn.addEventListener('click', () => setLanguage(btn.dataset.lang));
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(searchTimer);
    applyFilters({ q: $('q').value.trim() });
  });
  $('q').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const q = $('q').value.trim();
      if (q !== state.filters.q) applyFilters({ q });
    }, SEARCH_DELAY_MS);
  });
  $('f-class').addEventListener('change', (e) => applyFilters({ kelas: e.target.value }));
  $('f-kind').addEventListener('change', (e) => applyFilters({ jenis: e.target.value }));
  $('f-unit').addEventListener('change', (e) => applyFilters({ unit: e.target.value }));
  $('f-sort').addEventListener('change', (e) => applyFilters({ urut: e.target.value }));
  $('reset').addEventListener('click', () => {
    clearTimeout(searchTimer);
    Object.assign(state.filters, { q: '', kelas: '', jenis: '', unit: '', urut: 'newest' });
    syncForm();
    writeUrl();
    loadItems();
  });
  $('more').addEventListener('click', () => loadItems({ append: true }));
  $('print').addEventListener('click', () => window.print());
  // Back/forward between the list and an item: the address is the state.
  window.addEventListener('popstate', () => {
    const before = state.item.id;
    const beforePage = state.page;
    const params = new URLSearchParams(window.location.search);
    const page = PAGES[params.get('halaman')] ? params.get('halaman') : '';
    const next = page ? '' : (params.get('item') || '').slice(0, 100);
    if (!before && !next && !beforePage && !page) return; // a #section jump within the list
    state.page = page;
    state.item.id = next;
    showView({ from: before, focusPage: Boolean(page) });
  });
  // The page's own sections are on the list view; from an item or an applicant's page, go back
  // to the list first. The applicant's pages open in place.
  for (const a of document.querySelectorAll('.page-nav a, .skip-link')) {
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (a.dataset.page) {
        e.preventDefault();
        goToPage(a.dataset.page);
        return;
      }
      if ((!state.item.id && !state.page) || a.classList.contains('skip-link')) return;
      e.preventDefault();
      goToList(a.getAttribute('href'));
    });
  }
  window.addEventListener('beforeprint', printedLine);
}

async function start() {
  readUrl();
  applyStaticText();
  printedLine();
  syncForm();
  wire();
  requests = requestPages({ t, h, $, api: API, lang: () => state.lang, months: MONTHS, verifyHref, pageHref, go: goToPage });
  verifyPdf = verifyPdfPage({ t, h, $, api: API, verifyHref, lang: () => state.lang, months: MONTHS });
  loadDip();
  const options = Promise.all([loadKinds(), loadUnits()]);
  // A unit named in the address needs to know how units can be filtered before the first query.
  if (state.filters.unit) await options;
  syncForm();
  showView();
  loadItems();
}

start();
