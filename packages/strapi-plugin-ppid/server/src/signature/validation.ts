import { yup } from '@strapi/utils';

// POST /ppid/verify: an empty body (the whole chain and every published item) or one code.
export const verifySchema = yup
  .object({ code: yup.string().min(1).max(64) })
  .noUnknown()
  .strict();
