/**
 * The statement a signer confirms before a paraf or tanda tangan (consent, UU ITE Pasal 11;
 * PP 71/2019 Pasal 60). It names what the act does: publishing information, establishing the
 * DIP by decree, deciding a consequence test (whose subject is never published), the written
 * notice on a request for information, or the Atasan PPID's answer to an objection. The text
 * is sealed in the record (`intent`), so the record shows what the official agreed to.
 */
export type IntentSubject = 'publication' | 'dip' | 'consequence_test' | 'information_request' | 'objection';
export type IntentKind = 'paraf' | 'tanda_tangan';

export const INTENT_STATEMENTS: Record<IntentSubject, Record<IntentKind, string>> = {
  publication: {
    paraf: 'Dengan ini saya menyatakan telah memeriksa substansi dan redaksi informasi ini dan membubuhkan paraf sebelum ditandatangani.',
    tanda_tangan:
      'Dengan ini saya menyatakan telah memeriksa dan menyetujui isi informasi ini untuk dipublikasikan kepada publik, dan menandatanganinya secara elektronik.',
  },
  dip: {
    paraf: 'Dengan ini saya menyatakan telah memeriksa isi Daftar Informasi Publik ini dan membubuhkan paraf pada rancangan Surat Keputusan penetapannya.',
    tanda_tangan:
      'Dengan ini saya menetapkan Daftar Informasi Publik ini dengan Surat Keputusan dan menandatangani Surat Keputusan penetapan tersebut secara elektronik.',
  },
  consequence_test: {
    paraf: 'Dengan ini saya menyatakan telah memeriksa uji konsekuensi ini dan membubuhkan paraf pada rancangan keputusannya.',
    tanda_tangan:
      'Dengan ini saya memutuskan hasil uji konsekuensi ini sebagaimana tercantum dan menandatangani keputusan tersebut secara elektronik. Informasi yang dikecualikan tidak dipublikasikan.',
  },
  information_request: {
    paraf: 'Dengan ini saya menyatakan telah memeriksa rancangan pemberitahuan tertulis atas permohonan informasi ini dan membubuhkan paraf sebelum ditandatangani.',
    tanda_tangan:
      'Dengan ini saya memutuskan pemberitahuan tertulis atas permohonan informasi ini sebagaimana tercantum (UU 14/2008 Pasal 22 ayat 7) dan menandatanganinya secara elektronik.',
  },
  objection: {
    paraf: 'Dengan ini saya menyatakan telah memeriksa rancangan tanggapan tertulis atas keberatan ini dan membubuhkan paraf sebelum ditandatangani.',
    tanda_tangan:
      'Dengan ini saya memberikan tanggapan tertulis atas keberatan ini sebagaimana tercantum (UU 14/2008 Pasal 36 ayat 2) dan menandatanganinya secara elektronik.',
  },
};

/** The statement for a kind of record on a subject; null for acts that need no statement. */
export function intentStatement(kind: string, subject: IntentSubject): string | null {
  return kind === 'paraf' || kind === 'tanda_tangan' ? INTENT_STATEMENTS[subject][kind] : null;
}
