// The plugin's settings. The kop (letterhead) of printed documents, until an administrator sets
// it (PUT /ppid/settings/kop, services/kop.ts): PPID_INSTANSI (the parent government, e.g.
// "Pemerintah Kota Samarinda"), PPID_UNIT (the body, e.g. "Kecamatan Palaran"), PPID_ALAMAT
// (address line) and PPID_TEMPAT (place of the place-and-date line).
// Override in config/plugins.ts under ppid.config.
const HEADING_KEYS = ['instansi', 'unit', 'alamat', 'tempat'] as const;

export default {
  default: ({ env }: { env: (key: string, fallback?: string) => string }) => ({
    instansi: env('PPID_INSTANSI', 'Pemerintah Kota Samarinda'),
    unit: env('PPID_UNIT', ''),
    alamat: env('PPID_ALAMAT', ''),
    tempat: env('PPID_TEMPAT', ''),
  }),
  validator(config: Record<string, unknown>) {
    for (const key of HEADING_KEYS) {
      if (config[key] != null && typeof config[key] !== 'string') throw new Error(`ppid config: ${key} must be a string`);
    }
  },
};
