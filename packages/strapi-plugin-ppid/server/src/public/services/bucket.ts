import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/**
 * Files kept in an S3-compatible bucket (`@strapi/provider-upload-aws-s3`, config/plugins.ts
 * UPLOAD_PROVIDER=aws-s3) are served by the attachment guard itself, after its decision: the
 * bucket stays private and the file URLs point at this app (`baseUrl: '/uploads'`), so the
 * object key is the URL path after `/uploads/`. The S3 client is the provider's own AWS SDK
 * (resolved through the provider package, so the plugin adds no dependency), with the
 * provider's `s3Options`. Files still on the local disk (public/uploads) are served from there.
 */
type Bucket = { client: any; sdk: any; name: string };
const buckets = new WeakMap<object, Bucket | null>();

export function bucketOf(strapi: Core.Strapi): Bucket | null {
  if (buckets.has(strapi)) return buckets.get(strapi)!;
  let bucket: Bucket | null = null;
  const cfg = strapi.config.get('plugin::upload') as { provider?: string; providerOptions?: any } | undefined;
  if (cfg?.provider === 'aws-s3' || cfg?.provider === '@strapi/provider-upload-aws-s3') {
    const fromApp = createRequire(path.join(strapi.dirs.app.root, 'package.json'));
    const sdk = createRequire(fromApp.resolve('@strapi/provider-upload-aws-s3'))('@aws-sdk/client-s3');
    const { params = {}, ...clientOptions } = cfg.providerOptions?.s3Options ?? {};
    if (!params.Bucket) throw new Error('[ppid] upload provider aws-s3 without s3Options.params.Bucket');
    bucket = { client: new sdk.S3Client(clientOptions), sdk, name: params.Bucket };
  }
  buckets.set(strapi, bucket);
  return bucket;
}

/** Whether `urlPath` (`/uploads/...`, normalised) names a file on the local disk. */
export function onLocalDisk(strapi: Core.Strapi, urlPath: string): boolean {
  const root = path.resolve(strapi.dirs.static.public);
  const file = path.resolve(root, `.${urlPath}`);
  return file.startsWith(root + path.sep) && fs.existsSync(file);
}

/** Answers GET/HEAD with the object `key` of the bucket (404 when the bucket has no such object). */
export async function serveFromBucket(strapi: Core.Strapi, bucket: Bucket, ctx: Context, key: string): Promise<void> {
  const input = { Bucket: bucket.name, Key: key };
  try {
    const out = await bucket.client.send(ctx.method === 'HEAD' ? new bucket.sdk.HeadObjectCommand(input) : new bucket.sdk.GetObjectCommand(input));
    ctx.status = 200;
    ctx.type = out.ContentType || 'application/octet-stream';
    if (out.ETag) ctx.set('ETag', out.ETag);
    if (out.LastModified) ctx.set('Last-Modified', new Date(out.LastModified).toUTCString());
    if (ctx.method === 'HEAD') {
      if (out.ContentLength != null) ctx.length = Number(out.ContentLength);
      return;
    }
    ctx.body = out.Body;
    if (out.ContentLength != null) ctx.length = Number(out.ContentLength);
  } catch (e: any) {
    const status = e?.$metadata?.httpStatusCode;
    if (status === 404 || e?.name === 'NoSuchKey' || e?.name === 'NotFound') {
      ctx.status = 404;
      ctx.body = 'Not Found';
      return;
    }
    // The storage is unreachable: say so (503), never a 500 page or the bucket's error text.
    strapi.log.error(`[ppid] upload bucket: ${e?.name ?? ''} ${e?.message ?? e}`);
    ctx.status = 503;
    ctx.body = 'Service Unavailable';
  }
}
