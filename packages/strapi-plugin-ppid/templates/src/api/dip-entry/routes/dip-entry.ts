import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::dip-entry.dip-entry');
