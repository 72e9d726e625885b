// A classification rule as a sentence a PPID officer reads ("Jika judul/isi memuat …, sarankan
// klasifikasi …"); the rule's JSON stays the stored value. Pure, shared with the admin panel.

import { DEFAULT_INFORMATION_KINDS } from './kinds';

export const CLASS_SHORT: Record<string, string> = {
  berkala: 'Berkala',
  serta_merta: 'Serta merta',
  setiap_saat: 'Setiap saat',
  dikecualikan: 'Dikecualikan',
};

const cls = (c: unknown) => CLASS_SHORT[String(c)] ?? String(c);
/** Long lists are cut: a sentence, not a dump of the rule ("…, dan 12 lainnya"). */
function list(v: unknown, f: (x: unknown) => string = String, max = 8): string {
  const all = Array.isArray(v) ? v.map(f) : [f(v)];
  return all.length > max ? `${all.slice(0, max).join(', ')}, dan ${all.length - max} lainnya` : all.join(', ');
}
const kindLabel = (code: unknown) => DEFAULT_INFORMATION_KINDS.find((k) => k.code === code)?.label ?? String(code);
const orList = (v: unknown, f: (x: unknown) => string) => (Array.isArray(v) ? v.map(f).join(' atau ') : f(v));

export function describeCondition(c: any): string {
  if (!c || typeof c !== 'object') return '—';
  const [k, v] = Object.entries(c)[0] ?? [];
  switch (k) {
  case 'all':
    return (v as any[]).map(describeCondition).join(' dan ');
  case 'any':
    return (v as any[]).map(describeCondition).join(' atau ');
  case 'not':
    return `tidak benar bahwa ${describeCondition(v)}`;
  case 'keywordsAny':
    return `judul/isi memuat salah satu kata: ${list(v)}`;
  case 'kindIn':
    return `jenis informasi salah satu dari: ${list(v, kindLabel, 4)}`;
  case 'unitIn':
    return `unit salah satu dari: ${list(v)}`;
  case 'hasAttachments':
    return v ? 'ada lampiran' : 'tidak ada lampiran';
  case 'classIs':
    return `klasifikasi yang dipilih ${orList(v, cls)}`;
  case 'fieldEquals':
    return `kolom ${(v as any)?.field} bernilai ${JSON.stringify((v as any)?.value)}`;
  default:
    return k ? `${k}` : '—';
  }
}

export function describeOutcome(o: any): string {
  if (!o || typeof o !== 'object') return '—';
  if ('suggestClass' in o) return `sarankan klasifikasi ${cls(o.suggestClass)}${o.pasal17 ? ` (Pasal 17 huruf ${o.pasal17})` : ''}`;
  if ('requireClass' in o) return `wajibkan klasifikasi ${cls(o.requireClass)}`;
  if ('requireConsequenceTest' in o) return 'wajibkan uji konsekuensi';
  if ('setRefreshMonths' in o) return `perbarui setiap ${o.setRefreshMonths} bulan`;
  if ('fastTrack' in o) return 'jalankan jalur cepat serta merta';
  if ('block' in o) return `tolak dengan pesan: “${o.block?.message ?? ''}”`;
  return Object.keys(o).join(', ');
}

/** "Jika judul/isi memuat salah satu kata: …, sarankan klasifikasi Dikecualikan (Pasal 17 huruf h)". */
export function ruleSentence(when: unknown, then: unknown): string {
  const outcomes = Array.isArray(then) ? then.map(describeOutcome) : [];
  return `Jika ${describeCondition(when)}, ${outcomes.length ? outcomes.join(', lalu ') : '—'}`;
}
