import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { placeAndDate } from '../../core/calendar';
import { KOP_FIELDS, kopLines, mergeKop, type Kop } from '../../core/documents';
import { fieldError, notFound } from '../../errors';
import type { KopBlock } from '../pdf/layout';
import { pluginRoot } from '../../platform/plugin-root';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/**
 * The kop (letterhead) every printed document carries: the body's, and per unit where a unit
 * has its own (fields it leaves empty come from the body's). Kept in the plugin store (key
 * `kop`); without a stored kop the plugin config (instansi, unit, alamat, tempat) is used.
 */
type Stored = { body: Partial<Kop> | null; units: Record<string, Partial<Kop>> };

const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

const clean = (input: Record<string, unknown>): Partial<Kop> => {
  const out: Record<string, unknown> = {};
  for (const f of KOP_FIELDS) {
    const v = input[f];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) continue;
    out[f] = typeof v === 'string' ? v.trim() : v;
  }
  return out as Partial<Kop>;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'ppid', key: 'kop' });
  const config = (key: string): string | null => {
    const v = strapi.plugin('ppid').config(key);
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };

  async function read(): Promise<Stored> {
    const v = (await store().get({})) as Stored | null;
    return { body: v?.body ?? null, units: v?.units ?? {} };
  }

  /**
   * The configured fallback: PPID_INSTANSI is the parent government, PPID_UNIT the body (empty:
   * the document's own unit, when it has one).
   */
  function fromConfig(unitName: string | null = null): Partial<Kop> {
    const instansi = config('instansi');
    const unit = config('unit') ?? unitName;
    return clean({ nama: unit ?? instansi ?? '', pemerintah: unit ? instansi : null, alamat: config('alamat'), tempat: config('tempat') });
  }

  /** A logo path must stay inside the app's folder and be a PNG or JPEG. */
  function logoPathFile(p: string): string {
    const outside = () => fieldError('logoPath', 'harus berada di dalam folder aplikasi / must be inside the app folder');
    const inside = (root: string, abs: string) => {
      const rel = path.relative(root, abs);
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    const root = strapi.dirs.app.root;
    const abs = path.resolve(root, p);
    if (!inside(root, abs)) throw outside();
    // A symlink inside the app must not lead outside it.
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      throw fieldError('logoPath', 'berkas tidak ditemukan / file not found');
    }
    if (!inside(fs.realpathSync(root), real)) throw outside();
    return real;
  }

  function readImage(abs: string, field: string): Buffer {
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw fieldError(field, 'berkas tidak ditemukan / file not found');
    }
    if (!st.isFile()) throw fieldError(field, 'bukan berkas / not a file');
    if (st.size > MAX_LOGO_BYTES) throw fieldError(field, 'berkas logo paling besar 2 MB / logo file larger than 2 MB');
    const data = fs.readFileSync(abs);
    if (!isPng(data) && !isJpeg(data)) throw fieldError(field, 'logo harus PNG atau JPEG / logo must be PNG or JPEG');
    return data;
  }

  async function uploadFile(id: number): Promise<string> {
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
    if (!file) throw fieldError('logoFile', `berkas #${id} tidak ada di pustaka media / not in the media library`);
    if (file.provider !== 'local' || typeof file.url !== 'string' || !file.url.startsWith('/')) {
      throw fieldError('logoFile', 'hanya berkas yang disimpan lokal / only locally stored files');
    }
    return path.join(strapi.dirs.static.public, file.url);
  }

  /** Checks the logo a kop names (throws a 400 on the field); returns its bytes or null. */
  async function loadLogo(kop: Partial<Kop>): Promise<Buffer | null> {
    if (kop.logoFile) return readImage(await uploadFile(kop.logoFile), 'logoFile');
    if (kop.logoPath) return readImage(logoPathFile(kop.logoPath), 'logoPath');
    return null;
  }

  const self = {
    async get(): Promise<{ body: Kop; stored: boolean; units: { unit: { id: number; code: string; name: string }; kop: Partial<Kop> }[] }> {
      const s = await read();
      const ids = Object.keys(s.units).map(Number);
      const units = ids.length ? await strapi.db.query(UID.unit).findMany({ where: { id: { $in: ids } } }) : [];
      return {
        body: mergeKop(fromConfig(), s.body),
        stored: !!s.body,
        units: units.map((u: any) => ({ unit: { id: u.id, code: u.code, name: u.name }, kop: s.units[String(u.id)] })),
      };
    },

    /** Replaces the body's kop (already validated by validation/kop.ts). */
    async setBody(input: Record<string, unknown>): Promise<Kop> {
      const kop = clean(input);
      await loadLogo(kop);
      const s = await read();
      await store().set({ value: { ...s, body: kop } });
      return mergeKop(fromConfig(), kop);
    },

    async setUnit(unitId: number, input: Record<string, unknown>): Promise<Partial<Kop>> {
      const unit = Number.isInteger(unitId) ? await strapi.db.query(UID.unit).findOne({ where: { id: unitId } }) : null;
      if (!unit) throw notFound(`Unit #${unitId} tidak ditemukan / unit not found`);
      const kop = clean(input);
      await loadLogo(kop);
      const s = await read();
      await store().set({ value: { ...s, units: { ...s.units, [String(unitId)]: kop } } });
      return kop;
    },

    async removeUnit(unitId: number): Promise<void> {
      const s = await read();
      if (!s.units[String(unitId)]) throw notFound(`Unit #${unitId} tidak punya kop sendiri / unit has no kop of its own`);
      const units = { ...s.units };
      delete units[String(unitId)];
      await store().set({ value: { ...s, units } });
    },

    /** The kop of a unit's documents: the unit's own over the body's over the config. */
    async resolve(unitId?: number | null): Promise<Kop> {
      const s = await read();
      const unitRow = unitId != null && !s.body ? await strapi.db.query(UID.unit).findOne({ where: { id: unitId } }) : null;
      const body = mergeKop(fromConfig(unitRow?.name ?? null), s.body);
      return unitId != null && s.units[String(unitId)] ? mergeKop(body, s.units[String(unitId)]) : body;
    },

    /** The kop as the PDF layout draws it, with the logo's bytes (a broken logo is left out). */
    async block(unitId?: number | null): Promise<{ kop: Kop; block: KopBlock }> {
      const kop = await self.resolve(unitId);
      let logo: Buffer | null = null;
      try {
        logo = await loadLogo(kop);
      } catch (e) {
        strapi.log.warn(`[ppid] kop logo not printed: ${(e as Error).message}`);
      }
      return { kop, block: { lines: kopLines(kop), logo } };
    },

    /** "Samarinda, 1 Desember 2026": the kop's place and the day in `timeZone` (zones.ofUnit). */
    placeDate(kop: Kop, when: Date | string, timeZone: string): string {
      return placeAndDate(kop.tempat, when, timeZone);
    },

    /** The demo body's kop (development demo only; services/demo.ts). */
    async seedDemo(): Promise<void> {
      const logo = path.relative(strapi.dirs.app.root, path.join(pluginRoot(), 'assets', 'logo-demo.png'));
      await self.setBody({
        nama: 'Kecamatan Palaran',
        pemerintah: 'Pemerintah Kota Samarinda',
        alamat: 'Jalan Ampera No. 1, Kelurahan Rawa Makmur, Kecamatan Palaran, Samarinda 75253',
        telepon: '(0541) 7270001',
        email: 'kecamatan.palaran@demo.ppid.local',
        website: 'palaran.demo.ppid.local',
        tempat: 'Samarinda',
        logoPath: logo,
      });
      // The demo's other units stand for other bodies (the seed SOPs 001-004): their own kop.
      const others: [string, Record<string, string>][] = [
        ['KALTENG', { nama: 'Dinas Komunikasi, Informatika, Persandian dan Statistik', pemerintah: 'Pemerintah Provinsi Kalimantan Tengah', alamat: 'Jalan Imam Bonjol No. 2, Palangka Raya', tempat: 'Palangka Raya' }],
        ['KUTIM', { nama: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', pemerintah: 'Pemerintah Kabupaten Kutai Timur', alamat: 'Kawasan Pusat Perkantoran Bukit Pelangi, Sangatta', tempat: 'Sangatta' }],
        ['PONTIANAK', { nama: 'Dinas Sosial', pemerintah: 'Pemerintah Kota Pontianak', alamat: 'Jalan Alianyang No. 1, Pontianak', tempat: 'Pontianak' }],
      ];
      for (const [code, kop] of others) {
        const unit = await strapi.db.query(UID.unit).findOne({ where: { code } });
        if (unit) await self.setUnit(unit.id, kop);
      }
    },
  };
  return self;
};
