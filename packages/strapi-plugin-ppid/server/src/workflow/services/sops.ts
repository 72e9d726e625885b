import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { parseSopText, type SopDefinition } from '../../core/workflow';
import { badRequest, notFound } from '../../errors';
import { pluginRoot } from '../../platform/plugin-root';
import { UID } from '../../platform/uids';

export type SopVersionRow = {
  id: number;
  documentId: string;
  code: string;
  version: number;
  name: string;
  nomorSop: string | null;
  definition: SopDefinition;
  current: boolean;
  createdAt: string;
};

/** Error listing every problem of a definition, by path; nothing is stored. */
export const invalidDefinition = (errors: { path: string; message: string }[]) =>
  badRequest(`SOP tidak valid / invalid SOP definition (${errors.length} masalah)`, {
    errors: errors.map((e) => ({ path: e.path, message: e.message, text: `${e.path}: ${e.message}` })),
  });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.sop);

  const self = {
    /** Validates without storing. */
    validate(text: string, format?: 'yaml' | 'json') {
      return parseSopText(text, format);
    },

    /**
     * Stores a definition as the next version of its code. An unchanged definition is not
     * stored twice. Runs keep the version they started with.
     */
    async import(text: string, format?: 'yaml' | 'json') {
      const result = self.validate(text, format);
      if (!result.ok) throw invalidDefinition(result.errors);
      return self.save(result.value);
    },

    async save(definition: SopDefinition): Promise<{ sop: SopVersionRow; created: boolean }> {
      return strapi.db.transaction(async () => {
        const latest = (await query().findOne({ where: { code: definition.code }, orderBy: { version: 'desc' } })) as SopVersionRow | null;
        if (latest && JSON.stringify(latest.definition) === JSON.stringify(definition)) return { sop: latest, created: false };
        const version = (latest?.version ?? 0) + 1;
        if (latest) await query().updateMany({ where: { code: definition.code }, data: { current: false } });
        const sop = (await query().create({
          data: {
            code: definition.code,
            version,
            versionKey: `${definition.code}@${version}`,
            name: definition.header.namaSop,
            nomorSop: definition.header.nomorSop,
            definition,
            current: true,
          },
        })) as SopVersionRow;
        return { sop, created: true };
      });
    },

    async list(): Promise<SopVersionRow[]> {
      return (await query().findMany({ where: { current: true }, orderBy: { code: 'asc' } })) as SopVersionRow[];
    },

    async versions(code: string): Promise<SopVersionRow[]> {
      return (await query().findMany({ where: { code }, orderBy: { version: 'desc' } })) as SopVersionRow[];
    },

    async current(code: string): Promise<SopVersionRow> {
      const sop = (await query().findOne({ where: { code, current: true } })) as SopVersionRow | null;
      if (!sop) throw notFound(`SOP "${code}" tidak ditemukan / not found`);
      return sop;
    },

    /** By code ("code" or "code@version") or by numeric id. */
    async get(ref: string | number): Promise<SopVersionRow> {
      if (typeof ref === 'number' || /^\d+$/.test(String(ref))) {
        const sop = (await query().findOne({ where: { id: Number(ref) } })) as SopVersionRow | null;
        if (!sop) throw notFound(`SOP #${ref} tidak ditemukan / not found`);
        return sop;
      }
      const [code, version] = String(ref).split('@');
      if (!version) return self.current(code);
      // A version that is not a number names no SOP (never a NaN query: 404, not 500).
      if (!/^\d{1,9}$/.test(version)) throw notFound(`SOP "${ref}" tidak ditemukan / not found`);
      const sop = (await query().findOne({ where: { code, version: Number(version) } })) as SopVersionRow | null;
      if (!sop) throw notFound(`SOP "${ref}" tidak ditemukan / not found`);
      return sop;
    },

    /**
     * The shipped SOPs (the package's sops/ folder) are imported when their code is new to this
     * database. A code the body already has is left alone: its own edits (newer versions) must
     * not be overwritten at the next boot; an updated shipped file is imported on purpose, with
     * `npm run ppid -- sop import FILE`.
     */
    async importSeeds() {
      const dir = path.join(pluginRoot(), 'sops');
      const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
      const out: { file: string; code: string; version: number; created: boolean }[] = [];
      // Every boot passes here: one query for the codes this database has, and a shipped file
      // whose top-level `code:` is among them is not parsed at all (YAML parsing was most of the
      // plugin's warm boot, #17). A file the cheap read cannot place takes the full path.
      const have = new Map(
        ((await query().findMany({ where: { current: true }, select: ['code', 'version'] })) as SopVersionRow[]).map((r) => [r.code, r.version])
      );
      for (const f of files) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        const quick = f.endsWith('.json') ? null : /^code:[ \t]*["']?([A-Za-z0-9_-]+)["']?[ \t]*$/m.exec(text)?.[1];
        if (quick && have.has(quick)) {
          out.push({ file: f, code: quick, version: have.get(quick) as number, created: false });
          continue;
        }
        const parsed = self.validate(text, f.endsWith('.json') ? 'json' : 'yaml');
        if (!parsed.ok) throw invalidDefinition(parsed.errors);
        const existing = (await query().findOne({ where: { code: parsed.value.code, current: true } })) as SopVersionRow | null;
        if (existing) {
          out.push({ file: f, code: existing.code, version: existing.version, created: false });
          continue;
        }
        const { sop, created } = await self.save(parsed.value);
        out.push({ file: f, code: sop.code, version: sop.version, created });
      }
      return out;
    },
  };
  return self;
};
