import type { Core } from '@strapi/strapi';
import { getService } from '../../services/get-service';

const FILE = 'plugin::upload.file';

/**
 * Which uploaded files the public may download (docs/attachments.md), by the public guard's own
 * rule for files (services/public-filter.ts fileWhere, the condition every content-API read of
 * files gets): a file attached to governed items is served only when at least one of them is
 * public; a file attached to no governed item (media of ungoverned content, a logo) as before.
 * Image format variants (thumbnail_, small_, ... in `formats`) follow their original file.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const filter = () => getService(strapi, 'public-filter');

  /** The file rows a public URL may be: the original, or the original of a format variant. */
  async function filesFor(url: string): Promise<{ id: number }[]> {
    const name = url.slice(url.lastIndexOf('/') + 1);
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    const candidates = [url];
    // A format variant is named `<format>_<original hash><ext>` in the same folder.
    const cut = name.indexOf('_');
    if (cut > 0) candidates.push(`${base}${name.slice(cut + 1)}`);
    const table = strapi.db.metadata.get(FILE).tableName;
    const rows = await strapi.db.connection(table).select('id', 'url', 'formats').whereIn('url', candidates);
    return rows.filter((r: any) => {
      if (r.url === url) return true;
      const formats = typeof r.formats === 'string' ? safeJson(r.formats) : r.formats;
      return Object.values<any>(formats ?? {}).some((f) => f?.url === url);
    });
  }

  const self = {
    /**
     * Whether the public may download the file at this URL path (`/uploads/...`). Unknown URLs
     * are left to the static server (which answers 404 for a missing file).
     */
    async publicMayRead(url: string): Promise<boolean> {
      const files = await filesFor(url);
      if (!files.length) return true;
      const guard = filter().guardFor(FILE);
      if (!guard) return true;
      const visible = await strapi.db.query(FILE as any).count({ where: { $and: [{ id: { $in: files.map((f) => f.id) } }, guard] } });
      return visible > 0;
    },
  };
  return self;
};

function safeJson(s: string) {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
