// Every route of the plugin, collected from each domain's routes.ts (a domain's controllers,
// services and routes live together in its folder).
import workflow from '../workflow/routes';
import signature from '../signature/routes';
import classification from '../classification/routes';
import publicRoutes from '../public/routes';
import dip from '../dip/routes';
import notifications from '../notifications/routes';
import documents from '../documents/routes';
import platform from '../platform/routes';
import requests from '../requests/routes';

const domains = [platform, workflow, signature, classification, publicRoutes, dip, notifications, documents, requests];

export default {
  admin: { type: 'admin', routes: domains.flatMap((d) => d.admin) },
  'content-api': { type: 'content-api', routes: domains.flatMap((d) => d.contentApi) },
};
