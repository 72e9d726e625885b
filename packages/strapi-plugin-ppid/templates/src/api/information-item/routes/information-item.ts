import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::information-item.information-item');
