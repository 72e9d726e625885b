// Each folder is one content type of the plugin. Internal types (runs, records, SOP versions,
// counters...) are hidden from the Content Manager and from shadow CRUD (see register.ts);
// the public only sees what the plugin's explicit content-API routes return.
import unit from './unit/schema.json';
import official from './official/schema.json';
import sop from './sop/schema.json';
import roleMapping from './role-mapping/schema.json';
import delegation from './delegation/schema.json';
import binding from './binding/schema.json';
import run from './run/schema.json';
import stepLog from './step-log/schema.json';
import signatureRecord from './signature-record/schema.json';
import counter from './counter/schema.json';
import dipEdition from './dip-edition/schema.json';
import notification from './notification/schema.json';
import notificationPreference from './notification-preference/schema.json';
import classificationRule from './classification-rule/schema.json';
import consequenceTest from './consequence-test/schema.json';
import excludedInformation from './excluded-information/schema.json';
import checkpoint from './checkpoint/schema.json';
import signingAttempt from './signing-attempt/schema.json';
import dipFile from './dip-file/schema.json';
import informationRequest from './information-request/schema.json';
import objection from './objection/schema.json';

export default {
  unit: { schema: unit },
  official: { schema: official },
  sop: { schema: sop },
  'role-mapping': { schema: roleMapping },
  delegation: { schema: delegation },
  binding: { schema: binding },
  run: { schema: run },
  'step-log': { schema: stepLog },
  'signature-record': { schema: signatureRecord },
  counter: { schema: counter },
  'dip-edition': { schema: dipEdition },
  notification: { schema: notification },
  'notification-preference': { schema: notificationPreference },
  'classification-rule': { schema: classificationRule },
  'consequence-test': { schema: consequenceTest },
  'excluded-information': { schema: excludedInformation },
  checkpoint: { schema: checkpoint },
  'signing-attempt': { schema: signingAttempt },
  'dip-file': { schema: dipFile },
  'information-request': { schema: informationRequest },
  objection: { schema: objection },
};

/** Every plugin type is internal: none is exposed through shadow CRUD or generic REST. */
export const INTERNAL_TYPES = [
  'unit', 'official', 'sop', 'role-mapping', 'delegation', 'binding', 'run', 'step-log',
  'signature-record', 'counter', 'notification', 'notification-preference',
  'dip-edition', 'classification-rule', 'consequence-test', 'excluded-information',
  'checkpoint',
  'signing-attempt',
  'dip-file',
  'information-request',
  'objection',
].map((name) => `plugin::ppid.${name}`);
