/**
 * The public verification page people reach by scanning the QR code on an approval form:
 * one self-contained HTML page (inline CSS, no script, no external resource), Bahasa
 * Indonesia first with the English line beside it.
 */
import { escapeHtml } from '../../documents/sop-document';

export interface PublicSigner {
  step: number;
  /** The SOP column (pelaksana) of the step, e.g. "Kasubbag / Kasi". */
  role: string;
  kind: string;
  kindLabel: string;
  nama: string;
  /** Masked: only the last 4 digits (see core/nip maskNip). */
  nip: string | null;
  jabatan: string;
  /** Jabatan as the form writes it with the capacity ("Plt. Camat", "a.n. Camat" + own jabatan). */
  jabatanLines: string[];
  capacity: string;
  onBehalfOf: { nama: string; jabatan: string } | null;
  signedAt: string;
  /** "23-11-2026 14:05 WITA": in the zone of the run's unit. */
  signedAtLocal: string;
}

export interface PublicVerification {
  /** Record sealed and signed, its run's chain intact, and the published content unchanged. */
  valid: boolean;
  code: string;
  checkedAt: string;
  instansi: string;
  record: {
    kind: string;
    kindLabel: string;
    step: number | null;
    signedAt: string;
    signedAtLocal: string;
    hash: string;
    keyId: string;
    /** 'login': a non-certified electronic signature made by the system; 'external': an old, unverified reference. */
    method: string;
    externalRef: { provider: string; documentId: string } | null;
  };
  item: { title: string; classification: string | null; classificationLabel: string | null; kind: string | null };
  sop: { code: string; version: number; name: string; nomor: string | null };
  contentHash: string | null;
  publishedAt: string | null;
  signers: PublicSigner[];
  checks: { record: boolean; run: boolean; content: boolean };
  problems: { code: string; message: string }[];
  keysUrl: string;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#1f2933;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:760px;margin:0 auto;padding:16px}
header{text-align:center;margin:8px 0 16px}
header .instansi{font-weight:700;text-transform:uppercase;letter-spacing:.03em}
h1{font-size:20px;margin:6px 0 0}
.en{color:#6b7280;font-size:.86em;font-weight:400}
h1 .en,h2 .en{display:block}
.status{border-radius:8px;padding:14px 16px;margin:0 0 16px;border:2px solid}
.status strong{font-size:18px;display:block}
.ok{background:#ecfdf3;border-color:#15803d;color:#14532d}
.bad{background:#fef2f2;border-color:#b91c1c;color:#7f1d1d}
.muted{background:#fff;border-color:#9ca3af}
section{background:#fff;border-radius:8px;padding:12px 16px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:16px;margin:0 0 8px}
dl{display:grid;grid-template-columns:minmax(120px,34%) 1fr;gap:6px 12px;margin:0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px;border-bottom:1px solid #e5e7eb}
th{font-size:13px}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
ul{margin:6px 0 0;padding-left:20px}
footer{font-size:12px;color:#4b5563;margin:0 0 24px}
@media (max-width:560px){dl{grid-template-columns:1fr}dt{margin-top:6px}table,thead,tbody,tr,th,td{display:block}thead{display:none}tr{border-bottom:1px solid #e5e7eb;padding:6px 0}td{border:0;padding:2px 0}}
`;

const bi = (id: string, en: string) => `${escapeHtml(id)} <span class="en" lang="en">${escapeHtml(en)}</span>`;

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="id">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body><main>${body}</main></body>`,
    '</html>',
  ].join('\n');
}

const CHECK_LABELS: Record<keyof PublicVerification['checks'], [string, string]> = {
  record: ['Catatan tersegel dan tanda tangan sistem sah', 'Record sealed, system signature valid'],
  run: ['Rangkaian catatan alur kerja utuh', 'Chain of the run’s records intact'],
  content: ['Isi yang terbit sama dengan yang disetujui', 'Published content is the approved content'],
};

export function renderVerificationPage(v: PublicVerification): string {
  const status = v.valid
    ? `<div class="status ok"><strong>${bi('SAH', 'Valid')}</strong>${bi(
        'Catatan persetujuan ini utuh dan isi informasi yang terbit sama dengan yang disetujui.',
        'This approval record is intact and the published information is the approved content.'
      )}</div>`
    : `<div class="status bad"><strong>${bi('TIDAK SAH', 'Not valid')}</strong>${bi(
        'Pemeriksaan menemukan masalah; jangan mengandalkan formulir ini.',
        'Checks found a problem; do not rely on this form.'
      )}<ul>${v.problems.map((p) => `<li><span class="mono">${escapeHtml(p.code)}</span> ${escapeHtml(p.message)}</li>`).join('')}</ul></div>`;

  const checks = (Object.keys(CHECK_LABELS) as (keyof PublicVerification['checks'])[])
    .map((k) => `<li>${v.checks[k] ? '✔' : '✘'} ${bi(...CHECK_LABELS[k])}</li>`)
    .join('');

  const row = (id: string, en: string, value: string | null | undefined, cls = '') =>
    value ? `<dt>${bi(id, en)}</dt><dd${cls ? ` class="${cls}"` : ''}>${escapeHtml(value)}</dd>` : '';

  const covers = [
    row('Judul informasi', 'Title', v.item.title),
    row('Klasifikasi', 'Classification', v.item.classificationLabel),
    row('Jenis informasi', 'Kind of information', v.item.kind),
    row('SOP', 'Procedure', `${v.sop.name}${v.sop.nomor ? ` (${v.sop.nomor})` : ''}, versi ${v.sop.version}`),
    row('Kode verifikasi', 'Verification code', v.code, 'mono'),
    row('Tindakan', 'Act', `${v.record.kindLabel}${v.record.step ? `, tahap ${v.record.step}` : ''}, ${v.record.signedAtLocal}`),
    row('Hash isi (SHA-256)', 'Content hash', v.contentHash, 'mono'),
    row('Hash catatan', 'Record hash', v.record.hash, 'mono'),
  ].join('');

  const signers = v.signers
    .map(
      (s) =>
        `<tr><td>${s.step}. ${escapeHtml(s.role)}</td><td><strong>${escapeHtml(s.nama)}</strong>${
          s.nip ? `<br><span class="mono">NIP ${escapeHtml(s.nip)}</span>` : ''
        }<br>${s.jabatanLines.map(escapeHtml).join('<br>')}</td><td>${escapeHtml(s.kindLabel)}</td><td>${escapeHtml(s.signedAtLocal)}</td></tr>`
    )
    .join('');

  // Never "tersertifikasi": the system verifies no outside certificate. A record from before
  // externalRef was removed may carry an unverified reference; say so rather than vouch for it.
  const method =
    bi(
      'Paraf dan tanda tangan ini adalah tanda tangan elektronik tidak tersertifikasi yang dibuat oleh sistem PPID (UU ITE Pasal 11; PP 71/2019).',
      'These are non-certified electronic signatures made by the PPID system.'
    ) +
    (v.record.method === 'external'
      ? ' ' +
        bi(
          'Rujukan tanda tangan eksternal pada catatan ini tidak diverifikasi oleh sistem.',
          'The external signature reference in this record was not verified by the system.'
        )
      : '');

  const body = [
    `<header><div class="instansi">${escapeHtml(v.instansi)}</div><h1>${bi('Verifikasi Formulir Persetujuan Publikasi', 'Publication approval form verification')}</h1></header>`,
    status,
    `<section><h2>${bi('Yang disetujui', 'What was approved')}</h2><dl>${covers}</dl></section>`,
    `<section><h2>${bi('Paraf dan tanda tangan', 'Initials and signatures')}</h2><table><thead><tr><th>${bi('Tahap', 'Step')}</th><th>${bi('Pejabat', 'Official')}</th><th>${bi('Tindakan', 'Act')}</th><th>${bi('Waktu', 'Time')}</th></tr></thead><tbody>${signers}</tbody></table></section>`,
    `<section><h2>${bi('Pemeriksaan', 'Checks')}</h2><ul>${checks}</ul></section>`,
    `<footer><p>${method}</p><p>${bi('Diperiksa', 'Checked')} ${escapeHtml(v.checkedAt)}. ${bi(
      'NIP ditampilkan sebagian untuk melindungi data pribadi.',
      'NIPs are partly hidden to protect personal data.'
    )} ${bi('Kunci publik', 'Public keys')}: <span class="mono">${escapeHtml(v.keysUrl)}</span></p></footer>`,
  ].join('\n');
  return page(`Verifikasi ${v.code}: ${v.item.title}`, body);
}

/** The same answer for an unknown code and for one that is not public (never says which). */
export function renderNotFoundPage(): string {
  return page(
    'Kode verifikasi tidak ditemukan',
    [
      `<header><h1>${bi('Verifikasi Formulir Persetujuan Publikasi', 'Publication approval form verification')}</h1></header>`,
      `<div class="status muted"><strong>${bi('Kode verifikasi tidak ditemukan', 'Verification code not found')}</strong>${bi(
        'Periksa kembali kode pada formulir. Hanya formulir informasi yang telah terbit yang dapat diverifikasi di sini.',
        'Check the code on the form. Only forms of published information can be verified here.'
      )}</div>`,
    ].join('\n')
  );
}

export const NOT_FOUND_MESSAGE = 'Kode verifikasi tidak ditemukan / verification code not found';
