// The written notice (pemberitahuan tertulis, UU 14/2008 Pasal 22 ayat 7) as the PPID records it
// at the decision step of the service SOP, and the extension of its deadline (ayat 8). Pure: no
// Strapi. What the notice must say (ayat 7): whether the body holds the information (or which
// body does); granted in whole or in part, or refused with the Pasal 17 reason; the blacked-out
// parts and why; the format; the cost and how to pay.
import { PASAL_17_LETTERS, type Pasal17Letter } from '../classification/classes';
import { issueCollector, type Validation } from '../classification/validation';
import { canonicalJson, sha256Hex } from '../signature/content-hash';
import { LEGAL_WORKING_DAYS } from './deadlines';

export const NOTICE_OUTCOMES = ['diberikan_seluruhnya', 'diberikan_sebagian', 'ditolak', 'tidak_dikuasai'] as const;
export type NoticeOutcome = (typeof NOTICE_OUTCOMES)[number];
/** What the PPID decides on a request the body holds (the fourth outcome follows from held = false). */
export const NOTICE_DECISIONS = ['diberikan_seluruhnya', 'diberikan_sebagian', 'ditolak'] as const;
export type NoticeDecision = (typeof NOTICE_DECISIONS)[number];

export const NOTICE_OUTCOME_LABEL: Record<NoticeOutcome, string> = {
  diberikan_seluruhnya: 'Permohonan diterima: informasi diberikan seluruhnya',
  diberikan_sebagian: 'Permohonan diterima sebagian: sebagian informasi dikecualikan (dihitamkan)',
  ditolak: 'Permohonan ditolak: informasi dikecualikan (Pasal 17 UU 14/2008)',
  tidak_dikuasai: 'Informasi tidak dikuasai badan publik ini',
};

export const NOTICE_LIMITS = { text: 2000, short: 300, redactions: 50, cost: 1_000_000_000 } as const;

export interface NoticeRedaction {
  /** The part blacked out (a page, a column, a paragraph). */
  part: string;
  hurufPasal17: Pasal17Letter;
  reason: string;
}

export interface NoticeInput {
  held: boolean;
  /** When not held: the body that holds it, if known (Pasal 22 ayat 7 huruf a). */
  holder: string | null;
  decision: NoticeDecision | null;
  /** Refused or in part: the Pasal 17 letter the exclusion rests on. */
  hurufPasal17: Pasal17Letter | null;
  /** The decided consequence test (documentId) supporting the exclusion, when there is one. */
  consequenceTest: string | null;
  /** Refused or in part: the reason in words. */
  reason: string | null;
  redactions: NoticeRedaction[];
  /** Bentuk informasi: softcopy, hardcopy, ... (granted only). */
  format: string | null;
  /** Biaya in rupiah (0 = free) and how to pay (required when not free). */
  cost: number;
  payment: string | null;
  note: string | null;
}

const FIELDS = ['held', 'holder', 'decision', 'hurufPasal17', 'consequenceTest', 'reason', 'redactions', 'format', 'cost', 'payment', 'note'];
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isLetter = (v: unknown): v is Pasal17Letter => typeof v === 'string' && (PASAL_17_LETTERS as readonly string[]).includes(v);

/**
 * Checks the notice's content field by field (each problem names its field). Rules: a held
 * request has a decision; a refusal or a grant in part names its Pasal 17 letter and reason; a
 * grant in part lists the blacked-out parts with their reasons; a grant states the format; a
 * cost above 0 says how to pay; a request not held has no decision (the holder is named when known).
 */
export function validateNotice(body: unknown): Validation<NoticeInput> {
  const { errors, add } = issueCollector();
  if (!isObject(body)) {
    add('', 'harus berupa objek JSON / must be a JSON object');
    return { ok: false, errors };
  }
  for (const k of Object.keys(body)) if (!FIELDS.includes(k)) add(k, 'field tidak dikenal / unknown field');
  const text = (k: string, max: number = NOTICE_LIMITS.text): string | null => {
    const v = body[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      add(k, 'harus berupa teks / must be a string');
      return null;
    }
    const t = v.trim();
    if (t.length > max) add(k, `paling banyak ${max} karakter / at most ${max} characters`);
    return t || null;
  };

  if (typeof body.held !== 'boolean') add('held', 'wajib diisi true/false: apakah informasi dikuasai / required: whether the body holds the information');
  const held = body.held === true;
  const holder = text('holder', NOTICE_LIMITS.short);
  const reason = text('reason');
  const format = text('format', NOTICE_LIMITS.short);
  const payment = text('payment', NOTICE_LIMITS.short);
  const note = text('note');
  const consequenceTest = text('consequenceTest', 100);

  let decision: NoticeDecision | null = null;
  if (body.decision !== undefined && body.decision !== null) {
    if (typeof body.decision === 'string' && (NOTICE_DECISIONS as readonly string[]).includes(body.decision)) decision = body.decision as NoticeDecision;
    else add('decision', `harus salah satu dari / must be one of ${NOTICE_DECISIONS.join(', ')}`);
  }
  let huruf: Pasal17Letter | null = null;
  if (body.hurufPasal17 !== undefined && body.hurufPasal17 !== null) {
    if (isLetter(body.hurufPasal17)) huruf = body.hurufPasal17;
    else add('hurufPasal17', 'harus huruf a-j Pasal 17 UU 14/2008 / must be a Pasal 17 letter a-j');
  }

  const redactions: NoticeRedaction[] = [];
  if (body.redactions !== undefined && body.redactions !== null) {
    if (!Array.isArray(body.redactions)) add('redactions', 'harus berupa daftar / must be an array');
    else if (body.redactions.length > NOTICE_LIMITS.redactions) add('redactions', `paling banyak ${NOTICE_LIMITS.redactions} / at most ${NOTICE_LIMITS.redactions}`);
    else {
      body.redactions.forEach((r, i) => {
        if (!isObject(r)) return add(`redactions.${i}`, 'harus berupa objek / must be an object');
        const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : '');
        if (!s('part') || s('part').length > NOTICE_LIMITS.short) add(`redactions.${i}.part`, 'bagian yang dihitamkan wajib diisi / the blacked-out part is required');
        if (!s('reason') || s('reason').length > NOTICE_LIMITS.text) add(`redactions.${i}.reason`, 'alasan penghitaman wajib diisi / the reason is required');
        const letter = r.hurufPasal17 ?? huruf;
        if (!isLetter(letter)) add(`redactions.${i}.hurufPasal17`, 'huruf a-j Pasal 17 wajib diisi / a Pasal 17 letter a-j is required');
        redactions.push({ part: s('part'), reason: s('reason'), hurufPasal17: (isLetter(letter) ? letter : 'a') as Pasal17Letter });
      });
    }
  }

  let cost = 0;
  if (body.cost !== undefined && body.cost !== null) {
    if (typeof body.cost !== 'number' || !Number.isInteger(body.cost) || body.cost < 0 || body.cost > NOTICE_LIMITS.cost) {
      add('cost', 'biaya dalam rupiah, bilangan bulat 0 atau lebih / cost in rupiah, a whole number of 0 or more');
    } else cost = body.cost;
  }

  if (typeof body.held === 'boolean') {
    if (!held) {
      if (decision) add('decision', 'informasi tidak dikuasai: tidak ada keputusan memberi atau menolak / not held: no grant or refusal');
      if (redactions.length) add('redactions', 'informasi tidak dikuasai: tidak ada bagian yang dihitamkan / not held: nothing is blacked out');
    } else {
      if (holder) add('holder', 'hanya diisi bila informasi tidak dikuasai / only when the information is not held');
      if (!decision && body.decision === undefined) add('decision', `wajib diisi: ${NOTICE_DECISIONS.join(', ')} / required`);
      const excludes = decision === 'ditolak' || decision === 'diberikan_sebagian';
      if (excludes) {
        if (!huruf && body.hurufPasal17 === undefined) add('hurufPasal17', 'penolakan atau pemberian sebagian wajib menyebut huruf Pasal 17 / a refusal or a grant in part names its Pasal 17 letter');
        if (!reason && body.reason === undefined) add('reason', 'alasan pengecualian wajib diisi / the reason for the exclusion is required');
      } else if (decision) {
        if (huruf) add('hurufPasal17', 'hanya untuk penolakan atau pemberian sebagian / only for a refusal or a grant in part');
        if (consequenceTest) add('consequenceTest', 'hanya untuk penolakan atau pemberian sebagian / only for a refusal or a grant in part');
      }
      if (decision === 'diberikan_sebagian' && !redactions.length && !(Array.isArray(body.redactions) && body.redactions.length)) {
        add('redactions', 'pemberian sebagian wajib menyebut bagian yang dihitamkan beserta alasannya / a grant in part lists the blacked-out parts and why');
      }
      if (decision !== 'diberikan_sebagian' && redactions.length) add('redactions', 'hanya untuk pemberian sebagian / only for a grant in part');
      if ((decision === 'diberikan_seluruhnya' || decision === 'diberikan_sebagian') && !format && body.format === undefined) {
        add('format', 'bentuk informasi wajib diisi (mis. softcopy PDF) / the format is required');
      }
    }
  }
  if (cost > 0 && !payment && body.payment === undefined) add('payment', 'cara pembayaran wajib diisi bila ada biaya / how to pay is required when there is a cost');

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { held, holder: held ? null : holder, decision: held ? decision : null, hurufPasal17: huruf, consequenceTest, reason, redactions, format, cost, payment, note },
  };
}

export function noticeOutcome(n: Pick<NoticeInput, 'held' | 'decision'>): NoticeOutcome {
  return n.held && n.decision ? n.decision : 'tidak_dikuasai';
}

/** The notice's content as one digest: sealed in the PPID's signature record with the act. */
export function noticeDigest(number: string, n: NoticeInput): string {
  return sha256Hex(canonicalJson({ number, notice: n }));
}

/** "Rp 25.000" (Indonesian thousands separator); "tanpa biaya" for 0. */
export function formatRupiah(amount: number): string {
  if (!amount) return 'Rp 0 (tanpa biaya)';
  return `Rp ${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** An identity number as printed for the applicant: the first 4 and last 4 characters, the rest masked. */
export function maskIdentity(value: string | null | undefined): string {
  const v = (value ?? '').replace(/\s+/g, '');
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export interface ExtensionInput {
  days: number;
  reasons: string;
}

/** The extension request's body (Pasal 22 ayat 8): written reasons, 1..7 working days (default 7). */
export function validateExtension(body: unknown): Validation<ExtensionInput> {
  const { errors, add } = issueCollector();
  if (!isObject(body)) {
    add('', 'harus berupa objek JSON / must be a JSON object');
    return { ok: false, errors };
  }
  for (const k of Object.keys(body)) if (k !== 'days' && k !== 'reasons') add(k, 'field tidak dikenal / unknown field');
  const reasons = typeof body.reasons === 'string' ? body.reasons.trim() : '';
  if (!reasons) add('reasons', 'alasan perpanjangan wajib ditulis (Pasal 22 ayat 8) / written reasons are required');
  else if (reasons.length > NOTICE_LIMITS.text) add('reasons', `paling banyak ${NOTICE_LIMITS.text} karakter / at most ${NOTICE_LIMITS.text} characters`);
  const days = body.days === undefined || body.days === null ? LEGAL_WORKING_DAYS.extensionMax : body.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > LEGAL_WORKING_DAYS.extensionMax) {
    add('days', `1 sampai ${LEGAL_WORKING_DAYS.extensionMax} hari kerja (Pasal 22 ayat 8) / 1 to ${LEGAL_WORKING_DAYS.extensionMax} working days`);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { days: days as number, reasons } };
}
