// Admin permissions of the plugin, one per page or power; super admins get them all.
export const ACTIONS = [
  { uid: 'tasks.read', displayName: 'Tugas Saya (my tasks)' },
  { uid: 'runs.read', displayName: 'Alur Kerja: lihat (view runs)' },
  { uid: 'runs.cancel', displayName: 'Alur Kerja: batalkan (cancel runs)' },
  { uid: 'sops.read', displayName: 'SOP: lihat (view)' },
  { uid: 'sops.manage', displayName: 'SOP: impor, ubah, pemetaan peran (import, edit, role mapping)' },
  { uid: 'dip.read', displayName: 'DIP: lihat (view)' },
  { uid: 'dip.manage', displayName: 'DIP: kelola, impor, ekspor (manage, import, export)' },
  { uid: 'classification.manage', displayName: 'Klasifikasi: aturan dan uji konsekuensi (rules, consequence tests)' },
  { uid: 'verify', displayName: 'Verifikasi (verification)' },
  { uid: 'reports.read', displayName: 'Laporan (reports)' },
  { uid: 'registers.read', displayName: 'Register permohonan dan keberatan, laporan layanan informasi tahunan (registers, annual report)' },
  { uid: 'records.personal-data', displayName: 'Catatan: NIP lengkap, alamat IP, peramban penanda tangan (signers\' personal data)' },
  { uid: 'requests.read', displayName: 'Permohonan informasi: melihat permohonan dan keberatan serta alur kerjanya: nama dan alamat pemohon, tanpa nomor identitas dan kontak (read requests, objections and their runs: the applicant\'s name and address as the register has them, no identity number or contact data)' },
  { uid: 'requests.enter', displayName: 'Permohonan informasi: mencatat permohonan langsung atau surat (enter requests received in person or by letter)' },
  { uid: 'requests.manage', displayName: 'Permohonan informasi: pemberitahuan tertulis, perpanjangan (written notice, extension)' },
  { uid: 'requests.personal-data', displayName: 'Permohonan informasi: nomor identitas lengkap dan pindaian identitas pemohon, setiap baca dicatat (applicants\' identity number and scan, every read logged)' },
  { uid: 'objections.manage', displayName: 'Keberatan: tanggapan Atasan PPID, sengketa di Komisi Informasi (objections: answer, dispute)' },
  { uid: 'settings.manage', displayName: 'Pengaturan: kop naskah dinas, daftar persiapan (settings: letterhead, first-run checklist)' },
].map((a) => ({ section: 'plugins' as const, pluginName: 'ppid', ...a }));

export const perm = (uid: string) => `plugin::ppid.${uid}`;
