import info from '../platform/controllers/info';
import workflow from '../workflow/controllers/workflow';
import sops from '../workflow/controllers/sops';
import settings from '../platform/controllers/settings';
import publicFacts from '../public/controllers/public';
import dip from '../dip/controllers/dip';
import notifications from '../notifications/controllers/notifications';
import reports from '../notifications/controllers/reports';
import classification from '../classification/controllers/classification';
import verification from '../signature/controllers/verification';
import checkpoints from '../signature/controllers/checkpoints';
import kop from '../documents/controllers/kop';
import requests from '../requests/controllers/requests';
import objections from '../requests/controllers/objections';
import registers from '../requests/controllers/registers';
import requestPersonalData from '../requests/controllers/personal-data';
import requestDesk from '../requests/controllers/desk';

/** Spelled out so the built type declarations name each controller factory rather than expand it. */
export type ControllerFactories = {
  info: typeof info;
  workflow: typeof workflow;
  sops: typeof sops;
  settings: typeof settings;
  public: typeof publicFacts;
  dip: typeof dip;
  notifications: typeof notifications;
  reports: typeof reports;
  classification: typeof classification;
  verification: typeof verification;
  checkpoints: typeof checkpoints;
  kop: typeof kop;
  requests: typeof requests;
  objections: typeof objections;
  registers: typeof registers;
  personalData: typeof requestPersonalData;
  desk: typeof requestDesk;
};

const controllers: ControllerFactories = { info, workflow, sops, settings, public: publicFacts, dip, notifications, reports, classification, verification, checkpoints, kop, requests, objections, registers, personalData: requestPersonalData, desk: requestDesk };

export default controllers;
