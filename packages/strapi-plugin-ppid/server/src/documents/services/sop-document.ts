import type { Core } from '@strapi/strapi';
import { renderSopHtml, renderSopPdf, type SopDocumentOptions } from '../sop-document';
import { isOwnSop, sopHeaderLines } from '../../core/documents';
import type { SopDefinition } from '../../core/workflow';
import { getService } from '../../services/get-service';

/**
 * The SOP as the standard document agencies print and sign (HTML and PDF). Its left header cell
 * is stacked as a kop (parent government over the body); the body's own SOPs take the body's
 * kop lines and logo (services/kop.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function headerOf(def: SopDefinition): Promise<Pick<SopDocumentOptions, 'headerLines' | 'logo'>> {
    const { kop, block } = await getService(strapi, 'kop').block(null);
    return { headerLines: sopHeaderLines(def.header.instansi, def.header.unit, kop), logo: isOwnSop(def.header.instansi, kop) ? block.logo : null };
  }
  return {
    html: async (def: SopDefinition, lang: 'id' | 'en' = 'id') => renderSopHtml(def, { lang, ...(await headerOf(def)) }),
    pdf: async (def: SopDefinition, lang: 'id' | 'en' = 'id') => renderSopPdf(def, { lang, ...(await headerOf(def)) }),
  };
};
