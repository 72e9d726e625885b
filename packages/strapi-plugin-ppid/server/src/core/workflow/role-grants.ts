// Which SOP roles fill in content: a role whose step is editable (drafting, collecting,
// updating, or an examining step the SOP marks editable) writes the item; every other role
// only reads it. Admin roles are given Content Manager permissions from this (services/demo).
import { isEditable } from './steps';
import type { SopDefinition } from './types';

export function writingRoles(def: SopDefinition): Set<string> {
  return new Set(def.steps.filter(isEditable).map((s) => s.role));
}
