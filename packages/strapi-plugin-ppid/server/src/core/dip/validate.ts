/**
 * The one place that decides whether an entry may stand in a DIP. The import and any adapter
 * that writes entries call it, so a rule (above all: no excluded information) holds whatever
 * door an entry comes through.
 */
import {
  DIP_DISPOSITIONS,
  DIP_FORMS,
  type DipColumnKey,
  type DipEntry,
  isDipClassification,
} from './columns';

export interface DipEntryIssue {
  column: DipColumnKey;
  /** Sub-field when a column holds several (e.g. 'waktuTempat.tempat', 'retensi.aktifTahun'). */
  field?: string;
  /** Indonesian. */
  message: string;
  /** English. */
  messageEn: string;
}

const MAX_RETENTION_YEARS = 999;

const issue = (column: DipColumnKey, message: string, messageEn: string, field?: string): DipEntryIssue =>
  field ? { column, field, message, messageEn } : { column, message, messageEn };

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/** True for YYYY, YYYY-MM or a real YYYY-MM-DD date. */
function isIsoDateOrYear(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), month - 1, Number(d)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === Number(d);
}

/**
 * Waktu is an ISO date or year text. Free text is allowed only if it names a year
 * ("Januari 2026", "2024-2026"): a DIP reader must be able to tell when it was made.
 */
export function isValidWaktu(waktu: string): boolean {
  const s = waktu.trim();
  if (/^\d{4}(-\d{2}){0,2}$/.test(s)) return isIsoDateOrYear(s);
  return /\b(1[89]|2\d)\d{2}\b/.test(s);
}

export function isValidTautan(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function refuseExcludedMessage(): Pick<DipEntryIssue, 'message' | 'messageEn'> {
  return {
    message:
      'Informasi yang dikecualikan tidak boleh dimuat dalam DIP (UU 14/2008 Pasal 11 ayat (1) huruf a, Pasal 17)',
    messageEn: 'Excluded information may never be listed in the DIP (UU 14/2008 Art. 11(1)(a), Art. 17)',
  };
}

/** Every problem with the entry; empty when it may be published in a DIP. */
export function validateDipEntry(entry: DipEntry): DipEntryIssue[] {
  const out: DipEntryIssue[] = [];
  const e = entry as Partial<DipEntry> & Record<string, unknown>;

  if (e.nomor === undefined || e.nomor === null || String(e.nomor).trim() === '')
    out.push(issue('nomor', 'Nomor wajib diisi', 'Number is required'));
  if (blank(e.ringkasan)) out.push(issue('ringkasan', 'Ringkasan isi informasi wajib diisi', 'Summary is required'));
  if (blank(e.pejabatUnit))
    out.push(issue('pejabatUnit', 'Pejabat atau unit yang menguasai informasi wajib diisi', 'Holding unit is required'));
  if (blank(e.penanggungJawab))
    out.push(issue('penanggungJawab', 'Penanggung jawab wajib diisi', 'Responsible official is required'));

  const wt = e.waktuTempat;
  if (!wt || blank(wt.waktu)) {
    out.push(issue('waktuTempat', 'Waktu pembuatan wajib diisi', 'Time of creation is required', 'waktuTempat.waktu'));
  } else if (!isValidWaktu(wt.waktu)) {
    out.push(
      issue(
        'waktuTempat',
        `Waktu "${wt.waktu}" tidak valid: gunakan tanggal ISO (2026-01-31) atau tahun (2026)`,
        `Invalid time "${wt.waktu}": use an ISO date (2026-01-31) or a year (2026)`,
        'waktuTempat.waktu',
      ),
    );
  }
  if (!wt || blank(wt.tempat))
    out.push(issue('waktuTempat', 'Tempat pembuatan wajib diisi', 'Place of creation is required', 'waktuTempat.tempat'));

  if (!Array.isArray(e.bentuk) || e.bentuk.length === 0) {
    out.push(issue('bentuk', 'Bentuk informasi wajib diisi (softcopy/hardcopy)', 'Form is required (softcopy/hardcopy)'));
  } else if (e.bentuk.some((b) => !(DIP_FORMS as readonly string[]).includes(b))) {
    out.push(issue('bentuk', 'Bentuk informasi hanya softcopy atau hardcopy', 'Form must be softcopy or hardcopy'));
  }

  const r = e.retensi;
  if (!r) {
    out.push(issue('retensi', 'Retensi arsip wajib diisi', 'Retention is required'));
  } else {
    for (const [field, label] of [
      ['aktifTahun', 'aktif'],
      ['inaktifTahun', 'inaktif'],
    ] as const) {
      const v = r[field];
      if (!Number.isInteger(v) || v < 0 || v > MAX_RETENTION_YEARS)
        out.push(
          issue(
            'retensi',
            `Retensi ${label} harus bilangan bulat tahun (0–${MAX_RETENTION_YEARS})`,
            `Retention (${label === 'aktif' ? 'active' : 'inactive'}) must be a whole number of years (0–${MAX_RETENTION_YEARS})`,
            `retensi.${field}`,
          ),
        );
    }
    if (!(DIP_DISPOSITIONS as readonly string[]).includes(r.disposisiAkhir))
      out.push(
        issue(
          'retensi',
          'Disposisi akhir harus musnah, permanen, atau dinilai kembali',
          'Final disposition must be musnah, permanen or dinilai kembali',
          'retensi.disposisiAkhir',
        ),
      );
  }

  if (e.klasifikasi === ('dikecualikan' as string)) {
    out.push({ column: 'klasifikasi', ...refuseExcludedMessage() });
  } else if (!isDipClassification(e.klasifikasi)) {
    out.push(
      issue(
        'klasifikasi',
        'Klasifikasi harus berkala, serta merta, atau setiap saat',
        'Classification must be berkala, serta merta or setiap saat',
      ),
    );
  }

  if (e.tautan !== undefined && e.tautan !== '' && !(typeof e.tautan === 'string' && isValidTautan(e.tautan)))
    out.push(issue('tautan', 'Tautan harus URL http(s) yang lengkap', 'Link must be a full http(s) URL'));

  // The key is not a column; report it on nomor, the column a reader identifies rows by.
  if (blank(e.key)) out.push(issue('nomor', 'Kunci entri (key) wajib diisi', 'Entry key is required'));

  return out;
}
