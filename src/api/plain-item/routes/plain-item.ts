import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::plain-item.plain-item');
