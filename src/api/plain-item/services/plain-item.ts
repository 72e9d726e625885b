import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::plain-item.plain-item');
