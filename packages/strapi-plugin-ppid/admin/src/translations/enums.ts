// Labels of the content types' enumeration values. The Content Manager shows an enumeration
// option as the message whose id is the raw value (formatMessage({ id: value })), so these are
// registered unprefixed: "Setiap saat" instead of `setiap_saat`.
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  id: {
    berkala: 'Berkala (Pasal 9)',
    serta_merta: 'Serta merta (Pasal 10)',
    setiap_saat: 'Setiap saat (Pasal 11)',
    dikecualikan: 'Dikecualikan (Pasal 17)',
    softcopy: 'Softcopy',
    hardcopy: 'Hardcopy',
    softcopy_hardcopy: 'Softcopy dan hardcopy',
    musnah: 'Musnah',
    permanen: 'Permanen',
    dinilai_kembali: 'Dinilai kembali',
  },
  en: {
    berkala: 'Periodic (berkala, Art. 9)',
    serta_merta: 'Immediate (serta merta, Art. 10)',
    setiap_saat: 'At any time (setiap saat, Art. 11)',
    dikecualikan: 'Excluded (dikecualikan, Art. 17)',
    softcopy: 'Softcopy',
    hardcopy: 'Hardcopy',
    softcopy_hardcopy: 'Softcopy and hardcopy',
    musnah: 'Destroyed (musnah)',
    permanen: 'Permanent',
    dinilai_kembali: 'To be reassessed (dinilai kembali)',
  },
};
