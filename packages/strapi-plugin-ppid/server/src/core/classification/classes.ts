/** The four classes of public information under UU 14/2008 (UU KIP). */
export const INFORMATION_CLASSES = ['berkala', 'serta_merta', 'setiap_saat', 'dikecualikan'] as const;
export type InformationClass = (typeof INFORMATION_CLASSES)[number];

export interface ClassLabel {
  id: string;
  en: string;
  /** Article of UU 14/2008 that defines the class. */
  legalBasis: string;
}

export const CLASS_LABELS: Readonly<Record<InformationClass, ClassLabel>> = {
  berkala: {
    id: 'Informasi yang wajib disediakan dan diumumkan secara berkala',
    en: 'Periodic information',
    legalBasis: 'UU 14/2008 Pasal 9',
  },
  serta_merta: {
    id: 'Informasi yang wajib diumumkan secara serta merta',
    en: 'Immediate information',
    legalBasis: 'UU 14/2008 Pasal 10',
  },
  setiap_saat: {
    id: 'Informasi yang wajib tersedia setiap saat',
    en: 'Information available at any time',
    legalBasis: 'UU 14/2008 Pasal 11',
  },
  dikecualikan: { id: 'Informasi yang dikecualikan', en: 'Excluded information', legalBasis: 'UU 14/2008 Pasal 17' },
};

export function isInformationClass(value: unknown): value is InformationClass {
  return typeof value === 'string' && (INFORMATION_CLASSES as readonly string[]).includes(value);
}

/** Letters of UU 14/2008 Pasal 17: the grounds for excluding information. */
export const PASAL_17_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export type Pasal17Letter = (typeof PASAL_17_LETTERS)[number];

export const PASAL_17_GROUNDS: Readonly<Record<Pasal17Letter, { id: string; en: string }>> = {
  a: { id: 'menghambat proses penegakan hukum', en: 'would obstruct law enforcement' },
  b: {
    id: 'mengganggu perlindungan hak atas kekayaan intelektual dan perlindungan dari persaingan usaha tidak sehat',
    en: 'would harm intellectual property or fair competition',
  },
  c: { id: 'membahayakan pertahanan dan keamanan negara', en: 'would endanger national defence and security' },
  d: { id: 'mengungkapkan kekayaan alam Indonesia', en: "would reveal Indonesia's natural wealth" },
  e: { id: 'merugikan ketahanan ekonomi nasional', en: 'would harm national economic resilience' },
  f: { id: 'merugikan kepentingan hubungan luar negeri', en: 'would harm foreign relations' },
  g: {
    id: 'mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat seseorang',
    en: "would reveal private authentic deeds or a person's will",
  },
  h: { id: 'mengungkap rahasia pribadi', en: 'would reveal personal secrets' },
  i: {
    id: 'memorandum atau surat antar/intra Badan Publik yang menurut sifatnya dirahasiakan',
    en: 'confidential memoranda or letters between or within public bodies',
  },
  j: { id: 'tidak boleh diungkapkan berdasarkan undang-undang', en: 'excluded by another law' },
};

/** Pasal 20(1): exclusions under letters a-f are not permanent and need an end date. */
export const TEMPORARY_PASAL_17_LETTERS: readonly Pasal17Letter[] = ['a', 'b', 'c', 'd', 'e', 'f'];

export function isPasal17Letter(value: unknown): value is Pasal17Letter {
  return typeof value === 'string' && (PASAL_17_LETTERS as readonly string[]).includes(value);
}
