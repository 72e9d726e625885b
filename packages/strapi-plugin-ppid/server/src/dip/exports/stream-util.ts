import type { Writable } from 'node:stream';
import type { DipEntry } from '../../core/dip';

export type DipEntrySource = AsyncIterable<DipEntry> | Iterable<DipEntry>;

/**
 * Waits while the destination is full, so a slow reader (an HTTP client) holds back the
 * producer instead of letting output pile up in memory. Rejects if the destination closes.
 */
export function waitForDrain(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('Output stream closed before the export finished'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Resolves when `out` has flushed everything, rejects on its error or premature close. */
export function whenFinished(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.writableFinished) return resolve();
    const cleanup = () => {
      out.off('finish', onFinish);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onFinish = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      if (out.writableFinished) resolve();
      else reject(new Error('Output stream closed before the export finished'));
    };
    out.on('finish', onFinish);
    out.on('error', onError);
    out.on('close', onClose);
  });
}
