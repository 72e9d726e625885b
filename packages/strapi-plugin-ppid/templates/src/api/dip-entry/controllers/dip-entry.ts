import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::dip-entry.dip-entry');
