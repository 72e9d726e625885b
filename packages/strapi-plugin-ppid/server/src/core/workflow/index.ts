// The SOP workflow core: definition format, validation, and the pure workflow engine.
export * from './types';
export {
  APPROVAL_ACTS,
  EXAMINING_ACTS,
  canReturnFrom,
  forwardActOf,
  isEditable,
  recordKindOf,
  requiresSeparationOfDuties,
  returnTargetOf,
  standardFor,
  writtenReturnOf,
  standardToMs,
  stepDeadline,
} from './steps';
export { validateSopDefinition, formatSopError } from './validate';
export { parseSopText, type SopTextFormat } from './parse';
export { loadSopDirectory, type LoadedSopFile } from './load';
export { startRun, mayStartRun, decide, allowedActs, currentStepOf, isClosed, committeeRuleMet, committeeRequired } from './engine';
export { parseTimeStandard, parseDuration, timeUnitOf, type Duration, type ParsedTimeStandard } from './time-standard';
export { planBindingChange, defaultBinding, type BindingRow, type BindingChange, type BindingPlan, type BindingRefusal } from './bindings';
export { writingRoles } from './role-grants';
export { actingCapacities, adminRolesFor, delegationValid, mappedRoles, type ActingCapacity, type ActingDelegation, type RoleMappingRow } from './acting';
