export * from './columns';
export * from './validate';
export * from './diff';
export * from './decree-number';
export * from './import';
export * from './import-files';
export * from './formula-guard';
export * from './schedule';
