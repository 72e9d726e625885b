import type { Core } from '@strapi/strapi';
import { drain } from './platform/background';
import { stopPasswordThreads } from './signature/password-threads';

// Let listeners and after-commit work finish before Strapi closes the database pool.
export default async (_: { strapi: Core.Strapi }) => {
  await drain();
  await stopPasswordThreads();
};
