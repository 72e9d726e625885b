export * from './content-hash';
export * from './keys';
export * from './record';
export * from './verify-chain';
export * from './checkpoint';
export * from './throttle';
export * from './intent';
