import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::plain-item.plain-item');
