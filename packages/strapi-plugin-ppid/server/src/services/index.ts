import info from '../platform/services/info';
import access from '../platform/services/access';
import sops from '../workflow/services/sops';
import actors from '../workflow/services/actors';
import content from '../workflow/services/content';
import keys from '../signature/services/keys';
import records from '../signature/services/records';
import workflow from '../workflow/services/workflow';
import timing from '../notifications/services/timing';
import events from '../workflow/services/events';
import directory from '../platform/services/directory';
import cli from '../platform/services/cli';
import demo from '../platform/services/demo';
import sopDocument from '../documents/services/sop-document';
import clock from '../notifications/services/clock';
import recipients from '../notifications/services/recipients';
import notifications from '../notifications/services/notifications';
import reminders from '../notifications/services/reminders';
import reports from '../notifications/services/reports';
import publicFilter from '../public/services/public-filter';
import classification from '../classification/services/classification';
import dip from '../dip/services/dip';
import indexes from '../platform/services/indexes';
import constraints from '../platform/services/constraints';
import sealing from '../signature/services/sealing';
import cmLabels from '../platform/services/cm-labels';
import verification from '../signature/services/verification';
import approvalForm from '../documents/services/approval-form';
import decisionPdfs from '../documents/services/decision-pdfs';
import kop from '../documents/services/kop';
import attachments from '../public/services/attachments';
import checkpoints from '../signature/services/checkpoints';
import adminAccess from '../platform/services/admin-access';
import settingsSync from '../platform/services/settings-sync';
import bindings from '../workflow/services/bindings';
import setup from '../platform/services/setup';
import signing from '../signature/services/signing';

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
