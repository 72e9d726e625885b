// Downloads (exports) and uploads (imports) with the admin JWT, keeping the server's own error text.
import * as React from 'react';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';

/** The message of an error body that came back as a Blob ({ error: { message } }), else the status. */
async function blobError(data: Blob | undefined, status: number): Promise<string> {
  try {
    const text = data ? await data.text() : '';
    const json = JSON.parse(text);
    if (json?.error?.message) return String(json.error.message);
  } catch {
    /* not JSON */
  }
  return `HTTP ${status}`;
}

/** Saves a Blob under a file name through a temporary object-URL link. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const filenameOf = (headers: Headers | undefined, fallback: string) => {
  const cd = headers?.get?.('content-disposition') ?? '';
  const m = /filename="?([^";]+)"?/i.exec(cd);
  return m ? m[1] : fallback;
};

/**
 * GETs a file with the panel's fetch client (admin JWT, token refresh) and saves it. `busy`
 * holds the key of the download under way; `error` the server's message when it failed.
 */
export function useDownload() {
  const { get } = useFetchClient();
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const download = async (key: string, url: string, fallbackName: string) => {
    setBusy(key);
    setError(null);
    try {
      const r: any = await get(url, { responseType: 'blob', validateStatus: () => true } as any);
      const status = Number(r.status ?? 200);
      if (status >= 400) throw new Error(await blobError(r.data, status));
      saveBlob(r.data as Blob, filenameOf(r.headers, fallbackName));
      return true;
    } catch (e) {
      setError((e as Error).message ?? String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { download, busy, error };
}

export type UploadState = { phase: 'idle' | 'uploading' | 'processing' | 'done' | 'failed'; percent: number };

/**
 * POSTs a file as multipart with XMLHttpRequest (fetch has no upload progress), so the page can
 * show a progress bar. Resolves with { status, body } whatever the status; rejects on a network error.
 */
export function useUpload() {
  const token = useAuth('PpidUpload', (s) => s.token);
  const [state, setState] = React.useState<UploadState>({ phase: 'idle', percent: 0 });
  const upload = (path: string, file: File, field = 'file') =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const base = (window as any).strapi?.backendURL ?? '';
      xhr.open('POST', `${base}${path}`);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) setState({ phase: 'uploading', percent: Math.round((e.loaded / e.total) * 100) });
      };
      xhr.upload.onload = () => setState({ phase: 'processing', percent: 100 });
      xhr.onload = () => {
        setState({ phase: xhr.status < 400 ? 'done' : 'failed', percent: 100 });
        resolve({ status: xhr.status, body: xhr.response });
      };
      xhr.onerror = () => {
        setState({ phase: 'failed', percent: 0 });
        reject(new Error('Jaringan gagal / network error'));
      };
      const form = new FormData();
      form.append(field, file, file.name);
      setState({ phase: 'uploading', percent: 0 });
      xhr.send(form);
    });
  return { upload, state };
}

/** The server's error text: { error: { message } } when JSON, else "HTTP 404: <body as written>". */
export function serverText(status: number, body: any, text: string): string {
  if (body?.error?.message) return String(body.error.message);
  const plain = text.trim().slice(0, 300);
  return plain ? `HTTP ${status}: ${plain}` : `HTTP ${status}`;
}
