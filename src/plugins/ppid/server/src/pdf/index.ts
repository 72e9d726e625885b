export * from './approval-form';
export * from './layout';
export * from './qr';
