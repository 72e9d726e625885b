/**
 * The kop (letterhead) of a body's documents, as tata naskah dinas lays it out (Permendagri
 * 1/2023): logo on the left, centred lines: the parent government ("PEMERINTAH KOTA
 * SAMARINDA"), the body's name in larger bold ("KECAMATAN PALARAN"), the address line and the
 * contact line, then a double rule. A unit may have its own kop; what it leaves empty comes
 * from the body's.
 */

export interface Kop {
  /** The body (or unit) name: "Kecamatan Palaran". */
  nama: string;
  /** The parent government: "Pemerintah Kota Samarinda". */
  pemerintah?: string | null;
  alamat?: string | null;
  telepon?: string | null;
  email?: string | null;
  website?: string | null;
  /** Place written in the place-and-date line: "Samarinda". */
  tempat?: string | null;
  /** A PNG or JPEG path relative to the app root. */
  logoPath?: string | null;
  /** A PNG or JPEG in the media library (plugin::upload.file id). */
  logoFile?: number | null;
}

export const KOP_FIELDS = ['nama', 'pemerintah', 'alamat', 'telepon', 'email', 'website', 'tempat', 'logoPath', 'logoFile'] as const;

const present = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');

/** A unit's kop over the body's: each field the unit sets wins, the rest is the body's. */
export function mergeKop(body: Partial<Kop> | null | undefined, unit: Partial<Kop> | null | undefined): Kop {
  const out: Record<string, unknown> = {};
  for (const f of KOP_FIELDS) {
    const v = present(unit?.[f]) ? unit![f] : body?.[f];
    if (present(v)) out[f] = typeof v === 'string' ? v.trim() : v;
  }
  // A unit's own logo replaces the body's whichever way each was given.
  if (present(unit?.logoPath) || present(unit?.logoFile)) {
    out.logoPath = present(unit?.logoPath) ? unit!.logoPath : undefined;
    out.logoFile = present(unit?.logoFile) ? unit!.logoFile : undefined;
  }
  return { nama: '', ...out } as Kop;
}

export interface KopLines {
  /** "PEMERINTAH KOTA SAMARINDA", or null. */
  pemerintah: string | null;
  /** "KECAMATAN PALARAN". */
  nama: string;
  /** "Jalan ..." */
  alamat: string | null;
  /** "Telepon (0541) 123456, Pos-el ..., Laman ..." */
  kontak: string | null;
}

/** The printed lines of a kop: names in capitals, address and contacts as written. */
export function kopLines(kop: Kop): KopLines {
  const kontak = [
    present(kop.telepon) ? `Telepon ${kop.telepon}` : null,
    present(kop.email) ? `Pos-el ${kop.email}` : null,
    present(kop.website) ? `Laman ${kop.website}` : null,
  ].filter(Boolean);
  return {
    pemerintah: present(kop.pemerintah) ? kop.pemerintah!.trim().toUpperCase() : null,
    nama: (kop.nama ?? '').trim().toUpperCase(),
    alamat: present(kop.alamat) ? kop.alamat!.trim() : null,
    kontak: kontak.length ? kontak.join(', ') : null,
  };
}

const PARENT = /^(pemerintah|provinsi)\b/i;

/**
 * The stacked lines of a body named in one string, parent government first, as written:
 * "Kecamatan Palaran, Pemerintah Kota Samarinda" → ["Pemerintah Kota Samarinda",
 * "Kecamatan Palaran"]. A name with no "Pemerintah …" part stays one line (commas inside a
 * name, "Dinas Komunikasi, Informatika, …", are kept).
 */
export function stackInstansi(instansi: string): string[] {
  const parts = instansi.split(',').map((s) => s.trim()).filter(Boolean);
  const i = parts.findIndex((p) => PARENT.test(p));
  if (i < 0 || parts.length < 2) return [instansi.trim()];
  return [parts[i], parts.filter((_, j) => j !== i).join(', ')];
}

export interface SopHeaderLines {
  pemerintah: string | null;
  nama: string;
  unit: string | null;
}

/**
 * The left header cell of the SOP document, as written (the documents print it in capitals):
 * the body's kop lines when the SOP is the body's own (its instansi names the kop's body),
 * otherwise the SOP's instansi stacked; the SOP's unit below.
 */
export function sopHeaderLines(instansi: string, unit: string | null | undefined, kop?: Kop | null): SopHeaderLines {
  const stacked = stackInstansi(instansi);
  const own = isOwnSop(instansi, kop);
  const pemerintah = own ? (present(kop!.pemerintah) ? kop!.pemerintah!.trim() : null) : stacked.length > 1 ? stacked[0] : null;
  const nama = own ? kop!.nama.trim() : stacked[stacked.length - 1];
  const u = present(unit) && unit!.trim().toLowerCase() !== nama.toLowerCase() ? unit!.trim() : null;
  return { pemerintah, nama, unit: u };
}

/** Whether an SOP's instansi names the kop's body (then the body's kop and logo head it). */
export function isOwnSop(instansi: string, kop?: Kop | null): boolean {
  return !!kop && present(kop.nama) && instansi.toLowerCase().includes(kop.nama.trim().toLowerCase());
}
