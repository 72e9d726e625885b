export * from './approval-form';
export * from './layout';
export * from './qr';
export * from './decree';
export * from './consequence-test';
export * from './request-notice';
export * from './objection-answer';
export * from './objection-form';
