import { adminAuth as auth, open } from '../routes/helpers';

// The classification domain's routes. Rules and consequence tests need classification.manage;
// the suggestions panel of the Content Manager (evaluate) is open to every editor.
export default {
  admin: [
    { method: 'GET', path: '/classification/rules', handler: 'classification.listRules', config: auth('classification.manage') },
    { method: 'POST', path: '/classification/rules', handler: 'classification.createRule', config: auth('classification.manage') },
    { method: 'PUT', path: '/classification/rules/:id', handler: 'classification.updateRule', config: auth('classification.manage') },
    { method: 'DELETE', path: '/classification/rules/:id', handler: 'classification.deleteRule', config: auth('classification.manage') },
    { method: 'GET', path: '/classification/evaluate', handler: 'classification.evaluate', config: auth() },
    { method: 'GET', path: '/classification/refresh-due', handler: 'classification.refreshDue', config: auth('classification.manage') },
    { method: 'GET', path: '/consequence-tests', handler: 'classification.listTests', config: auth('classification.manage') },
    { method: 'GET', path: '/consequence-tests/retest', handler: 'classification.retest', config: auth('classification.manage') },
    { method: 'POST', path: '/consequence-tests', handler: 'classification.createTest', config: auth('classification.manage') },
    { method: 'GET', path: '/consequence-tests/:id', handler: 'classification.findTest', config: auth('classification.manage') },
    { method: 'PUT', path: '/consequence-tests/:id', handler: 'classification.updateTest', config: auth('classification.manage') },
    { method: 'POST', path: '/consequence-tests/:id/decide', handler: 'classification.decideTest', config: auth('classification.manage') },
    { method: 'GET', path: '/consequence-tests/:id/decision.pdf', handler: 'classification.decisionPdf', config: auth('classification.manage') },
    // The register of excluded information (Daftar Informasi yang Dikecualikan) and Pasal 18 ayat (2).
    { method: 'GET', path: '/excluded-information', handler: 'classification.registerAdmin', config: auth('classification.manage') },
    { method: 'POST', path: '/excluded-information/:id/open', handler: 'classification.openExclusion', config: auth('classification.manage') },
  ],
  // Public: the register (what is excluded and why, never the content).
  contentApi: [
    { method: 'GET', path: '/excluded-register', handler: 'classification.publicRegister', config: open },
    { method: 'GET', path: '/excluded-register/export', handler: 'classification.publicRegisterExport', config: open },
  ],
};
