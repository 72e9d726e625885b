// "Periksa Dokumen PDF" (?halaman=periksa): anyone uploads a PDF the body issued and reads who
// signed it, with which certificate, whether the signed bytes are unchanged, and which of the
// body's papers it is. Only POST /api/ppid/verify/pdf (docs/api.md); the file goes to the server
// and nowhere else. Server data is only ever set as text.

const ZONE_NAMES = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** ctx: { t, h, $, api, lang(), months, verifyHref(code) } from portal.js. Returns { render() }. */
export function verifyPdfPage(ctx) {
  const { t, h, $, api } = ctx;
  const zone = document.body.dataset.timeZone || 'Asia/Jakarta';
  /** "7 Desember 2026 pukul 09:00 WIB" in the body's zone, as on the request pages. */
  const dateTime = (iso) => {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return '';
    const p = {};
    for (const x of new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) p[x.type] = x.value;
    const date = `${Number(p.day)} ${ctx.months[ctx.lang()][Number(p.month) - 1]} ${p.year}`;
    return t('when', { date, time: `${p.hour}:${p.minute}`, zone: ZONE_NAMES[zone] || zone });
  };
  const state = { status: 'idle', data: null, error: null, name: '' };

  async function submit(e) {
    e.preventDefault();
    const file = $('vf-file').files[0];
    if (!file) {
      state.status = 'error';
      state.error = { message: t('vf.choose') };
      return render();
    }
    state.status = 'loading';
    state.name = file.name;
    render();
    const body = new FormData();
    body.append('file', file);
    try {
      const res = await fetch(`${api}/api/ppid/verify/pdf`, { method: 'POST', body });
      const json = await res.json().catch(() => ({}));
      if (res.ok) {
        state.status = 'done';
        state.data = json.data;
      } else {
        state.status = 'error';
        const reason = res.status === 413 ? 'too_large' : res.status === 429 ? 'rate_limited' : json?.error?.details?.reason;
        state.error = { message: t(`vf.error.${reason}`) !== `vf.error.${reason}` ? t(`vf.error.${reason}`) : json?.error?.message || t('vf.error.other') };
      }
    } catch {
      state.status = 'error';
      state.error = { message: t('vf.error.other') };
    }
    render();
  }

  const fact = (label, value) => (value == null || value === '' ? null : h('div', {}, h('dt', { text: label }), h('dd', {}, value)));
  const yesNo = (ok, yes, no) => h('span', { class: ok ? 'vf-ok' : 'vf-bad', text: ok ? `✓ ${yes}` : `✗ ${no}` });

  function signature(s) {
    const c = s.certificate;
    const body = c?.isBodyCertificate ? t('vf.cert.body') : c?.issuedByBodyCa ? t('vf.cert.bodyCa') : t('vf.cert.other');
    return h(
      'article',
      { class: `vf-signature ${s.unchanged ? 'notice notice-ok' : 'notice notice-error'}` },
      h('h4', { class: 'notice-title', text: t('vf.sig.title', { n: s.index }) }),
      h(
        'dl',
        { class: 'facts' },
        fact(t('vf.unchanged'), yesNo(s.unchanged, t('vf.unchanged.yes'), t('vf.unchanged.no'))),
        fact(t('vf.whole'), yesNo(s.coversWholeFile, t('vf.whole.yes'), t('vf.whole.no'))),
        // The server's reason in English; the two usual ones in the reader's language.
        s.unchanged ? null : fact(t('vf.problem'), !s.digestMatches && s.certificate ? t('vf.problem.digest') : !s.signatureVerified && s.digestMatches ? t('vf.problem.signature') : s.problem),
        fact(t('vf.signer'), [s.signer?.commonName, s.signer?.organization].filter(Boolean).join(' — ')),
        fact(t('vf.time'), s.signingTime ? dateTime(s.signingTime) : t('vf.none')),
        fact(t('vf.reason'), s.reason),
        c ? fact(t('vf.cert'), body) : null,
        c ? fact(t('vf.cert.issuer'), c.issuer.split('\n').join(', ')) : null,
        c ? fact(t('vf.cert.serial'), c.serialNumber) : null,
        c ? fact(t('vf.cert.validity'), t('vf.cert.validityValue', { from: dateTime(c.validFrom), to: dateTime(c.validTo) })) : null,
        c ? fact(t('vf.cert.sha256'), h('code', { text: c.sha256 })) : null
      )
    );
  }

  function record(r) {
    const what = r.kind === 'objection_answer' ? t('vf.rec.answer', { objection: r.objectionNumber, number: r.requestNumber }) : t('vf.rec.notice', { number: r.requestNumber });
    return h(
      'li',
      {},
      h('span', { text: what }),
      r.noticeNumber ? h('span', { text: ` (${t('vf.rec.letter')} ${r.noticeNumber})` }) : null,
      r.verificationCode ? [' — ', h('a', { href: ctx.verifyHref(r.verificationCode), text: t('vf.rec.code', { code: r.verificationCode }) })] : null
    );
  }

  function render() {
    const out = $('vf-result');
    out.setAttribute('aria-busy', String(state.status === 'loading'));
    $('vf-submit').disabled = state.status === 'loading';
    if (state.status === 'idle') return out.replaceChildren();
    if (state.status === 'loading') return out.replaceChildren(h('p', { class: 'status', text: t('vf.loading', { name: state.name }) }));
    if (state.status === 'error') return out.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert' }, h('p', { text: state.error.message })));
    const d = state.data;
    const allOk = d.signatures.every((s) => s.unchanged) && d.signatures.some((s) => s.coversWholeFile);
    out.replaceChildren(
      h('h3', { text: t('vf.result', { name: state.name }) }),
      h('p', { class: allOk ? 'vf-summary vf-ok' : 'vf-summary vf-bad', text: allOk ? t('vf.summary.ok', { n: d.signatures.length }) : t('vf.summary.bad') }),
      ...d.signatures.map(signature),
      h('h3', { text: t('vf.records') }),
      d.records.length ? h('ul', { class: 'vf-records' }, d.records.map(record)) : h('p', { text: t('vf.records.none') }),
      h('p', { class: 'file-details' }, t('vf.sha256'), ' ', h('code', { text: d.sha256 })),
      h('p', { class: 'file-details', text: t('vf.limits') })
    );
  }

  $('vf-form').addEventListener('submit', submit);
  return { render };
}
