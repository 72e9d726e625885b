// Admin panel routes, mounted under /ppid. Each is behind an admin JWT and, where it is a page
// of its own, the plugin permission for that page. Acts are not permission-gated here: who may
// act is decided by the SOP role mapping, in the workflow engine.
const auth = (...actions: string[]) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    ...(actions.length ? [{ name: 'admin::hasPermissions', config: { actions: actions.map((a) => `plugin::ppid.${a}`) } }] : []),
  ],
});

export default [
  { method: 'GET', path: '/info', handler: 'info.describe', config: auth() },

  { method: 'GET', path: '/tasks', handler: 'workflow.tasks', config: auth('tasks.read') },
  { method: 'GET', path: '/runs', handler: 'workflow.list', config: auth('runs.read') },
  { method: 'POST', path: '/runs', handler: 'workflow.submit', config: auth() },
  { method: 'GET', path: '/runs/:id', handler: 'workflow.findOne', config: auth() },
  { method: 'GET', path: '/runs/:id/form.pdf', handler: 'verification.form', config: auth('runs.read') },
  { method: 'POST', path: '/runs/:id/acts', handler: 'workflow.act', config: auth() },
  { method: 'POST', path: '/runs/:id/cancel', handler: 'workflow.cancel', config: auth('runs.cancel') },
  { method: 'GET', path: '/items/:uid/:documentId/runs', handler: 'workflow.forItem', config: auth() },
  { method: 'GET', path: '/items/:uid/steps', handler: 'workflow.stepsFor', config: auth() },

  { method: 'POST', path: '/verify', handler: 'verification.verify', config: auth('verify') },

  { method: 'GET', path: '/sops', handler: 'sops.list', config: auth('sops.read') },
  { method: 'POST', path: '/sops/validate', handler: 'sops.validate', config: auth('sops.read') },
  { method: 'POST', path: '/sops/import', handler: 'sops.import', config: auth('sops.manage') },
  { method: 'GET', path: '/sops/:ref', handler: 'sops.findOne', config: auth('sops.read') },
  { method: 'GET', path: '/sops/:ref/export', handler: 'sops.export', config: auth('sops.read') },
  { method: 'GET', path: '/sops/:ref/document', handler: 'sops.render', config: auth('sops.read') },

  { method: 'GET', path: '/role-mappings', handler: 'settings.listRoleMappings', config: auth('sops.read') },
  { method: 'POST', path: '/role-mappings', handler: 'settings.createRoleMapping', config: auth('sops.manage') },
  { method: 'DELETE', path: '/role-mappings/:id', handler: 'settings.deleteRoleMapping', config: auth('sops.manage') },
  { method: 'GET', path: '/delegations', handler: 'settings.listDelegations', config: auth('sops.read') },
  { method: 'POST', path: '/delegations', handler: 'settings.createDelegation', config: auth('sops.manage') },
  { method: 'GET', path: '/bindings', handler: 'settings.listBindings', config: auth('sops.read') },
  { method: 'POST', path: '/bindings', handler: 'settings.createBinding', config: auth('sops.manage') },
  { method: 'PUT', path: '/bindings/:id', handler: 'settings.updateBinding', config: auth('sops.manage') },
  { method: 'DELETE', path: '/bindings/:id', handler: 'settings.deleteBinding', config: auth('sops.manage') },

  { method: 'GET', path: '/notifications', handler: 'notifications.mine', config: auth() },
  { method: 'GET', path: '/notifications/preferences', handler: 'notifications.getPreferences', config: auth() },
  { method: 'PUT', path: '/notifications/preferences', handler: 'notifications.setPreferences', config: auth() },
  { method: 'POST', path: '/notifications/:id/read', handler: 'notifications.read', config: auth() },
  { method: 'GET', path: '/reports/:name', handler: 'reports.get', config: auth('reports.read') },

  { method: 'GET', path: '/dip/editions', handler: 'dip.list', config: auth('dip.read') },
  { method: 'POST', path: '/dip/editions', handler: 'dip.create', config: auth('dip.manage') },
  { method: 'GET', path: '/dip/editions/:id', handler: 'dip.findOne', config: auth('dip.read') },
  { method: 'GET', path: '/dip/editions/:id/diff', handler: 'dip.diff', config: auth('dip.read') },
  { method: 'GET', path: '/dip/editions/:id/export', handler: 'dip.export', config: auth('dip.read') },
  { method: 'GET', path: '/dip/editions/:id/decree.pdf', handler: 'dip.decree', config: auth('dip.read') },
  { method: 'POST', path: '/dip/import', handler: 'dip.import', config: auth('dip.manage') },

  // Classification: rules and consequence tests need classification.manage; the suggestions
  // panel of the Content Manager (evaluate) is open to every editor.
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

  // The first-run checklist of the body's administrator (core/setup.ts).
  { method: 'GET', path: '/setup/checklist', handler: 'settings.checklist', config: auth('settings.manage') },

  // The kop (letterhead) of printed documents: the body's and a unit's own.
  { method: 'GET', path: '/settings/kop', handler: 'kop.get', config: auth('settings.manage') },
  { method: 'PUT', path: '/settings/kop', handler: 'kop.put', config: auth('settings.manage') },
  { method: 'PUT', path: '/settings/kop/units/:unit', handler: 'kop.putUnit', config: auth('settings.manage') },
  { method: 'DELETE', path: '/settings/kop/units/:unit', handler: 'kop.deleteUnit', config: auth('settings.manage') },
];
