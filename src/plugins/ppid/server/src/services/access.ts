import type { Core } from '@strapi/strapi';
import { grantPublicRead } from '../bootstrap';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  grantPublicRead: () => grantPublicRead(strapi),
});
