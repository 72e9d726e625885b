import { renderSopHtml, renderSopPdf } from '../sop-document';
import type { SopDefinition } from '../core/workflow';

/** The SOP as the standard document agencies print and sign (HTML and PDF). */
export default () => ({
  html: (def: SopDefinition, lang: 'id' | 'en' = 'id') => renderSopHtml(def, { lang }),
  pdf: (def: SopDefinition, lang: 'id' | 'en' = 'id') => renderSopPdf(def, { lang }),
});
