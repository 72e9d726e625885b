import type { Core } from '@strapi/strapi';
import { UID, appTypes } from '../uids';
import type { AppTypeKey, AppTypes } from '../../config';

/**
 * Indonesian field labels in the Content Manager for the information item and the DIP entry
 * (keyed by config key: the host's itemType / dipEntryType / kindType; a type the host lacks is
 * skipped), and the lists an officer or the body's administrator opens beside them (Unit Kerja,
 * Pejabat, Jenis Informasi), whose attribute names (name, code, parent, user, active, legalBasis)
 * are English and beyond the reach of the admin's translation files.
 * Set through the content-manager's own configuration service (the same store the
 * "Configure the view" screen writes), and only where a label still equals the attribute name:
 * a label an administrator changed is never overwritten.
 */
export const CM_LABELS: Partial<Record<AppTypeKey, Record<string, string>>> = {
  itemType: {
    title: 'Judul',
    summary: 'Ringkasan Isi Informasi',
    body: 'Isi',
    classification: 'Klasifikasi',
    kind: 'Jenis Informasi',
    unit: 'Unit Kerja',
    holder: 'Pejabat/Unit yang Menguasai Informasi',
    responsible: 'Penanggung Jawab',
    production: 'Waktu dan Tempat Pembuatan',
    form: 'Bentuk Informasi',
    retention: 'Retensi Arsip',
    attachments: 'Lampiran',
    publicationDate: 'Tanggal Publikasi',
    refreshMonths: 'Periode Pemutakhiran (bulan)',
    announcement: 'Pengumuman Serta Merta',
    announcementChannels: 'Saluran Pengumuman Selain Situs Web',
  },
  dipEntryType: {
    nomor: 'Nomor',
    ringkasan: 'Ringkasan Isi Informasi',
    pejabatUnit: 'Pejabat/Unit yang Menguasai Informasi',
    penanggungJawab: 'Penanggung Jawab',
    waktuTempat: 'Waktu dan Tempat Pembuatan',
    bentuk: 'Bentuk Informasi',
    retensi: 'Retensi Arsip',
    classification: 'Klasifikasi',
    link: 'Tautan',
    informationItem: 'Informasi',
  },
  kindType: { code: 'Kode', label: 'Nama Jenis Informasi', classification: 'Klasifikasi', legalBasis: 'Dasar Hukum' },
};
/** The plugin's own lists an officer or administrator opens (Unit Kerja, Pejabat). */
const PLUGIN_LABELS: Record<string, Record<string, string>> = {
  [UID.unit]: { name: 'Nama Unit', code: 'Kode', parent: 'Unit Induk', timeZone: 'Zona waktu' },
  [UID.official]: { nama: 'Nama', nip: 'NIP', jabatan: 'Jabatan', unit: 'Unit Kerja', user: 'Akun Admin', active: 'Aktif' },
};

/** The shared components' field labels (Waktu dan Tempat, Retensi Arsip, Pengumuman Serta Merta). */
export const CM_COMPONENT_LABELS: Record<string, Record<string, string>> = {
  'ppid.waktu-tempat': { date: 'Tanggal', period: 'Periode atau tahun', place: 'Tempat' },
  'ppid.retensi': {
    activeYears: 'Retensi aktif (tahun)',
    inactiveYears: 'Retensi inaktif (tahun)',
    disposition: 'Keterangan akhir (nasib akhir arsip)',
    note: 'Catatan',
  },
  'ppid.pengumuman-serta-merta': {
    bahayaDanDampak: 'Potensi bahaya dan/atau besaran dampak',
    pihakTerdampak: 'Pihak yang berpotensi terkena dampak',
    prosedurDanTempatEvakuasi: 'Prosedur dan tempat evakuasi',
    caraMenghindariBahaya: 'Cara menghindari bahaya dan/atau dampak',
    caraMemperolehBantuan: 'Cara memperoleh bantuan',
    pihakYangWajibMengumumkan: 'Pihak yang wajib mengumumkan',
    caraPengumumanDarurat: 'Tata cara pengumuman dalam keadaan darurat',
    upayaYangDilakukan: 'Upaya yang dilakukan badan publik',
  },
  'ppid.saluran-pengumuman': { jenis: 'Jenis saluran', keterangan: 'Keterangan (nama stasiun, akun, lokasi)', waktu: 'Waktu disiarkan' },
};

/**
 * What a relation shows: the target's name, not its documentId (the officer picks "Kecamatan
 * Palaran", not "x7k2..."). Replaced only while it is one of Strapi's defaults.
 */
const DEFAULT_MAIN_FIELDS = [undefined, null, '', 'id', 'documentId'];
type MainField = { field: string; alsoReplace?: string[] };
/** Relation main fields by type uid: the plugin's types, and the host's app types it has. */
export function cmMainFields(t: AppTypes): Record<string, Record<string, MainField>> {
  return {
    ...(t.itemType ? { [t.itemType]: { unit: { field: 'name' }, kind: { field: 'label', alsoReplace: ['code'] } } } : {}),
    ...(t.dipEntryType ? { [t.dipEntryType]: { informationItem: { field: 'title' } } } : {}),
    [UID.official]: { unit: { field: 'name' } },
    [UID.unit]: { parent: { field: 'name' } },
  };
}
/** The types' own main field (their list view and any other relation to them). */
export function cmTypeMainFields(t: AppTypes): Record<string, MainField> {
  return {
    [UID.unit]: { field: 'name' },
    ...(t.kindType ? { [t.kindType]: { field: 'label', alsoReplace: ['code'] } } : {}),
  };
}
/** Field labels by type uid: the plugin's types, and the host's app types it has. */
export function cmLabels(t: AppTypes): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = { ...PLUGIN_LABELS };
  for (const [key, labels] of Object.entries(CM_LABELS) as [AppTypeKey, Record<string, string>][]) if (t[key]) out[t[key]!] = labels;
  return out;
}

type Metadatas = Record<string, { edit?: { label?: string; mainField?: string }; list?: { label?: string } }>;

/** Returns metadatas (and settings) with the relation main fields applied, and how many changed. */
export function applyMainFields(
  config: { settings?: { mainField?: string }; metadatas: Metadatas },
  fields: Record<string, { field: string; alsoReplace?: string[] }>,
  own?: { field: string; alsoReplace?: string[] },
): { settings: any; metadatas: Metadatas; changed: number } {
  let changed = 0;
  const replaceable = (cur: unknown, w: { field: string; alsoReplace?: string[] }) => cur !== w.field && [...DEFAULT_MAIN_FIELDS, ...(w.alsoReplace ?? [])].includes(cur as any);
  const metadatas: Metadatas = { ...config.metadatas };
  for (const [attr, want] of Object.entries(fields)) {
    const meta = metadatas[attr];
    if (!meta?.edit || !replaceable(meta.edit.mainField, want)) continue;
    metadatas[attr] = { ...meta, edit: { ...meta.edit, mainField: want.field } };
    changed++;
  }
  let settings = config.settings;
  if (own && settings && replaceable(settings.mainField, own)) {
    settings = { ...settings, mainField: own.field };
    changed++;
  }
  return { settings, metadatas, changed };
}

/**
 * Returns metadatas with the default labels applied, and how many labels changed. A label is
 * replaced only when missing or equal to the attribute name (Strapi's default).
 */
export function applyLabels(metadatas: Metadatas, labels: Record<string, string>): { metadatas: Metadatas; changed: number } {
  let changed = 0;
  const out: Metadatas = { ...metadatas };
  for (const [field, label] of Object.entries(labels)) {
    const meta = out[field];
    if (!meta) continue;
    const next = { ...meta };
    for (const view of ['edit', 'list'] as const) {
      const current = meta[view]?.label;
      if (meta[view] && (current === undefined || current === field) && current !== label) {
        next[view] = { ...meta[view], label };
        changed++;
      }
    }
    out[field] = next;
  }
  return { metadatas: out, changed };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async apply(): Promise<number> {
    const cm = strapi.plugin('content-manager');
    if (!cm) return 0;
    const service = cm.service('content-types');
    let total = 0;
    const types = appTypes(strapi);
    const LABELS = cmLabels(types);
    const MAIN = cmMainFields(types);
    const TYPE_MAIN = cmTypeMainFields(types);
    const uids = new Set([...Object.keys(LABELS), ...Object.keys(MAIN), ...Object.keys(TYPE_MAIN)]);
    for (const uid of uids) {
      const labels = LABELS[uid] ?? {};
      const contentType = service.findContentType(uid);
      if (!contentType) continue;
      let config = await service.findConfiguration(contentType);
      // On a fresh database this may run before the content-manager created the configuration.
      if (!config?.metadatas) {
        await service.syncConfigurations();
        config = await service.findConfiguration(contentType);
      }
      if (!config?.metadatas) continue;
      const labelled = applyLabels(config.metadatas, labels);
      const main = applyMainFields({ settings: config.settings, metadatas: labelled.metadatas }, MAIN[uid] ?? {}, TYPE_MAIN[uid]);
      const changed = labelled.changed + main.changed;
      if (!changed) continue;
      const { uid: _uid, ...rest } = config;
      await service.updateConfiguration(contentType, { ...rest, settings: main.settings, metadatas: main.metadatas });
      total += changed;
    }
    const components = cm.service('components');
    for (const [uid, labels] of Object.entries(CM_COMPONENT_LABELS)) {
      const component = strapi.components[uid as keyof typeof strapi.components];
      if (!component) continue;
      const config = await components.findConfiguration(component);
      if (!config?.metadatas) continue;
      const { metadatas, changed } = applyLabels(config.metadatas, labels);
      if (!changed) continue;
      const { uid: _uid, category: _category, ...rest } = config;
      await components.updateConfiguration(component, { ...rest, metadatas });
      total += changed;
    }
    return total;
  },
});
