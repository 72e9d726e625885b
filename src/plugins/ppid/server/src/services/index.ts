import info from './info';
import access from './access';
import sops from './sops';
import actors from './actors';
import content from './content';
import keys from './keys';
import records from './records';
import workflow from './workflow';
import timing from './timing';
import events from './events';
import directory from './directory';
import cli from './cli';
import demo from './demo';
import sopDocument from './sop-document';
import clock from './clock';
import recipients from './recipients';
import notifications from './notifications';
import reminders from './reminders';
import reports from './reports';
import publicFilter from './public-filter';
import classification from './classification';
import dip from './dip';
import indexes from './indexes';
import constraints from './constraints';
import sealing from './sealing';
import cmLabels from './cm-labels';
import verification from './verification';
import approvalForm from './approval-form';
import decisionPdfs from './decision-pdfs';
import kop from './kop';
import attachments from './attachments';
import checkpoints from './checkpoints';
import adminAccess from './admin-access';
import settingsSync from './settings-sync';
import bindings from './bindings';
import signing from './signing';
import setup from './setup';

export default {
  info,
  access,
  sops,
  actors,
  content,
  keys,
  records,
  workflow,
  timing,
  events,
  directory,
  cli,
  'sop-document': sopDocument,
  demo,
  clock,
  recipients,
  notifications,
  reminders,
  reports,
  'public-filter': publicFilter,
  classification,
  dip,
  indexes,
  'cm-labels': cmLabels,
  verification,
  'approval-form': approvalForm,
  'decision-pdfs': decisionPdfs,
  checkpoints,
  'admin-access': adminAccess,
  'settings-sync': settingsSync,
  bindings,
  signing,
  setup,
  constraints,
  sealing,
  attachments,
  kop,
};
