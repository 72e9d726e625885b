/**
 * PAdES signatures on the product's PDFs (issue #13): pure functions over Buffers and PEM
 * strings, no Strapi. The service signature/services/pdf-signing.ts holds the body's identity.
 */
export * from './certificates';
export * from './signer';
export * from './sign';
export * from './verify';
