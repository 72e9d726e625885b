export * from './validate';
export * from './number';
export * from './deadlines';
export * from './personal-data';
export * from './objection';
export * from './notice';
export * from './objection-answer';
export * from './abuse';
