import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The signer's password check off the event loop. Strapi keeps admin passwords as bcrypt
 * (bcryptjs, cost 10): about 100 ms of CPU per check on the development machine, on the main
 * thread. Twenty reviewers signing at once queued two seconds of that in front of every other
 * request (issue #17). The same library's compare runs here on worker threads; a hash that is
 * not bcrypt, or a worker that cannot start, falls back to Strapi's own check.
 */
const BCRYPT = /^\$2[abxy]?\$\d{2}\$/;

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcrypt);
parentPort.on('message', ({ id, password, hash }) => {
  try { parentPort.postMessage({ id, ok: bcrypt.compareSync(password, hash) }); }
  catch (e) { parentPort.postMessage({ id, error: String(e && e.message || e) }); }
});`;

type Job = { resolve: (ok: boolean) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; busy: number; jobs: Map<number, Job> };

let slots: Slot[] | null = null;
let broken = false;
let seq = 0;

/** bcryptjs as Strapi's admin resolves it (the same copy that hashed the passwords). */
function bcryptPath(): string {
  try {
    return require.resolve('bcryptjs', { paths: [path.dirname(require.resolve('@strapi/admin/package.json'))] });
  } catch {
    return require.resolve('bcryptjs');
  }
}

export function threadCount(): number {
  const fromEnv = Number(process.env.PPID_PASSWORD_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return Math.min(fromEnv, 16);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

function start(): Slot[] {
  const n = threadCount();
  const bcrypt = bcryptPath();
  const out: Slot[] = [];
  for (let i = 0; i < n; i++) {
    const worker = new Worker(SOURCE, { eval: true, workerData: { bcrypt } });
    const slot: Slot = { worker, busy: 0, jobs: new Map() };
    worker.on('message', (m: { id: number; ok?: boolean; error?: string }) => {
      const job = slot.jobs.get(m.id);
      if (!job) return;
      slot.jobs.delete(m.id);
      slot.busy--;
      if (m.error) job.reject(new Error(m.error));
      else job.resolve(!!m.ok);
    });
    const fail = (e: unknown) => {
      for (const job of slot.jobs.values()) job.reject(e instanceof Error ? e : new Error(String(e)));
      slot.jobs.clear();
      slot.busy = 0;
      if (slots) slots = slots.filter((s) => s !== slot);
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('password thread exited')));
    // Idle threads never keep the process alive.
    worker.unref();
    out.push(slot);
  }
  return out;
}

/**
 * Whether `password` matches `hash`; `fallback` (Strapi's own check) for anything the threads
 * cannot do. Never throws for a wrong password: answers false.
 */
export async function comparePassword(password: string, hash: string, fallback: () => Promise<boolean>): Promise<boolean> {
  if (broken || !BCRYPT.test(hash) || threadCount() === 0) return fallback();
  try {
    if (!slots || !slots.length) slots = start();
    const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = ++seq;
    slot.busy++;
    return await new Promise<boolean>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.worker.postMessage({ id, password, hash });
    });
  } catch {
    broken = true;
    return fallback();
  }
}

/** Plugin destroy: stop the threads. */
export async function stopPasswordThreads(): Promise<void> {
  const all = slots ?? [];
  slots = null;
  await Promise.all(all.map((s) => s.worker.terminate().catch(() => undefined)));
}
