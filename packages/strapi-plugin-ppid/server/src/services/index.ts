import info from '../platform/services/info';
import access from '../platform/services/access';
import sops from '../workflow/services/sops';
import actors from '../workflow/services/actors';
import content from '../workflow/services/content';
import keys from '../signature/services/keys';
import pdfSigning from '../signature/services/pdf-signing';
import pdfVerification from '../signature/services/pdf-verification';
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
import runs from '../workflow/services/runs';
import publicationVersion from '../public/services/publication-version';
import dipFiles from '../dip/services/files';
import jobs from '../platform/services/jobs';
import zones from '../platform/services/zones';
import requests from '../requests/services/requests';
import requestNotices from '../requests/services/notices';
import objections from '../requests/services/objections';
import rateLimits from '../requests/services/rate-limits';
import registers from '../requests/services/registers';
import requestPersonalData from '../requests/services/personal-data';
import deadlineReminders from '../requests/services/deadline-reminders';
import objectionForms from '../requests/services/objection-forms';
import requestDesk from '../requests/services/desk';

/**
 * The service factories by name. Spelled out (rather than inferred from the object below) so the
 * built type declarations name each factory instead of expanding every service's type; the
 * object is checked against it. getService (./get-service.ts) reads service types from here.
 */
export type ServiceFactories = {
  info: typeof info;
  access: typeof access;
  sops: typeof sops;
  actors: typeof actors;
  content: typeof content;
  keys: typeof keys;
  'pdf-signing': typeof pdfSigning;
  'pdf-verification': typeof pdfVerification;
  records: typeof records;
  workflow: typeof workflow;
  timing: typeof timing;
  events: typeof events;
  directory: typeof directory;
  cli: typeof cli;
  'sop-document': typeof sopDocument;
  demo: typeof demo;
  clock: typeof clock;
  recipients: typeof recipients;
  notifications: typeof notifications;
  reminders: typeof reminders;
  reports: typeof reports;
  'public-filter': typeof publicFilter;
  classification: typeof classification;
  dip: typeof dip;
  indexes: typeof indexes;
  'cm-labels': typeof cmLabels;
  verification: typeof verification;
  'approval-form': typeof approvalForm;
  'decision-pdfs': typeof decisionPdfs;
  checkpoints: typeof checkpoints;
  'admin-access': typeof adminAccess;
  'settings-sync': typeof settingsSync;
  bindings: typeof bindings;
  signing: typeof signing;
  runs: typeof runs;
  setup: typeof setup;
  constraints: typeof constraints;
  sealing: typeof sealing;
  attachments: typeof attachments;
  kop: typeof kop;
  'publication-version': typeof publicationVersion;
  'dip-files': typeof dipFiles;
  jobs: typeof jobs;
  zones: typeof zones;
  requests: typeof requests;
  'request-notices': typeof requestNotices;
  objections: typeof objections;
  'rate-limits': typeof rateLimits;
  registers: typeof registers;
  'request-personal-data': typeof requestPersonalData;
  'deadline-reminders': typeof deadlineReminders;
  'objection-forms': typeof objectionForms;
  'request-desk': typeof requestDesk;
};

const services: ServiceFactories = {
  info,
  access,
  sops,
  actors,
  content,
  keys,
  'pdf-signing': pdfSigning,
  'pdf-verification': pdfVerification,
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
  runs,
  zones,
  requests,
  'request-notices': requestNotices,
  objections,
  'rate-limits': rateLimits,
  registers,
  'request-personal-data': requestPersonalData,
  'request-desk': requestDesk,
  constraints,
  sealing,
  attachments,
  kop,
  'publication-version': publicationVersion,
  'dip-files': dipFiles,
  jobs,
  'deadline-reminders': deadlineReminders,
  'objection-forms': objectionForms,
};

export default services;
