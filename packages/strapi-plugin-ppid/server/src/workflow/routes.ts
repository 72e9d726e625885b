import { adminAuth as auth } from '../routes/helpers';

// The workflow domain's routes: runs and acts, SOP definitions, and how SOPs are wired to a body
// (role mappings, delegations, bindings).
export default {
  admin: [
    { method: 'GET', path: '/tasks', handler: 'workflow.tasks', config: auth('tasks.read') },
    { method: 'GET', path: '/runs', handler: 'workflow.list', config: auth('runs.read') },
    { method: 'POST', path: '/runs', handler: 'workflow.submit', config: auth() },
    { method: 'GET', path: '/runs/:id', handler: 'workflow.findOne', config: auth() },
    { method: 'POST', path: '/runs/:id/acts', handler: 'workflow.act', config: auth() },
    // Bulk acts (Tugas Saya): the same act on several runs, each through the single act's path.
    { method: 'POST', path: '/acts/bulk', handler: 'workflow.bulkAct', config: auth() },
    { method: 'POST', path: '/runs/:id/cancel', handler: 'workflow.cancel', config: auth('runs.cancel') },
    { method: 'GET', path: '/items/:uid/:documentId/runs', handler: 'workflow.forItem', config: auth() },
    { method: 'GET', path: '/items/:uid/steps', handler: 'workflow.stepsFor', config: auth() },
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
  ],
  contentApi: [],
};
