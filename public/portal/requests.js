// The applicant's pages of the reference portal (docs/portal.md): filing a request for public
// information (permohonan informasi, UU 14/2008 Pasal 22; Perki 1/2021) and tracking it, with the
// objection (keberatan, Pasal 35-37). Only the public request routes (docs/api.md):
//   POST /api/ppid/requests                                    JSON, or multipart with the scan
//   GET  /api/ppid/requests/:number?email=                     the status for that applicant
//   GET  /api/ppid/requests/:number/receipt|notice?email=      the receipt / the signed notice (PDF)
//   POST /api/ppid/requests/:number/objections                 an objection
//   GET  /api/ppid/requests/:number/objections/:n/answer?email= the Atasan PPID's answer (PDF)
// The server judges every field; the page shows its answers. The e-mail stays in the forms and in
// memory: it is in the API calls (the contract) but never in the page's address or in a link (the
// PDFs are fetched and handed to the browser as files). Server data is only ever set as text.

const STAGES = ['diterima', 'diproses', 'diputuskan', 'selesai'];
const REASONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const ZONE_NAMES = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/**
 * ctx: { t, h, $, api, lang(), months, verifyHref } from portal.js.
 * Returns { render() } to redraw the dynamic parts after a language change, and `open(page)`.
 */
export function requestPages(ctx) {
  const { t, h, $, api } = ctx;
  // The body's time zone (data-time-zone on <body>; the API gives instants, the law counts in the body's days).
  const zone = document.body.dataset.timeZone || 'Asia/Jakarta';
  const state = {
    filed: null, // { number, receivedAt, dueAt, email } after a 201
    track: { status: 'idle', number: '', email: '', data: null, error: null },
    objection: { status: 'idle', result: null, error: null },
  };

  // -------------------------------------------------------------------------------------------
  // Dates: "7 Desember 2026 pukul 09:00 WIB" in the body's zone.

  function parts(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return null;
    const p = {};
    for (const x of new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) p[x.type] = x.value;
    return p;
  }
  function dateOnly(iso) {
    const p = parts(iso);
    return p ? `${Number(p.day)} ${ctx.months[ctx.lang()][Number(p.month) - 1]} ${p.year}` : '';
  }
  function dateTime(iso) {
    const p = parts(iso);
    if (!p) return '';
    return t('when', { date: dateOnly(iso), time: `${p.hour}:${p.minute}`, zone: ZONE_NAMES[zone] || zone });
  }
  /** A plain date ("2027-01-04") as that calendar day. */
  function calendarDay(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ''));
    return m ? `${Number(m[3])} ${ctx.months[ctx.lang()][Number(m[2]) - 1]} ${m[1]}` : dateOnly(value);
  }
  const time = (iso, text) => h('time', { datetime: iso, text });

  // -------------------------------------------------------------------------------------------
  // HTTP

  const requestPath = (number) => `${api}/api/ppid/requests/${encodeURIComponent(number)}`;

  /** fetch → { status, body (parsed JSON or null), retryAfter }; network failures are status 0. */
  async function call(href, init = {}) {
    try {
      const res = await fetch(href, { credentials: 'omit', ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
      let body = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      return { status: res.status, body, retryAfter: Number(res.headers.get('Retry-After')) || 0 };
    } catch {
      return { status: 0, body: null, retryAfter: 0 };
    }
  }

  /** The message for an answer that is not a field error (413, 415, 429, 503, network, other). */
  function problemText(res) {
    if (res.status === 429) return t('err.rate', { minutes: Math.max(1, Math.ceil((res.retryAfter || 60) / 60)) });
    if (res.status === 413) return t('err.tooLarge');
    if (res.status === 415) return t('err.fileType');
    if (res.status === 503) return t('err.unavailable');
    if (res.status === 0) return t('err.network');
    return t('err.other', { status: res.status });
  }

  /** Downloads a PDF the API gives for number + e-mail, without the e-mail in any link on the page. */
  async function download(href, email, filename, statusEl) {
    statusEl.textContent = t('pdf.loading');
    let res;
    try {
      res = await fetch(`${href}?email=${encodeURIComponent(email)}`, { credentials: 'omit' });
    } catch {
      statusEl.textContent = t('err.network');
      return;
    }
    if (!res.ok) {
      statusEl.textContent = res.status === 404 ? t('pdf.missing') : problemText({ status: res.status, retryAfter: Number(res.headers.get('Retry-After')) || 0 });
      return;
    }
    const blob = await res.blob();
    const href2 = URL.createObjectURL(blob);
    const a = h('a', { href: href2, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href2), 60_000);
    statusEl.textContent = t('pdf.done', { name: filename });
  }

  function pdfButton(label, href, email, filename, id) {
    const status = h('span', { class: 'pdf-status', role: 'status' });
    return h(
      'span',
      { class: 'pdf' },
      h('button', { type: 'button', class: 'btn btn-quiet', id, on: { click: () => download(href, email, filename, status) } }, h('span', { 'aria-hidden': 'true', text: '⤓ ' }), label),
      ' ',
      status
    );
  }

  // -------------------------------------------------------------------------------------------
  // Filing

  const FIELD_PATHS = ['applicant.type', 'applicant.name', 'applicant.address', 'applicant.email', 'applicant.phone', 'applicant.identityNumber', 'identityScan', 'information', 'purpose', 'obtainBy', 'deliverBy'];

  function clearErrors(prefix) {
    for (const el of document.querySelectorAll(`${prefix} .field-error`)) {
      el.textContent = '';
      el.hidden = true;
    }
    for (const el of document.querySelectorAll(`${prefix} [aria-invalid]`)) el.removeAttribute('aria-invalid');
  }

  /** Shows the server's field errors beside their fields; returns the first field shown, or null. */
  function showFieldErrors(errors, known, idOf) {
    let first = null;
    const unplaced = [];
    for (const e of Array.isArray(errors) ? errors : []) {
      const path = Array.isArray(e?.path) ? e.path.join('.') : String(e?.path ?? '');
      // "reasons.0" belongs to the reasons box.
      const key = known.find((k) => path === k || path.startsWith(`${k}.`));
      const box = key ? $(`e-${idOf(key)}`) : null;
      if (!box) {
        unplaced.push(String(e?.message ?? path));
        continue;
      }
      box.textContent = box.textContent ? `${box.textContent}; ${e.message}` : String(e.message ?? '');
      box.hidden = false;
      const input = $(`f-${idOf(key)}`);
      input?.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
    return { first, unplaced };
  }

  function readRequestForm() {
    const form = $('request-form');
    const v = (id) => $(id).value;
    const radio = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value ?? '';
    return {
      applicant: {
        type: radio('applicantType'),
        name: v('f-applicant.name'),
        address: v('f-applicant.address'),
        email: v('f-applicant.email'),
        phone: v('f-applicant.phone'),
        identityNumber: v('f-applicant.identityNumber'),
      },
      information: v('f-information'),
      purpose: v('f-purpose'),
      obtainBy: radio('obtainBy'),
      deliverBy: radio('deliverBy'),
    };
  }

  async function submitRequest(e) {
    e.preventDefault();
    const button = $('rq-submit');
    const alert = $('rq-alert');
    clearErrors('#request-form');
    alert.hidden = true;
    alert.replaceChildren();
    const data = readRequestForm();
    const scan = $('f-identityScan').files?.[0];
    let init;
    if (scan) {
      // Strapi's upload convention: the JSON in `data`, the file beside it.
      const fd = new FormData();
      fd.append('data', JSON.stringify(data));
      fd.append('identityScan', scan, scan.name);
      init = { method: 'POST', body: fd };
    } else {
      init = { method: 'POST', body: JSON.stringify(data), headers: { 'Content-Type': 'application/json' } };
    }
    button.disabled = true;
    button.textContent = t('rq.sending');
    const res = await call(`${api}/api/ppid/requests`, init);
    button.disabled = false;
    button.textContent = t('rq.submit');
    if (res.status === 201 && res.body?.number) {
      state.filed = { number: res.body.number, receivedAt: res.body.receivedAt, dueAt: res.body.dueAt, email: data.applicant.email.trim() };
      // Nothing the applicant typed stays on the page (the identity number least of all).
      $('request-form').reset();
      $('request-form').hidden = true;
      renderFiled();
      $('rq-result').focus();
      return;
    }
    const errors = res.body?.error?.details?.errors;
    const { first, unplaced } = res.status === 400 || res.status === 413 || res.status === 415 ? showFieldErrors(errors, FIELD_PATHS, (k) => k) : { first: null, unplaced: [] };
    const lines = [];
    if (res.status === 400) lines.push(t('err.fields'));
    else lines.push(problemText(res));
    lines.push(...unplaced);
    alert.append(...lines.map((text) => h('p', { text })));
    alert.hidden = false;
    (first ?? alert).focus();
  }

  function renderFiled() {
    const box = $('rq-result');
    const f = state.filed;
    box.hidden = !f;
    if (!f) return box.replaceChildren();
    box.replaceChildren(
      h(
        'div',
        { class: 'notice notice-ok', id: 'rq-success' },
        h('h3', { class: 'notice-title', text: t('rq.done') }),
        h('p', { text: t('rq.done.note') }),
        h(
          'dl',
          { class: 'facts' },
          h('div', {}, h('dt', { text: t('rq.number') }), h('dd', {}, h('strong', { id: 'rq-number', class: 'reg-number', text: f.number }))),
          h('div', {}, h('dt', { text: t('rq.received') }), h('dd', {}, time(f.receivedAt, dateTime(f.receivedAt)))),
          h('div', {}, h('dt', { text: t('rq.due') }), h('dd', {}, time(f.dueAt, dateTime(f.dueAt)), h('span', { class: 'hint', text: ` ${t('rq.due.basis')}` })))
        ),
        h('p', { class: 'hint', text: t('rq.keep') }),
        h(
          'p',
          { class: 'actions' },
          pdfButton(t('rq.receipt'), `${requestPath(f.number)}/receipt`, f.email, `tanda-bukti-${f.number.replace(/[^\w.-]+/g, '-')}.pdf`, 'rq-receipt'),
          h('a', { class: 'btn', id: 'rq-track', href: ctx.pageHref('lacak'), on: { click: (e) => (e.preventDefault(), trackFiled()) } }, t('rq.track')),
          h('button', { type: 'button', class: 'btn btn-quiet', on: { click: newRequest } }, t('rq.another'))
        )
      )
    );
  }

  function newRequest() {
    state.filed = null;
    renderFiled();
    $('request-form').hidden = false;
    $('f-applicant.name').focus();
  }

  /** From the success box to tracking: the number and the e-mail go with the page's state, not the address. */
  function trackFiled() {
    const f = state.filed;
    ctx.go('lacak');
    $('t-number').value = f.number;
    $('t-email').value = f.email;
    loadTrack(f.number, f.email);
  }

  // -------------------------------------------------------------------------------------------
  // Tracking

  async function loadTrack(number, email, { quiet = false } = {}) {
    state.track = { status: 'loading', number, email, data: quiet ? state.track.data : null, error: null };
    if (!quiet) state.objection = { status: 'idle', result: null, error: null };
    renderTrack();
    const res = await call(`${requestPath(number)}?email=${encodeURIComponent(email)}`);
    if (state.track.number !== number || state.track.email !== email) return; // another search since
    if (res.status === 200 && res.body?.data) state.track = { status: 'ready', number, email, data: res.body.data, error: null };
    else state.track = { status: res.status === 404 ? 'missing' : 'error', number, email, data: null, error: res.status === 404 ? null : problemText(res) };
    renderTrack();
    if (!quiet) $('tr-result').querySelector('h3')?.focus();
  }

  function submitTrack(e) {
    e.preventDefault();
    const number = $('t-number').value.trim();
    const email = $('t-email').value.trim();
    if (!number || !email) {
      state.track = { status: 'incomplete', number, email, data: null, error: null };
      renderTrack();
      return;
    }
    loadTrack(number, email);
  }

  const statusText = (s, fallback) => (s && t(`status.${s}`) !== `status.${s}` ? t(`status.${s}`) : fallback || s || '');
  const label = (prefix, v, fallback) => (v && t(`${prefix}.${v}`) !== `${prefix}.${v}` ? t(`${prefix}.${v}`) : fallback || v || '');

  function renderTrack() {
    const box = $('tr-result');
    const s = state.track;
    box.setAttribute('aria-busy', String(s.status === 'loading'));
    if (s.status === 'idle') return box.replaceChildren();
    if (s.status === 'loading' && !s.data) return box.replaceChildren(h('p', { class: 'status', role: 'status', text: t('tr.loading') }));
    if (s.status === 'incomplete') return box.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert' }, h('p', { text: t('tr.incomplete') })));
    if (s.status === 'missing') {
      // The same words for an unknown number and a wrong e-mail (the API does not say which).
      return box.replaceChildren(
        h('div', { class: 'notice notice-error', id: 'tr-missing' }, h('h3', { class: 'notice-title', tabindex: '-1', text: t('tr.missing') }), h('p', { text: t('tr.missing.note') }))
      );
    }
    if (s.status === 'error') return box.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert' }, h('h3', { class: 'notice-title', tabindex: '-1', text: t('tr.error') }), h('p', { text: s.error })));
    box.replaceChildren(...trackView(s.data));
  }

  function trackView(d) {
    const current = STAGES.indexOf(d.status);
    // The last stage reached is done, not in progress.
    const isDone = (i) => i < current || (i === current && i === STAGES.length - 1);
    const stages =
      d.status === 'dibatalkan'
        ? h('p', { class: 'stage-cancelled', text: statusText('dibatalkan', d.statusLabel) })
        : h(
            'ol',
            { class: 'stages', 'aria-label': t('tr.stages') },
            STAGES.map((st, i) =>
              h(
                'li',
                { class: isDone(i) ? 'stage done' : i === current ? 'stage current' : 'stage', 'aria-current': i === current ? 'step' : null, dataset: { stage: st } },
                h('span', { class: 'stage-mark', 'aria-hidden': 'true', text: isDone(i) ? '✓' : String(i + 1) }),
                h('span', { class: 'stage-label', text: t(`stage.${st}`) })
              )
            )
          );
    const facts = [
      [t('tr.status'), h('strong', { id: 'tr-status', text: statusText(d.status, d.statusLabel) })],
      d.step && d.step.total ? [t('tr.step'), t('tr.step.value', { current: Math.min(d.step.current, d.step.total), total: d.step.total })] : null,
      [t('rq.received'), time(d.receivedAt, dateTime(d.receivedAt))],
      [t('rq.due'), h('span', {}, time(d.dueAt, dateTime(d.dueAt)), d.extended ? h('span', { class: 'badge-ext', text: ` ${t('tr.extended')}` }) : null)],
      [t('tr.information'), d.information],
      [t('rq.obtainBy'), label('obtain', d.obtainBy)],
      [t('rq.deliverBy'), label('deliver', d.deliverBy)],
    ].filter(Boolean);
    const out = [
      h('h3', { class: 'track-title', tabindex: '-1' }, t('tr.request'), ' ', h('span', { class: 'reg-number', id: 'tr-number', text: d.number })),
      stages,
      h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v)))),
      h('p', { class: 'actions' }, pdfButton(t('rq.receipt'), `${requestPath(d.number)}/receipt`, state.track.email, `tanda-bukti-${d.number.replace(/[^\w.-]+/g, '-')}.pdf`, 'tr-receipt')),
    ];
    if (d.extension) {
      out.push(
        h(
          'section',
          { class: 'track-section', id: 'tr-extension', 'aria-labelledby': 'tr-extension-title' },
          h('h4', { id: 'tr-extension-title', text: t('tr.extension') }),
          h('p', { text: t('tr.extension.text', { days: d.extension.days, from: dateTime(d.extension.originalDueAt), to: dateTime(d.dueAt) }) }),
          h('p', {}, h('span', { class: 'muted', text: `${t('tr.extension.reasons')}: ` }), d.extension.reasons)
        )
      );
    }
    out.push(
      h(
        'section',
        { class: 'track-section', id: 'tr-decision', 'aria-labelledby': 'tr-decision-title' },
        h('h4', { id: 'tr-decision-title', text: t('tr.notice') }),
        d.decision
          ? [
              h('p', { class: 'outcome', id: 'tr-outcome', dataset: { outcome: d.decision.outcome } }, label('outcome', d.decision.outcome, d.decision.outcomeLabel)),
              h('p', { class: 'muted', text: t('tr.notice.signed', { date: dateTime(d.decision.decidedAt) }) }),
              h(
                'p',
                { class: 'actions' },
                pdfButton(t('tr.notice.pdf'), `${requestPath(d.number)}/notice`, state.track.email, `pemberitahuan-tertulis-${d.number.replace(/[^\w.-]+/g, '-')}.pdf`, 'tr-notice'),
                d.decision.verificationCode ? h('a', { class: 'btn btn-verify', href: ctx.verifyHref(d.decision.verificationCode) }, h('span', { 'aria-hidden': 'true', class: 'check', text: '✓' }), ` ${t('item.verify')}`) : null
              ),
            ]
          : h('p', { class: 'muted', text: t('tr.notice.none', { date: dateTime(d.dueAt) }) })
      )
    );
    out.push(objectionsView(d));
    return out;
  }

  function objectionsView(d) {
    const list = Array.isArray(d.objections) ? d.objections : [];
    return h(
      'section',
      { class: 'track-section', id: 'tr-objections', 'aria-labelledby': 'tr-objections-title' },
      h('h4', { id: 'tr-objections-title', text: t('ob.title') }),
      list.length ? h('ul', { class: 'objections' }, list.map((o) => objectionView(d, o))) : h('p', { class: 'muted', text: t('ob.none') }),
      objectionForm(d)
    );
  }

  function objectionView(d, o) {
    const reasons = (Array.isArray(o.reasons) ? o.reasons : []).map((r) => h('li', {}, h('span', { class: 'letter', text: `${r}. ` }), t(`reason.${r}`)));
    const facts = [
      [t('ob.received'), time(o.receivedAt, dateTime(o.receivedAt))],
      [t('ob.due'), time(o.dueAt, dateTime(o.dueAt))],
      [t('tr.status'), statusText(`ob.${o.status}`, o.statusLabel)],
    ];
    return h(
      'li',
      { class: 'objection', dataset: { number: o.number } },
      h('p', { class: 'objection-head' }, h('strong', { text: t('ob.number') }), ' ', h('span', { class: 'reg-number', text: o.number })),
      h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v)))),
      h('p', { class: 'muted', text: t('ob.reasons') }),
      h('ul', { class: 'reasons' }, reasons),
      o.answer
        ? h(
            'div',
            { class: 'answer' },
            h('p', { class: 'outcome', text: `${t('ob.answer')}: ${label('answer', o.answer.decision, o.answer.decisionLabel)}` }),
            h('p', { class: 'muted', text: [dateTime(o.answer.answeredAt), o.answer.signedBy ? [o.answer.signedBy.nama, o.answer.signedBy.jabatan].filter(Boolean).join(', ') : ''].filter(Boolean).join(' — ') }),
            h('p', { class: 'actions' }, pdfButton(t('ob.answer.pdf'), `${api}${o.answer.document}`, state.track.email, `tanggapan-keberatan-${o.number.replace(/[^\w.-]+/g, '-')}.pdf`, null))
          )
        : null,
      o.komisiInformasi
        ? h(
            'div',
            { class: 'notice komisi' },
            h('p', { text: t(o.komisiInformasi.basis === 'answered' ? 'ob.ki.answered' : 'ob.ki.unanswered') }),
            h('p', {}, h('strong', { text: `${t('ob.ki.deadline')}: ` }), time(o.komisiInformasi.deadline, dateTime(o.komisiInformasi.deadline)))
          )
        : null,
      o.dispute
        ? h(
            'p',
            { class: 'dispute' },
            t('ob.dispute', { date: calendarDay(o.dispute.filedAt), number: o.dispute.registerNumber || '—' }),
            o.dispute.outcome ? ` ${t('ob.dispute.outcome', { kind: label('dispute', o.dispute.outcome.kind, o.dispute.outcome.kindLabel), date: calendarDay(o.dispute.outcome.date) })} ${o.dispute.outcome.summary || ''}` : ''
          )
        : null
    );
  }

  function objectionForm(d) {
    const ob = state.objection;
    const result =
      ob.status === 'filed'
        ? h(
            'div',
            { class: 'notice notice-ok', id: 'ob-filed', role: 'status' },
            h('p', { class: 'notice-title', text: t('ob.filed', { number: ob.result.number }) }),
            h('p', { text: t('ob.filed.due', { date: dateTime(ob.result.dueAt) }) })
          )
        : ob.status === 'refused' || ob.status === 'error'
          ? h(
              'div',
              { class: 'notice notice-error', id: ob.status === 'refused' ? 'ob-refused' : 'ob-error', role: 'alert' },
              h('p', { class: 'notice-title', text: t(ob.status === 'refused' ? 'ob.late' : 'ob.error') }),
              ob.error ? h('p', { text: ob.error }) : null
            )
          : null;
    const form = h(
      'form',
      { id: 'objection-form', class: 'objection-form', novalidate: true, on: { submit: (e) => submitObjection(e, d.number) } },
      h(
        'fieldset',
        { class: 'choice reasons-box', id: 'f-reasons', 'aria-describedby': 'e-reasons' },
        h('legend', {}, t('ob.reasons.legend'), ' ', h('span', { class: 'req', 'aria-hidden': 'true', text: '*' })),
        REASONS.map((r) => h('label', {}, h('input', { type: 'checkbox', name: 'reasons', value: r }), ' ', h('span', { class: 'letter', text: `${r}. ` }), h('span', { text: t(`reason.${r}`) }))),
        h('p', { class: 'field-error', id: 'e-reasons', hidden: true })
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'f-statement' }, t('ob.statement'), ' ', h('span', { class: 'req', 'aria-hidden': 'true', text: '*' })),
        h('textarea', { id: 'f-statement', name: 'statement', rows: '4', maxlength: '5000', 'aria-required': 'true', 'aria-describedby': 'h-statement e-statement' }),
        h('p', { class: 'hint', id: 'h-statement', text: t('ob.statement.hint') }),
        h('p', { class: 'field-error', id: 'e-statement', hidden: true })
      ),
      h('p', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'ob-submit', text: t('ob.submit') }))
    );
    return h(
      'details',
      { class: 'objection-box', id: 'ob-box', open: ob.status !== 'idle' ? true : null },
      h('summary', { text: t('ob.new') }),
      h('p', { class: 'hint', text: t('ob.lead') }),
      result,
      ob.status === 'filed' ? null : form
    );
  }

  async function submitObjection(e, number) {
    e.preventDefault();
    clearErrors('#objection-form');
    const reasons = [...document.querySelectorAll('#objection-form input[name="reasons"]:checked')].map((i) => i.value);
    const statement = $('f-statement').value;
    const button = $('ob-submit');
    button.disabled = true;
    const res = await call(`${requestPath(number)}/objections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: state.track.email, reasons, statement }),
    });
    button.disabled = false;
    if (res.status === 201 && res.body?.number) {
      state.objection = { status: 'filed', result: res.body, error: null };
      await loadTrack(state.track.number, state.track.email, { quiet: true });
      $('ob-filed')?.focus();
      return;
    }
    if (res.status === 400) {
      const { first, unplaced } = showFieldErrors(res.body?.error?.details?.errors, ['reasons', 'statement'], (k) => k);
      if (unplaced.length) {
        state.objection = { status: 'error', result: null, error: unplaced.join('; ') };
        rerenderKeepingInput(reasons, statement);
      }
      first?.focus();
      return;
    }
    const late = res.status === 409 && res.body?.error?.details?.reason === 'objection_late';
    state.objection = {
      status: late ? 'refused' : 'error',
      result: null,
      // The server's own words for the refusal (Pasal 36 ayat 1, with the deadline it counted).
      error: late ? String(res.body?.error?.message ?? '') : res.status === 404 ? t('tr.missing') : problemText(res),
    };
    rerenderKeepingInput(reasons, statement);
    document.querySelector('#ob-refused, #ob-error')?.focus();
  }

  function rerenderKeepingInput(reasons, statement) {
    renderTrack();
    for (const i of document.querySelectorAll('#objection-form input[name="reasons"]')) i.checked = reasons.includes(i.value);
    if ($('f-statement')) $('f-statement').value = statement;
    const notice = document.querySelector('#ob-refused, #ob-error');
    notice?.setAttribute('tabindex', '-1');
  }

  // -------------------------------------------------------------------------------------------

  $('request-form').addEventListener('submit', submitRequest);
  $('track-form').addEventListener('submit', submitTrack);

  return {
    /** Redraws what the page built (after a language change); the forms' own text is static. */
    render() {
      renderFiled();
      if (state.track.status !== 'loading') renderTrack();
    },
  };
}
