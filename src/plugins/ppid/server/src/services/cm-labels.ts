import type { Core } from '@strapi/strapi';
import { UID } from '../utils/uids';

/**
 * Indonesian field labels in the Content Manager for the information item and the DIP entry.
 * Set through the content-manager's own configuration service (the same store the
 * "Configure the view" screen writes), and only where a label still equals the attribute name:
 * a label an administrator changed is never overwritten.
 */
export const CM_LABELS: Record<string, Record<string, string>> = {
  [UID.informationItem]: {
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
  },
  [UID.dipEntry]: {
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
};

type Metadatas = Record<string, { edit?: { label?: string }; list?: { label?: string } }>;

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
    for (const [uid, labels] of Object.entries(CM_LABELS)) {
      const contentType = service.findContentType(uid);
      if (!contentType) continue;
      let config = await service.findConfiguration(contentType);
      // On a fresh database this may run before the content-manager created the configuration.
      if (!config?.metadatas) {
        await service.syncConfigurations();
        config = await service.findConfiguration(contentType);
      }
      if (!config?.metadatas) continue;
      const { metadatas, changed } = applyLabels(config.metadatas, labels);
      if (!changed) continue;
      const { uid: _uid, ...rest } = config;
      await service.updateConfiguration(contentType, { ...rest, metadatas });
      total += changed;
    }
    return total;
  },
});
