// Small helpers shared by the PPID pages and the Content Manager panel.
import { getFetchClient } from '@strapi/strapi/admin';

/** The server's own words: { error: { message } } as written, else the HTTP status. */
export function errorMessage(e: any): string {
  const err = e?.response?.data?.error ?? e?.response?.data;
  if (err?.message) return String(err.message);
  if (e?.response?.status) return `HTTP ${e.response.status}`;
  return e?.message ? String(e.message) : String(e);
}

export function errorStatus(e: any): number | null {
  return e?.response?.status ?? e?.status ?? null;
}

/** Date and time in Waktu Indonesia Barat, as the forms print it. */
export function formatWib(iso?: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const s = new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  return `${s} WIB`;
}

/** "2 hari 3 jam lagi" / "terlambat 5 jam". */
export function timeLeft(dueAt: string | null | undefined, now = Date.now()): { text: string; overdue: boolean } | null {
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now;
  const overdue = ms < 0;
  let m = Math.round(Math.abs(ms) / 60000);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const parts = d ? [`${d} hari`, h ? `${h} jam` : ''] : h ? [`${h} jam`, m ? `${m} menit` : ''] : [`${m} menit`];
  const span = parts.filter(Boolean).join(' ');
  return { text: overdue ? `terlambat ${span}` : `${span} lagi`, overdue };
}

export const KIND_LABELS: Record<string, string> = {
  paraf: 'Paraf',
  tanda_tangan: 'Tanda tangan',
  return: 'Dikembalikan',
  handover: 'Diserahkan',
  publish: 'Diterbitkan',
  submit: 'Diajukan',
  complete: 'Selesai',
  cancel: 'Dibatalkan',
  unpublish: 'Penerbitan dicabut',
  decree: 'Penetapan',
};

export const CAPACITY_LABELS: Record<string, string> = { definitif: '', plt: 'Plt.', plh: 'Plh.', an: 'a.n.' };

export const STATUS_LABELS: Record<string, string> = {
  in_progress: 'Berjalan',
  returned: 'Dikembalikan',
  published: 'Terbit',
  // The SOP's product is a decision (no publish step): the run ended after its last step.
  completed: 'Selesai',
  cancelled: 'Dibatalkan',
};

export const cmEditUrl = (uid: string, documentId: string, locale?: string | null) =>
  `/admin/content-manager/collection-types/${uid}/${documentId}${locale ? `?plugins[i18n][locale]=${locale}` : ''}`;

/** Whether a content type is governed by an SOP; asked once per type. */
const governedCache = new Map<string, Promise<boolean>>();
export function isGovernedType(uid: string): Promise<boolean> {
  if (!governedCache.has(uid)) {
    const p = getFetchClient()
      .get(`/ppid/items/${encodeURIComponent(uid)}/steps`)
      .then((r: any) => Boolean(r.data?.data?.governed))
      .catch(() => {
        governedCache.delete(uid);
        return false;
      });
    governedCache.set(uid, p);
  }
  return governedCache.get(uid)!;
}
