export * from './content-hash';
export * from './keys';
export * from './record';
export * from './verify-chain';
export * from './governance';
export * from './stored';
