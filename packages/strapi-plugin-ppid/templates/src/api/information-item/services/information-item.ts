import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::information-item.information-item');
