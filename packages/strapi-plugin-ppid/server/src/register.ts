import type { Core } from '@strapi/strapi';
import { INTERNAL_TYPES } from './content-types';
import { governance } from './workflow/middlewares/governance';
import { officialNip } from './platform/middlewares/official-nip';
import { dipFreeze } from './dip/middlewares/dip-freeze';
import { defaultUnit } from './workflow/middlewares/default-unit';
import { registerDipGraphql } from './dip/graphql';
import { attachmentGuard } from './public/middlewares/attachments';
import { adminFilesCookie } from './platform/middlewares/admin-files';
import { retryAfter } from './signature/middlewares/retry-after';
import { removeUploadedFiles } from './requests/middlewares/uploaded-files';
import { earlyBodyLimit } from './requests/middlewares/early-body-limit';
import { installAppTypes } from './platform/uids';
import { cacheContentApiReads } from './public/middlewares/http-cache';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // The host's types the plugin works with (config itemType, dipEntryType, kindType), checked
  // against the loaded content types: a bad key stops the boot here, naming it.
  installAppTypes(strapi);
  // A new item without a unit takes its drafting official's (before the governance door).
  strapi.documents.use(defaultUnit(strapi) as any);
  // Every write of a governed type passes here, whatever door it came through.
  strapi.documents.use(governance(strapi) as any);
  strapi.documents.use(officialNip(strapi) as any);
  strapi.documents.use(dipFreeze(strapi) as any);
  // Downloads of uploaded files: before every app middleware (docs/attachments.md).
  strapi.server.use(attachmentGuard(strapi));
  strapi.server.use(adminFilesCookie(strapi));
  // 429 answers of the plugin tell clients when to retry (HTTP Retry-After).
  strapi.server.use(retryAfter());
  // Multipart temp files of any field are removed after the answer (Strapi removes only `files`).
  strapi.server.use(removeUploadedFiles());
  // The public filing doors' 413/411 from the declared length, before the body parser writes a byte.
  strapi.server.use(earlyBodyLimit(strapi));
  // ETag, 304 and Cache-Control on the app's REST reads (docs/api.md, "HTTP caching").
  cacheContentApiReads(strapi);

  // GraphQL shadow CRUD would expose every content type, including officials with their NIP
  // and the signature records. Public facts come only from the plugin's explicit routes.
  const graphql = strapi.plugin('graphql');
  if (graphql) {
    const extension = graphql.service('extension');
    for (const uid of INTERNAL_TYPES) extension.shadowCRUD(uid).disable();
    registerDipGraphql(strapi);
  }
};
