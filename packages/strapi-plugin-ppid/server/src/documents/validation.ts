import { yup } from '@strapi/utils';

// The kop (letterhead) of the body and of a unit. Errors become 400 naming the field.
const text = (max: number) => yup.string().nullable().max(max);

const fields = {
  pemerintah: text(200),
  alamat: text(300),
  telepon: text(100).matches(/^[0-9+()\-.,/ a-zA-Z]*$/, { message: 'telepon: hanya angka, spasi dan + ( ) - . , / (digits and separators only)', excludeEmptyString: true }),
  email: text(200).email('email: alamat pos-el tidak sah / not a valid e-mail address'),
  website: text(200).matches(/^(https?:\/\/)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(\/\S*)?$/, { message: 'website: alamat laman tidak sah / not a valid web address', excludeEmptyString: true }),
  tempat: text(100),
  logoPath: text(500),
  logoFile: yup.number().integer().positive().nullable(),
};

/** The body's kop: its name is required, everything else optional. */
export const bodyKopSchema = yup
  .object({ nama: yup.string().required('nama: nama badan publik wajib diisi / required').max(200), ...fields })
  .noUnknown()
  .strict();

/** A unit's kop: every field optional; what it leaves empty comes from the body's kop. */
export const unitKopSchema = yup
  .object({ nama: text(200), ...fields })
  .noUnknown()
  .strict();
