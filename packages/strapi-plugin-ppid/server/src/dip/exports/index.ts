export * from './edition';
export { writeDipCsv, type DipCsvOptions } from './csv';
export { writeDipXlsx, DIP_XLSX_SHEET_NAME, DIP_XLSX_HEADER_ROW, DIP_XLSX_FIRST_DATA_ROW } from './xlsx';
export { writeDipPdf, type DipPdfOptions } from './pdf';
export type { DipEntrySource } from './stream-util';
