// One name for each plugin type, so a typo is a compile error rather than a runtime 500.
export const UID = {
  unit: 'plugin::ppid.unit',
  official: 'plugin::ppid.official',
  sop: 'plugin::ppid.sop',
  roleMapping: 'plugin::ppid.role-mapping',
  delegation: 'plugin::ppid.delegation',
  binding: 'plugin::ppid.binding',
  run: 'plugin::ppid.run',
  stepLog: 'plugin::ppid.step-log',
  record: 'plugin::ppid.signature-record',
  counter: 'plugin::ppid.counter',
  classificationRule: 'plugin::ppid.classification-rule',
  consequenceTest: 'plugin::ppid.consequence-test',
  informationKind: 'api::information-kind.information-kind',
  informationItem: 'api::information-item.information-item',
  dipEntry: 'api::dip-entry.dip-entry',
} as const;
