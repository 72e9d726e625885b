import path from 'path';
import { fork, type ChildProcess } from 'child_process';

/**
 * Boots a second Strapi app instance against the SAME database as the running test app, in a
 * child process (Strapi keeps process-wide singletons, so two instances cannot share one
 * process). The child inherits process.env, which startApp() filled with the database
 * settings. Call plugin services of the second instance with `service(name, method, ...args)`.
 */
export type SecondInstance = {
  setNow(date: Date | null): Promise<void>;
  service<T = unknown>(name: string, method: string, ...args: unknown[]): Promise<T>;
  /** strapi.documents(uid)[method](...args) on the second instance (the governance middleware runs). */
  documents<T = unknown>(uid: string, method: string, ...args: unknown[]): Promise<T>;
  stop(): Promise<void>;
};

export async function startSecondInstance(): Promise<SecondInstance> {
  const child: ChildProcess = fork(path.join(__dirname, 'instance-worker.js'), [], {
    env: { ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`second instance exited (${code})`)));
    child.on('message', (msg: any) => {
      if ('ready' in msg) return msg.ready ? resolve() : reject(new Error(msg.error));
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
  });
  const call = (msg: Record<string, unknown>) =>
    new Promise<any>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
  return {
    async setNow(date) {
      await call({ cmd: 'setNow', date: date ? date.toISOString() : null });
    },
    service: (name, method, ...args) => call({ cmd: 'service', service: name, method, args }),
    documents: (uid, method, ...args) => call({ cmd: 'documents', uid, method, args }),
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((r) => child.once('exit', r));
      await call({ cmd: 'stop' }).catch(() => child.kill());
      await exited;
    },
  };
}
