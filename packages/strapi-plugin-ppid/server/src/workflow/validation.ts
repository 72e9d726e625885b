import { yup, validateYupSchema } from '@strapi/utils';
import { ACTS } from '../core/workflow';

// Request bodies of the workflow routes. Errors become 400 with the path and the reason.
export const submitSchema = yup
  .object({
    uid: yup.string().required().max(200),
    documentId: yup.string().required().max(64),
    locale: yup.string().nullable().max(20),
    sopCode: yup.string().nullable().max(100),
  })
  .noUnknown()
  .strict();

export const actSchema = yup
  .object({
    act: yup.string().oneOf([...ACTS]).required(),
    comment: yup.string().max(5000),
    reason: yup.string().max(5000),
    expectedVersion: yup.number().integer().min(0),
    step: yup.number().integer().min(1).max(1000),
    password: yup.string().max(200),
    confirmIntent: yup.boolean(),
    // Removed: a reference to an outside certified signature was recorded without being
    // verified and skipped the password. Named here so that sending it is a 400 on this field.
    externalRef: yup
      .mixed()
      .test(
        'removed',
        'externalRef tidak diterima: tanda tangan tersertifikasi (BSrE) belum didukung; tanda tangani dengan kata sandi dan pernyataan / not accepted: sign with your password and the intent statement',
        (v) => v === undefined
      ),
  })
  .noUnknown()
  .strict();

/** How many runs one bulk act may take (POST /ppid/acts/bulk). */
export const BULK_ACT_MAX = 50;

/**
 * A bulk act (POST /ppid/acts/bulk): the forward act (approve: paraf, tanda tangan) on up to
 * BULK_ACT_MAX runs, with the password and the confirmed statement given once.
 */
export const bulkActSchema = yup
  .object({
    runIds: yup
      .array()
      .of(yup.string().required().max(64))
      .required()
      .min(1, 'runIds: pilih paling sedikit satu item / choose at least one item')
      .max(BULK_ACT_MAX, `runIds: paling banyak ${BULK_ACT_MAX} item sekaligus / at most ${BULK_ACT_MAX} items at once`)
      .test('unique', 'runIds: item yang sama dipilih dua kali / the same run is listed twice', (v) => !v || new Set(v).size === v.length),
    act: yup.string().oneOf(['approve']).required(),
    // The step each run was at on the official's screen: a run that moved on is a 409 for it alone.
    steps: yup
      .mixed()
      .test(
        'steps',
        'steps: { runId: nomor langkah } untuk run yang dipilih / step numbers of the listed runs',
        function (v: unknown) {
          if (v === undefined) return true;
          if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
          const ids: string[] = (this.parent as { runIds?: string[] }).runIds ?? [];
          return Object.entries(v as Record<string, unknown>).every(
            ([k, n]) => ids.includes(k) && typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1000
          );
        }
      ),
    comment: yup.string().max(5000),
    password: yup.string().max(200),
    confirmIntent: yup.boolean(),
  })
  .noUnknown()
  .strict();

/** An administrator's cancel (POST /ppid/runs/:id/cancel): the reason is required. */
export const cancelSchema = yup
  .object({ reason: yup.string().trim().required().min(1).max(5000) })
  .noUnknown()
  .strict();

export const sopImportSchema = yup
  .object({
    text: yup.string().required().max(2_000_000),
    format: yup.string().oneOf(['yaml', 'json']),
  })
  .noUnknown()
  .strict();

export const roleMappingSchema = yup
  .object({
    sopCode: yup.string().required().max(100),
    sopRole: yup.string().required().max(100),
    adminRole: yup.number().integer().required(),
    unit: yup.number().integer().nullable(),
  })
  .noUnknown()
  .strict();

export const delegationSchema = yup
  .object({
    delegator: yup.number().integer().required(),
    delegate: yup.number().integer().required(),
    capacity: yup.string().oneOf(['plt', 'plh', 'an']).required(),
    validFrom: yup.string().required(),
    validUntil: yup.string().required(),
    basis: yup.string().max(300),
  })
  .noUnknown()
  .strict();

export const validate = <T>(schema: yup.AnySchema, body: unknown) => validateYupSchema(schema)(body ?? {}) as Promise<T>;
