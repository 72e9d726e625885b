/**
 * The eight elements a serta merta announcement must carry (Perki 1/2021): what the danger is,
 * who is affected and what to do about it.
 */
export const SERTA_MERTA_ELEMENTS = {
  bahayaDanDampak: { label: 'Potensi bahaya dan/atau besaran dampak', labelEn: 'the danger and its impact' },
  pihakTerdampak: { label: 'Pihak yang berpotensi terkena dampak', labelEn: 'who may be affected' },
  prosedurDanTempatEvakuasi: { label: 'Prosedur dan tempat evakuasi', labelEn: 'evacuation procedure and place' },
  caraMenghindariBahaya: { label: 'Cara menghindari bahaya dan/atau dampak', labelEn: 'how to avoid the danger' },
  caraMemperolehBantuan: { label: 'Cara memperoleh bantuan dari pihak yang berwenang', labelEn: 'how to get help' },
  pihakYangWajibMengumumkan: { label: 'Pihak yang wajib mengumumkan informasi', labelEn: 'who must announce it' },
  caraPengumumanDarurat: {
    label: 'Tata cara pengumuman dalam keadaan darurat',
    labelEn: 'how it is announced in an emergency',
  },
  upayaYangDilakukan: { label: 'Upaya yang sedang dilakukan untuk menanggulangi', labelEn: 'what is being done' },
} as const;

export type SertaMertaElementKey = keyof typeof SERTA_MERTA_ELEMENTS;

export const SERTA_MERTA_ELEMENT_KEYS = Object.keys(SERTA_MERTA_ELEMENTS) as SertaMertaElementKey[];

/** A serta merta announcement: free text per element. */
export type SertaMertaAnnouncement = Partial<Record<SertaMertaElementKey, string | null>>;

/** Elements that are absent or blank, in the regulation's order. */
export function missingSertaMertaElements(
  announcement: SertaMertaAnnouncement | null | undefined,
): SertaMertaElementKey[] {
  return SERTA_MERTA_ELEMENT_KEYS.filter((key) => {
    const value = announcement?.[key];
    return typeof value !== 'string' || value.trim() === '';
  });
}
