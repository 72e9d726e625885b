import fs from 'fs';
import path from 'path';
import type { Migration } from './index';
import { pluginRoot } from '../plugin-root';

/**
 * 002 (0.4.0): the shipped consequence-test SOP follows UU 14/2008 Pasal 19 (the PPID decides)
 * and Pasal 20 (the Atasan PPID sets the period). A database still on the earlier shipped
 * template (step 3: the Atasan PPID decides) gets the new file as its next version; a body's
 * own edits (any other definition) are left alone. Same role keys: mappings stay valid; runs in
 * progress keep the version they started with.
 */
const migration: Migration = {
  id: '002-uji-konsekuensi-roles',
  async up({ strapi }) {
    const current: any = await strapi.db.query('plugin::ppid.sop').findOne({ where: { code: 'uji-konsekuensi', current: true } });
    const steps = current?.definition?.steps ?? [];
    const old = steps.length === 4 && steps[1]?.act === 'review_paraf' && steps[2]?.role === 'atasan-ppid' && steps[2]?.act === 'decide';
    if (!old) return;
    const text = fs.readFileSync(path.join(pluginRoot(), 'sops', '100-uji-konsekuensi.yaml'), 'utf8');
    await strapi.plugin('ppid').service('sops').import(text, 'yaml');
  },
};
export default migration;
