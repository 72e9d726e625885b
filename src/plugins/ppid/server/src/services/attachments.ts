import type { Core } from '@strapi/strapi';

const FILE = 'plugin::upload.file';

/**
 * Which uploaded files the public may download (docs/attachments.md). A file attached to a
 * governed item is served only when at least one item it is attached to is public by the public
 * guard (services/public-filter.ts guardFor: the same rule every content-API read gets); a file
 * attached to no governed item (media of ungoverned content, a logo) is served as before.
 * Image format variants (thumbnail_, small_, ... in `formats`) follow their original file.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const filter = () => strapi.plugin('ppid').service('public-filter');
  const governed = (uid: string) => strapi.plugin('ppid').service('content').isGoverned(uid) as boolean;

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

  /** Components used (directly) by a governed type: media inside them belongs to governed items. */
  function governedComponents(): Set<string> {
    const out = new Set<string>();
    for (const uid of strapi.plugin('ppid').service('content').governedTypes() as string[]) {
      for (const a of Object.values<any>(strapi.getModel(uid as any)?.attributes ?? {})) {
        if (a.type === 'component') out.add(a.component);
        if (a.type === 'dynamiczone') for (const c of a.components ?? []) out.add(c);
      }
    }
    return out;
  }

  const self = {
    /**
     * Whether the public may download the file at this URL path (`/uploads/...`). Unknown URLs
     * are left to the static server (which answers 404 for a missing file).
     */
    async publicMayRead(url: string): Promise<boolean> {
      const files = await filesFor(url);
      if (!files.length) return true;
      const attr: any = strapi.db.metadata.get(FILE).attributes.related;
      const { name, joinColumn, morphColumn } = attr.joinTable;
      const links = await strapi.db
        .connection(name)
        .select(`${morphColumn.idColumn.name} as rid`, `${morphColumn.typeColumn.name} as rtype`)
        .whereIn(joinColumn.name, files.map((f) => f.id));
      const byType = new Map<string, number[]>();
      for (const l of links as { rid: number; rtype: string }[]) byType.set(l.rtype, [...(byType.get(l.rtype) ?? []), Number(l.rid)]);
      let guardedLinks = 0;
      const inComponents = governedComponents();
      for (const [type, ids] of byType) {
        // A component of a governed type: its owner's visibility is not resolved here, so hidden.
        if (inComponents.has(type)) {
          guardedLinks++;
          continue;
        }
        const guard = governed(type) ? filter().guardFor(type) : null;
        if (!guard) continue;
        guardedLinks++;
        const visible = await strapi.db.query(type as any).count({ where: { $and: [{ id: { $in: ids } }, guard] } });
        if (visible > 0) return true;
      }
      return guardedLinks === 0;
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
