// Renders an SOP definition as the printable SOP AP document (Permenpan RB 35/2012,
// Permendagri 52/2011): pure functions, no Strapi.
export { renderSopHtml, escapeHtml } from './html';
export { renderSopPdf } from './pdf';
export { type SopDocumentLang, type SopDocumentOptions, formatWaktu, formatTanggal } from './labels';
export { type SymbolKind, symbolOf } from './flow';
