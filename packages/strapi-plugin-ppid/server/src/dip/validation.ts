import * as yup from 'yup';

export const createEditionSchema = yup
  .object({
    title: yup.string().trim().min(3).max(300).optional(),
    year: yup.number().integer().min(2000).max(2200).optional(),
    instansi: yup.string().trim().min(3).max(300).optional(),
    ditetapkanDi: yup.string().trim().max(200).optional(),
  })
  .noUnknown();

export const importJsonSchema = yup
  .object({
    filename: yup.string().trim().required().max(300),
    base64: yup.string().required(),
  })
  .noUnknown();
