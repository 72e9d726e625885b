export * from './validate';
export * from './number';
export * from './deadlines';
export * from './personal-data';
export * from './objection';
export * from './registers';
