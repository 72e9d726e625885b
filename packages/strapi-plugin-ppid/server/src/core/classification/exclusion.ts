import { formatTanggalIndonesia } from '../calendar/tanggal';
import { type Pasal17Letter, PASAL_17_LETTERS, isPasal17Letter } from './classes';
import { type AddIssue } from './validation';

/**
 * Partial exclusion, the register of excluded information and the opening of an exclusion under
 * UU 14/2008 Pasal 18 ayat (2). Plain data; the public guard (public/services/public-filter.ts)
 * applies `redactValue` to every public read.
 */

/** Scope of a consequence test: the whole item, or parts of it (the rest stays public). */
export const EXCLUSION_SCOPES = ['seluruh', 'sebagian'] as const;
export type ExclusionScope = (typeof EXCLUSION_SCOPES)[number];

/** One excluded part of an item: a field, or a passage of it, with its own ground. */
export interface ExcludedPart {
  /** The item's attribute (a text field). */
  kolom: string;
  /** The exact passage excluded; absent = the whole field. Internal: never in the register. */
  kutipan?: string | null;
  hurufPasal17: Pasal17Letter;
  /** Why this part is excluded (printed on the berita acara). */
  alasan: string;
  /** What the part is, as the public register names it (a description, never the text itself). */
  uraian: string;
}

/** What the public sees in place of an excluded part. */
export const redactionMarker = (letter: string) => `[DIKECUALIKAN — Pasal 17 huruf ${letter}]`;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the parts of a partial exclusion; `decided` requires every part complete. */
export function validateParts(value: unknown, decided: boolean, add: AddIssue): void {
  if (!Array.isArray(value)) {
    add('bagianDikecualikan', 'harus berupa daftar / must be a list');
    return;
  }
  if (decided && value.length === 0) add('bagianDikecualikan', 'minimal satu bagian untuk pengecualian sebagian / at least one part for a partial exclusion');
  value.forEach((p, i) => {
    const at = `bagianDikecualikan[${i}]`;
    if (!isObject(p)) return add(at, 'harus berupa objek { kolom, kutipan?, hurufPasal17, alasan, uraian } / must be an object');
    for (const f of ['kolom', 'alasan', 'uraian'] as const) {
      if (blank(p[f])) {
        if (decided || f === 'kolom') add(`${at}.${f}`, 'wajib diisi / required');
      } else if (typeof p[f] !== 'string') add(`${at}.${f}`, 'harus berupa teks / must be text');
    }
    if (p.kutipan !== undefined && p.kutipan !== null && (typeof p.kutipan !== 'string' || p.kutipan.trim().length < 3)) {
      add(`${at}.kutipan`, 'kutipan minimal 3 karakter, atau kosong untuk seluruh kolom / a passage of at least 3 characters, or none for the whole field');
    }
    if (blank(p.hurufPasal17)) {
      if (decided) add(`${at}.hurufPasal17`, 'wajib diisi / required');
    } else if (!isPasal17Letter(p.hurufPasal17)) {
      add(`${at}.hurufPasal17`, `${JSON.stringify(p.hurufPasal17)} bukan huruf a-j Pasal 17 / is not a letter a-j of Pasal 17 (${PASAL_17_LETTERS.join(', ')})`);
    }
    if (typeof p.kutipan === 'string' && typeof p.uraian === 'string' && p.uraian.includes(p.kutipan.trim())) {
      add(`${at}.uraian`, 'uraian tidak boleh memuat kutipan yang dikecualikan (uraian tampil di daftar publik) / the description must not contain the excluded passage (it is public)');
    }
  });
}

/** Text nodes of a Strapi `blocks` value (replaced in place by `fn`). */
function mapBlockText(nodes: unknown, fn: (text: string) => string): unknown {
  if (Array.isArray(nodes)) return nodes.map((n) => mapBlockText(n, fn));
  if (!isObject(nodes)) return nodes;
  const out: Record<string, unknown> = { ...nodes };
  if (typeof out.text === 'string') out.text = fn(out.text);
  if (Array.isArray(out.children)) out.children = mapBlockText(out.children, fn);
  return out;
}

function blockText(nodes: unknown): string {
  if (Array.isArray(nodes)) return nodes.map(blockText).join(' ');
  if (!isObject(nodes)) return '';
  return [typeof nodes.text === 'string' ? nodes.text : '', blockText(nodes.children)].join('');
}

const wholeMarker = (value: unknown, marker: string): unknown =>
  Array.isArray(value) ? [{ type: 'paragraph', children: [{ type: 'text', text: marker }] }] : marker;

/**
 * The public version of one field's value with its excluded parts blacked out. A passage that
 * cannot be found as such (the text changed, or it spans formatting) blacks out the whole field:
 * the guard fails closed. Values that are neither text nor blocks are replaced whole.
 */
export function redactValue(value: unknown, parts: { kutipan?: string | null; hurufPasal17: string }[]): unknown {
  if (value === null || value === undefined || !parts.length) return value;
  const whole = parts.find((p) => blank(p.kutipan));
  if (whole) return wholeMarker(value, redactionMarker(whole.hurufPasal17));
  if (typeof value === 'string') {
    let out = value;
    for (const p of parts) {
      const k = String(p.kutipan).trim();
      if (!out.includes(k)) return redactionMarker(p.hurufPasal17);
      out = out.split(k).join(redactionMarker(p.hurufPasal17));
    }
    return out;
  }
  if (Array.isArray(value)) {
    let out: unknown = value;
    for (const p of parts) {
      const k = String(p.kutipan).trim();
      let found = false;
      out = mapBlockText(out, (t) => {
        if (!t.includes(k)) return t;
        found = true;
        return t.split(k).join(redactionMarker(p.hurufPasal17));
      });
      if (!found) return wholeMarker(value, redactionMarker(p.hurufPasal17));
    }
    // A passage split across text nodes would survive the node-wise replacement: fail closed.
    const rest = blockText(out);
    if (parts.some((p) => rest.includes(String(p.kutipan).trim()))) return wholeMarker(value, redactionMarker(parts[0].hurufPasal17));
    return out;
  }
  return wholeMarker(value, redactionMarker(parts[0].hurufPasal17));
}

/** Removes every secret (excluded passage or value) from a text that will be public. */
export function scrub(text: string, secrets: (string | null | undefined)[], letter: string): string {
  let out = text;
  for (const s of secrets) {
    const k = typeof s === 'string' ? s.trim() : '';
    if (k.length >= 3 && out.includes(k)) out = out.split(k).join(redactionMarker(letter));
  }
  return out;
}

/**
 * The printed period of an exclusion. UU 14/2008 Pasal 20 ayat (1) makes only letters a-f
 * non-permanent; it says nothing of g-j, so a g-j exclusion without an end date is printed as
 * having none, never as "tidak terbatas" by force of Pasal 20.
 */
export const NO_END_DATE = 'tanpa tanggal berakhir';
export function exclusionPeriodText(end: string | null | undefined, letter?: string | null): string {
  if (end) {
    try {
      return `sampai ${formatTanggalIndonesia(end, 'Asia/Jakarta')}`;
    } catch {
      return `sampai ${end}`;
    }
  }
  if (isPasal17Letter(letter) && 'ghij'.includes(letter)) return `${NO_END_DATE} (batas waktu Pasal 20 ayat (1) UU 14/2008 hanya untuk huruf a-f)`;
  return '—';
}

/**
 * UU 14/2008 Pasal 18 ayat (2): "Tidak termasuk informasi yang dikecualikan sebagaimana dimaksud
 * dalam Pasal 17 huruf g dan huruf h, antara lain apabila: a. pihak yang rahasianya diungkap
 * memberikan persetujuan tertulis; dan/atau b. pengungkapan berkaitan dengan posisi seseorang
 * dalam jabatan-jabatan publik."
 */
export const PASAL_18_AYAT_2 =
  'Tidak termasuk informasi yang dikecualikan sebagaimana dimaksud dalam Pasal 17 huruf g dan huruf h, antara lain apabila: ' +
  'a. pihak yang rahasianya diungkap memberikan persetujuan tertulis; dan/atau ' +
  'b. pengungkapan berkaitan dengan posisi seseorang dalam jabatan-jabatan publik.';
export const OPENING_GROUNDS = {
  persetujuan_tertulis: { id: 'pihak yang rahasianya diungkap memberikan persetujuan tertulis (Pasal 18 ayat (2) huruf a)', en: 'written consent of the party concerned' },
  jabatan_publik: { id: 'pengungkapan berkaitan dengan posisi seseorang dalam jabatan publik (Pasal 18 ayat (2) huruf b)', en: "concerns a person's position in a public office" },
} as const;
export type OpeningGround = keyof typeof OPENING_GROUNDS;
/** Pasal 18 ayat (2) speaks of letters g and h only. */
export const OPENABLE_LETTERS: readonly Pasal17Letter[] = ['g', 'h'];

/** The statement the official confirms when opening (sealed in the record). */
export const openingStatement = (ground: OpeningGround, letter: string) =>
  `Dengan ini saya membuka informasi yang dikecualikan berdasarkan Pasal 17 huruf ${letter} UU 14/2008 ` +
  `karena ${OPENING_GROUNDS[ground].id}, sehingga informasi tersebut menjadi informasi publik, dan menandatangani pembukaan ini secara elektronik.`;
