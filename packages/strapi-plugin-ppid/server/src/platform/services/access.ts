import type { Core } from '@strapi/strapi';
import { grantPublicRead, seedDemo } from '../../bootstrap';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  grantPublicRead: () => grantPublicRead(strapi),
  seedDemo: () => seedDemo(strapi),
});
