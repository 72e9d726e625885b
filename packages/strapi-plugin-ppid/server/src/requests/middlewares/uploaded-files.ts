import fs from 'node:fs';

export type UploadedFile = { field: string; filepath?: string; size?: number; originalFilename?: string | null; mimetype?: string | null };

/** Every temporary file the body parser wrote for this request (formidable's file objects), with its field. */
export function uploadedFiles(ctx: any): UploadedFile[] {
  const files = ctx?.request?.files;
  if (!files || typeof files !== 'object') return [];
  return Object.entries(files).flatMap(([field, f]: [string, any]) =>
    (Array.isArray(f) ? f : [f]).filter((x: any) => x && typeof x === 'object').map((x: any) => Object.assign(x, { field }))
  );
}

/**
 * Strapi's body middleware (koa-body, formidable) writes every multipart file to the temp
 * folder but removes only those of the field `files` (the upload plugin's). Installed outside it
 * (register.ts), this removes the others once the answer is ready, on every route: a multipart
 * post anywhere (the identity scan, or junk sent to another door) leaves nothing behind.
 */
export const removeUploadedFiles = () => async (ctx: any, next: () => Promise<unknown>) => {
  try {
    await next();
  } finally {
    for (const f of uploadedFiles(ctx)) if (f.filepath) fs.rm(f.filepath, { force: true }, () => undefined);
  }
};
